// triad-bench: the measurement CLI of ../shared/bench/README.md §5, so baseline.sh can
// time Triad's media engine beside ffmpeg and mpv in the same run. Not a user tool:
// the user-facing commands live in `triad`. Times on the command line are seconds.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/log.h>
}

#include "base/process_cpu.hpp"
#include "base/time.hpp"
#include "media/decoder.hpp"
#include "media/decoder_open.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/log.hpp"
#include "media/open_input.hpp"
#include "media/pipeline.hpp"
#include "media/png_writer.hpp"
#include "media/probe.hpp"
#include "media/stream_select.hpp"
#include "media/thumbnails.hpp"
#include "media/waveform.hpp"
#include "playback/bench_play.hpp"
#include "playback/stepper.hpp"

namespace {

namespace fs = std::filesystem;
using namespace triad;
using Clock = std::chrono::steady_clock;

int fail(const Error& e) {
  std::fprintf(stderr, "triad-bench: %s\n", e.message.c_str());
  return e.kind == ErrorKind::kUsage ? 2 : 1;
}

int usage() {
  std::fprintf(stderr,
               "usage: triad-bench bench-decode FILE [--threads N] [--seconds S] [--keyframes-only]\n"
               "       triad-bench bench-decode FILE --pipeline [--threads N]   (as playback decodes; prints\n"
               "                   decode<TAB>frames<TAB>seconds<TAB>cpu seconds<TAB>stream index; the\n"
               "                   seconds like ffmpeg's -benchmark rtime, the cpu seconds like its utime+stime)\n"
               "       triad-bench bench-open FILE\n"
               "       triad-bench bench-seek FILE T [--out F.png]\n"
               "       triad-bench bench-seekloop FILE --times t1/t2/... --steps N --start S\n"
               "       triad-bench bench-thumbs FILE N OUTDIR\n"
               "       triad-bench bench-waveform FILE OUT\n"
               "       triad-bench bench-probe FILE [--repeat N]   (in-process probe; prints probe<TAB>ms)\n");
  return 2;
}

TimeUs seconds_arg(const char* s) {
  auto t = parse_time(s);
  if (!t) {
    std::fprintf(stderr, "triad-bench: bad time '%s'\n", s);
    std::exit(2);
  }
  return *t;
}


double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Keyframes only, non-key packets dropped before the decoder (the K2 way).
int decode_keyframes(const std::string& file, int threads, TimeUs limit) {
  auto fmt = media::open_input(file);
  if (!fmt) return fail(fmt.error());
  AVFormatContext* ctx = fmt->get();
  const int si = media::pick_video_stream(ctx);
  if (si < 0) return fail(make_error(file + " has no video", ErrorKind::kCorrupt));
  for (unsigned i = 0; i < ctx->nb_streams; ++i)
    if (static_cast<int>(i) != si) ctx->streams[i]->discard = AVDISCARD_ALL;
  AVStream* st = ctx->streams[si];
  media::DecodeSetup setup;
  setup.threads = threads;
  auto opened = media::open_decoder(file, ctx, si, setup);
  if (!opened) return fail(opened.error());
  media::CodecContextPtr dec = std::move(opened.value());
  media::PacketPtr pkt = media::make_packet();
  media::FramePtr frame = media::make_frame();
  const std::int64_t start = ctx->start_time == AV_NOPTS_VALUE ? 0 : ctx->start_time;
  long frames = 0;
  bool eof = false;
  while (!eof) {
    media::arm_deadline(ctx, std::chrono::seconds(10));
    if (av_read_frame(ctx, pkt.get()) < 0) break;
    if (pkt->stream_index == si && (pkt->flags & AV_PKT_FLAG_KEY)) {
      if (limit > 0 && pkt->pts != AV_NOPTS_VALUE &&
          av_rescale_q(pkt->pts, st->time_base, AVRational{1, 1000000}) - start > limit)
        eof = true;
      else
        avcodec_send_packet(dec.get(), pkt.get());
    }
    av_packet_unref(pkt.get());
    while (avcodec_receive_frame(dec.get(), frame.get()) == 0) ++frames;
  }
  avcodec_send_packet(dec.get(), nullptr);
  while (avcodec_receive_frame(dec.get(), frame.get()) == 0) ++frames;
  std::fprintf(stderr, "keyframes decoded: %ld\n", frames);
  return 0;
}

// Every video frame through media::Pipeline exactly as playback decodes it (demux thread,
// video decode thread, bounded frame queue, the player's default thread choice unless
// `threads` >= 0), no audio, no display. The seconds printed sit beside ffmpeg's
// `-benchmark` rtime, which starts after ffmpeg has opened and probed the input and holds
// opening the decoder and decoding every frame: opening the decoder (with the pipeline's
// setup, on a probed context of our own) is timed on its own, then the decode from the
// first seek to the end of the stream; probing is left out as ffmpeg leaves it out.
int decode_like_playback(const std::string& file, int threads, TimeUs limit) {
  media::PipelineOptions po;
  po.audio = false;
  if (threads >= 0) po.video_threads = threads;
  int stream = -1;  // the one Pipeline picks, so a script can point ffmpeg at the same one
  double decoder_open_s = 0;
  double decoder_open_cpu = 0;
  {
    auto probed = media::open_input(file, po.open);
    if (!probed) return fail(probed.error());
    stream = media::pick_video_stream(probed->get());
    if (stream < 0) return fail(make_error(file + " has no video", ErrorKind::kCorrupt));
    media::DecodeSetup setup;
    setup.threads = po.video_threads;
    setup.max_pixels = po.open.max_pixels;
    const double c0 = process_cpu_seconds();
    const auto t0 = Clock::now();
    auto dec = media::open_decoder(file, probed->get(), stream, setup);
    decoder_open_s = ms_since(t0) / 1000.0;
    decoder_open_cpu = process_cpu_seconds() - c0;
    if (!dec) return fail(dec.error());
  }
  auto opened = media::Pipeline::open(file, po);
  if (!opened) return fail(opened.error());
  const double cpu0 = process_cpu_seconds() - decoder_open_cpu;  // probing left out, as from ffmpeg's utime
  media::Pipeline& p = **opened;
  if (!p.info().has_video) return fail(make_error(file + " has no video", ErrorKind::kCorrupt));
  std::mutex m;
  std::condition_variable cv;
  bool woken = false;
  p.set_wakeup([&] {
    {
      std::lock_guard lock(m);
      woken = true;
    }
    cv.notify_one();
  });
  const auto t_decode = Clock::now();
  p.seek(0, media::SeekMode::Exact);
  long frames = 0;
  double first_ms = 0;
  while (true) {
    auto item = p.pop_video();
    if (!item) {
      std::unique_lock lock(m);
      cv.wait_for(lock, std::chrono::milliseconds(20), [&] { return woken; });
      woken = false;
      continue;
    }
    if (item->eof || (limit > 0 && item->pts_us >= limit)) break;
    if (frames == 0) first_ms = ms_since(t_decode);
    ++frames;
  }
  const double decode_s = ms_since(t_decode) / 1000.0;
  if (auto e = p.error()) return fail(*e);
  const double seconds = decoder_open_s + decode_s;
  std::printf("decode\t%ld\t%.6f\t%.6f\t%d\n", frames, seconds, process_cpu_seconds() - cpu0, stream);
  std::fprintf(stderr, "frames decoded: %ld (decoder open %.1f ms, decode %.1f ms, first frame after %.1f ms)\n", frames,
               decoder_open_s * 1000, decode_s * 1000, first_ms);
  return 0;
}

int bench_decode(int argc, char** argv) {
  if (argc < 1) return usage();
  const std::string file = argv[0];
  int threads = -1;  // not given
  TimeUs limit = 0;
  bool keys = false;
  bool pipeline = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc) limit = seconds_arg(argv[++i]);
    else if (!std::strcmp(argv[i], "--keyframes-only")) keys = true;
    else if (!std::strcmp(argv[i], "--pipeline")) pipeline = true;
    else return usage();
  }
  if (pipeline) return decode_like_playback(file, threads, limit);
  if (threads < 0) threads = 2;
  if (keys) return decode_keyframes(file, threads, limit);
  media::DecoderOptions opt;
  opt.threads = threads;
  opt.convert_unusual = false;
  auto dec = media::VideoDecoder::open(file, opt);
  if (!dec) return fail(dec.error());
  long frames = 0;
  Status s = (*dec)->decode_all([&](const media::VideoFrame& f) {
    if (limit > 0 && f.pts_us >= limit) return false;
    ++frames;
    return true;
  });
  if (!s) return fail(s.error());
  std::fprintf(stderr, "frames decoded: %ld\n", frames);
  return 0;
}

