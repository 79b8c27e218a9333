#pragma once
// The audio overview for the timeline: min/max peaks per bucket over the whole sound
// track, computed in one decode pass. The pass keeps a fine level (one min/max pair per
// 256 samples, like Audacity's first summary level), cached on disk under
// $XDG_CACHE_HOME/triad/waveform/ keyed by the recording's content fingerprint, so any
// bucket count afterwards costs only a file read. (The cache lives outside the library
// file because media/ does not use the store.) The same pass measures the loudness of the
// mono mix per 10 ms (LoudnessTrack), which alignment by sound (media/sound_align.hpp)
// correlates: so aligning a recording whose waveform was drawn decodes nothing again, and
// one that was not costs one waveform pass (kept in the same cache file).
#include <cstdint>
#include <filesystem>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/open_input.hpp"
#include "media/progress.hpp"

namespace triad::media {

struct WaveformOptions {
  bool use_cache = true;                // read and write the fingerprint-keyed cache
  std::filesystem::path cache_dir;      // empty: $XDG_CACHE_HOME/triad/waveform (or ~/.cache/...)
  ProgressFn progress;                  // fraction of the track decoded; false cancels
  OpenOptions open;
};

struct Waveform {
  int sample_rate = 0;
  int channels = 0;
  TimeUs duration_us = 0;   // the span the buckets divide evenly
  std::vector<float> min;   // per bucket, in [-1, 1] (0 where there is no sound data)
  std::vector<float> max;
  bool from_cache = false;
};

// Errors: those of open_input; kCorrupt when there is no decodable audio stream; kFailed
// "cancelled" when progress returns false.
Result<Waveform> compute_waveform(const std::filesystem::path& path, int buckets, const WaveformOptions& options = {});

constexpr int kLoudnessPerSecond = 100;  // one loudness value per 10 ms

struct LoudnessTrack {
  TimeUs duration_us = 0;
  // Mean square of the channels' average per 10 ms from media time 0 (value i covers
  // [i*10 ms, (i+1)*10 ms)); 0 where the file has no sound (gaps are kept as gaps).
  std::vector<float> mean_square;
  bool from_cache = false;
};

// The loudness track of `path` from the waveform cache, or one waveform pass (which also
// caches the peaks). Errors: those of compute_waveform.
Result<LoudnessTrack> compute_loudness(const std::filesystem::path& path, const WaveformOptions& options = {});

// Where the cache for `fingerprint` lives (for tests and cleanup).
std::filesystem::path waveform_cache_file(const std::filesystem::path& cache_dir, const std::string& fingerprint);

}  // namespace triad::media
