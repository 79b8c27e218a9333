#pragma once
// A recording's sound as one mono track at a low, fixed analysis rate (for alignment by
// sound, media/sound_align.hpp): channels averaged, resampled with libswresample, and placed
// by the stream's timestamps so a gap in the file (a paused or dropped stretch) stays a gap
// of zeros instead of pulling the later sound earlier. Index 0 is media time 0.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/open_input.hpp"
#include "media/progress.hpp"

namespace triad::media {

struct MonoAudio {
  int rate = 0;                // samples per second of `samples`
  std::vector<float> samples;  // media time i / rate
  TimeUs duration_us() const { return rate > 0 ? static_cast<TimeUs>(samples.size()) * 1000000 / rate : 0; }
};

// Errors: those of open_input; kCorrupt when there is no decodable sound; kFailed
// "cancelled" when progress returns false. At most `max_duration_us` of sound is kept
// (a bound on memory for hostile files: 8 kHz floats are 115 MB an hour).
Result<MonoAudio> decode_mono(const std::filesystem::path& path, int rate, const ProgressFn& progress = {},
                              const OpenOptions& open = {}, TimeUs max_duration_us = TimeUs{6} * 3600 * 1000000);

}  // namespace triad::media
