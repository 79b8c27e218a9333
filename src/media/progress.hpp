#pragma once
// Progress and cooperative cancel for long media work (thumbnail strips, waveforms).
#include <functional>

namespace triad::media {

// Called from the working thread with the fraction done (0..1). Return false to cancel:
// the work stops at the next step and returns an Error with code kFailed ("cancelled").
// Must be cheap; it is called at most a few hundred times per job.
using ProgressFn = std::function<bool(double fraction)>;

}  // namespace triad::media
