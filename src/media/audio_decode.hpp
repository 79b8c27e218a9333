#pragma once
// The sound track of a file as one mono stream at a chosen rate, delivered in blocks as it
// decodes (a 100-minute lesson at 16 kHz is 96 M samples: streamed, never held whole).
// Used by the talk analysis; the waveform keeps its own peak pass.
#include <cstddef>
#include <filesystem>
#include <functional>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/open_input.hpp"
#include "media/progress.hpp"

namespace triad::media {

struct MonoDecodeOptions {
  int sample_rate = 16000;
  ProgressFn progress;  // fraction of the track decoded; false cancels (kFailed "cancelled")
  OpenOptions open;
};

// Called with consecutive blocks of samples in [-1, 1] from media time 0 (a late-starting
// sound track is preceded by silence so sample i is at i / rate seconds). Return false to stop.
using MonoSink = std::function<bool(const float* samples, std::size_t count)>;

// Returns the duration delivered. Errors: those of open_input; kCorrupt when there is no
// decodable sound track.
Result<TimeUs> decode_mono(const std::filesystem::path& path, const MonoSink& sink, const MonoDecodeOptions& options = {});

}  // namespace triad::media
