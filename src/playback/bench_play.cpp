#include "playback/bench_play.hpp"

#include <cstdio>
#include <string>

#include "base/time.hpp"
#include "playback/headless.hpp"

namespace triad::playback {

int bench_play_main(int argc, char** argv) {
  if (argc < 1) {
    std::fprintf(stderr, "usage: triad-bench bench-play FILE --start S --seconds D\n");
    return 2;
  }
  HeadlessOptions opt;
  const std::string file = argv[0];
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--start" || arg == "--seconds") && i + 1 < argc) {
      auto t = parse_time(argv[++i]);
      if (!t) {
        std::fprintf(stderr, "triad-bench: %s is not a time (%s)\n", argv[i], t.error().message.c_str());
        return 2;
      }
      (arg == "--start" ? opt.start_us : opt.seconds_us) = *t;
    } else {
      std::fprintf(stderr, "triad-bench: unknown bench-play argument %s\n", arg.c_str());
      return 2;
    }
  }
  auto r = play_headless(file, opt);
  if (!r) {
    std::fprintf(stderr, "triad-bench: %s\n", r.error().message.c_str());
    return r.error().kind == ErrorKind::kUsage ? 2 : 1;
  }
  std::fprintf(stderr, "bench-play: shown %lld dropped %lld av_max_ms %.1f av_mean_ms %.1f cpu_s %.2f wall_s %.2f\n",
               static_cast<long long>(r->frames_shown), static_cast<long long>(r->frames_dropped),
               r->av_offset_max_us / 1000.0, r->av_offset_mean_us / 1000.0, r->cpu_seconds, r->wall_seconds);
  return r->error.empty() ? 0 : 5;
}

}  // namespace triad::playback