int bench_open(int argc, char** argv) {
  if (argc != 1) return usage();
  auto dec = media::VideoDecoder::open(argv[0]);
  if (!dec) return fail(dec.error());
  auto f = (*dec)->next_frame();
  if (!f) return fail(f.error());
  return 0;
}

// Not in the §5 contract: the "probe in-process <= 20 ms", the first one cold (the
// process has just started; the file is in the page cache), the rest warm.
int bench_probe(int argc, char** argv) {
  if (argc != 1 && argc != 3) return usage();
  int repeat = 1;
  if (argc == 3) {
    if (std::strcmp(argv[1], "--repeat") != 0) return usage();
    repeat = std::max(1, std::atoi(argv[2]));
  }
  for (int i = 0; i < repeat; ++i) {
    auto t0 = Clock::now();
    auto info = media::probe(argv[0]);
    const double ms = ms_since(t0);
    if (!info) return fail(info.error());
    std::printf("probe\t%.3f\n", ms);
  }
  return 0;
}

int bench_seek(int argc, char** argv) {
  if (argc != 2 && argc != 4) return usage();
  const TimeUs t = seconds_arg(argv[1]);
  std::string out;
  if (argc == 4) {
    if (std::strcmp(argv[2], "--out") != 0) return usage();
    out = argv[3];
  }
  media::DecoderOptions opt;
  opt.convert_unusual = false;
  opt.cache_bytes = 0;  // one picture, no stepping: decoded frames go straight back to the pool
  auto dec = media::VideoDecoder::open(argv[0], opt);
  if (!dec) return fail(dec.error());
  auto f = (*dec)->seek(t);
  if (!f) return fail(f.error());
  if (!out.empty())
    if (Status s = media::write_png(*f, out); !s) return fail(s.error());
  return 0;
}

