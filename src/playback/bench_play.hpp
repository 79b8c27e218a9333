#pragma once
// `triad-bench bench-play FILE --start S --seconds D` (../shared/bench/README.md §5, P1):
// real-time playback of D seconds from S with the null sinks. For the triad-bench main:
//   if (cmd == "bench-play") return triad::playback::bench_play_main(argc - 2, argv + 2);
// Prints one summary line on stderr; exit 0 on success, the media error code otherwise.
namespace triad::playback {

int bench_play_main(int argc, char** argv);

}  // namespace triad::playback
