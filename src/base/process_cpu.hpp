#pragma once
// CPU time this process has used, for the figures that report work done beside wall time
// (headless play, benchmarks): on a loaded machine wall time grows, CPU time does not.
namespace triad {

// User + system CPU seconds of the whole process so far, over every thread.
double process_cpu_seconds();

}  // namespace triad