std::vector<TimeUs> split_times(const std::string& list) {
  std::vector<TimeUs> out;
  std::size_t at = 0;
  while (at <= list.size()) {
    const std::size_t slash = list.find('/', at);
    const std::string item = list.substr(at, slash == std::string::npos ? std::string::npos : slash - at);
    if (!item.empty()) out.push_back(seconds_arg(item.c_str()));
    if (slash == std::string::npos) break;
    at = slash + 1;
  }
  return out;
}

int bench_seekloop(int argc, char** argv) {
  if (argc < 1) return usage();
  const std::string file = argv[0];
  std::vector<TimeUs> times;
  int steps = 20;
  TimeUs start = 0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--times") && i + 1 < argc) times = split_times(argv[++i]);
    else if (!std::strcmp(argv[i], "--steps") && i + 1 < argc) steps = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--start") && i + 1 < argc) start = seconds_arg(argv[++i]);
    else return usage();
  }
  auto opened = media::VideoDecoder::open(file);
  if (!opened) return fail(opened.error());
  media::VideoDecoder& dec = **opened;
  if (auto f = dec.next_frame(); !f) return fail(f.error());  // the player has shown its first frame
  auto report = [](const char* what, double ms) { std::printf("%s\t%.3f\n", what, ms); };
  for (TimeUs t : times) {
    auto t0 = Clock::now();
    if (auto f = dec.seek_keyframe(t); !f) return fail(f.error());
    report("kf_seek", ms_since(t0));
  }
  const TimeUs span = std::max<TimeUs>(dec.duration_us(), 1);
  for (TimeUs t : times) {
    // Untimed: move far away first, so the exact seek cannot be served by frames the
    // keyframe seeks (or the previous exact seek) left in the cache.
    if (auto f = dec.seek_keyframe((t + span / 2) % span); !f) return fail(f.error());
    auto t0 = Clock::now();
    if (auto f = dec.seek(t); !f) return fail(f.error());
    report("hr_seek", ms_since(t0));
  }
  // Steps as the workstation makes them: through the frame stepper (its own decoder, which
  // keeps the whole GOP its first seek decodes), anchored at `start` like a paused player.
  auto stepper = playback::DecoderStepper::open(file);
  if (!stepper) return fail(stepper.error());
  auto at = (*stepper)->frame_at(start);
  if (!at) return fail(at.error());
  TimeUs shown = at->pts_us;
  for (int i = 0; i < steps; ++i) {
    auto t0 = Clock::now();
    auto f = (*stepper)->step(shown, -1);
    if (!f) return fail(f.error());
    report("back_step", ms_since(t0));
    shown = f->pts_us;
  }
  for (int i = 0; i < steps; ++i) {
    auto t0 = Clock::now();
    auto f = (*stepper)->step(shown, +1);
    if (!f) return fail(f.error());
    report("fwd_step", ms_since(t0));
    shown = f->pts_us;
  }
  return 0;
}

int bench_thumbs(int argc, char** argv) {
  if (argc != 3) return usage();
  const int n = std::atoi(argv[1]);
  const fs::path dir = argv[2];
  std::error_code ec;
  fs::create_directories(dir, ec);
  media::PngEncoder png;
  Status s = media::make_thumbnails(argv[0], n, [&](const media::Thumbnail& th) -> Status {
    char name[32];
    std::snprintf(name, sizeof name, "t%03d.png", th.index);
    return png.write(th.frame, dir / name, 160);
  });
  if (!s) return fail(s.error());
  return 0;
}

int bench_waveform(int argc, char** argv) {
  if (argc != 2) return usage();
  media::WaveformOptions opt;
  opt.use_cache = false;  // measure the decode pass, not the cache
  auto w = media::compute_waveform(argv[0], 3000, opt);
  if (!w) return fail(w.error());
  std::ofstream out(argv[1], std::ios::binary);
  for (std::size_t i = 0; i < w->min.size(); ++i) {
    out.write(reinterpret_cast<const char*>(&w->min[i]), sizeof(float));
    out.write(reinterpret_cast<const char*>(&w->max[i]), sizeof(float));
  }
  if (!out) return fail(make_error(std::string(argv[1]) + " could not be written", ErrorKind::kIoError));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  triad::media::quiet_ffmpeg_logs();
  if (argc < 2) return usage();
  const std::string cmd = argv[1];
  if (cmd == "bench-decode") return bench_decode(argc - 2, argv + 2);
  if (cmd == "bench-open") return bench_open(argc - 2, argv + 2);
  if (cmd == "bench-seek") return bench_seek(argc - 2, argv + 2);
  if (cmd == "bench-probe") return bench_probe(argc - 2, argv + 2);
  if (cmd == "bench-seekloop") return bench_seekloop(argc - 2, argv + 2);
  if (cmd == "bench-thumbs") return bench_thumbs(argc - 2, argv + 2);
  if (cmd == "bench-waveform") return bench_waveform(argc - 2, argv + 2);
  if (cmd == "bench-play") return triad::playback::bench_play_main(argc - 2, argv + 2);
  return usage();
}
