#pragma once
// Alignment of two recordings of the same lesson by their sound (a second camera, a lapel
// microphone, a phone on a desk), as video editors' "synchronise by audio" does:
//  1. coarse: the onset envelopes of both whole tracks (10 ms steps, from the loudness track
//     the waveform pass measures, media/waveform.hpp: one decode of each file, none when
//     its waveform is cached) are cross-correlated
//     (FFmpeg's FFT, libavutil/tx.h) over every lag that leaves enough overlap; the best
//     lag must stand out from the side lobes (the confidence), else the sound is not shared;
//  2. fine: at several points along the overlap, GCC-PHAT on the sound itself (analysis
//     rate, 8 kHz: 125 µs steps, interpolated) finds the local offset near the coarse one,
//     on a few seconds of each file decoded after a seek (media/mono_audio.hpp);
//  3. fit: offset + clock drift by least squares over the points that agree (outliers out).
// The result places the other recording on the reference's clock:
//   reference time = offset_us + other time * 1e9 / (1e9 + drift_ppb)
// (the convention of core/recording_clock.hpp, so it can be stored as it is).
// Refusals are errors with one sentence saying why: silent, no shared sound, too little overlap.
#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/open_input.hpp"
#include "media/progress.hpp"

namespace triad::media {

struct SoundAlignOptions {
  int rate = 8000;                        // analysis rate of the fine step
  TimeUs min_overlap_us = 8 * 1000000;    // less shared time than this is refused
  double min_confidence = 1.6;            // coarse peak / strongest side lobe (both above the mean)
  int max_points = 9;                     // fine points along the overlap
  ProgressFn progress;                    // 0..1 over both decodes and the analysis; false cancels
  OpenOptions open;
  bool use_cache = false;                 // loudness from and to the waveform cache (media/waveform.hpp)
  std::filesystem::path cache_dir;        // empty: the waveform's default cache folder
};

struct SoundAlignment {
  TimeUs offset_us = 0;        // reference time of the other recording's time 0
  std::int64_t drift_ppb = 0;  // the other clock's rate error, parts per billion
  double confidence = 0;       // coarse peak / strongest side lobe
  int points_used = 0;         // fine points that agreed with the fit
  int points_tried = 0;
  TimeUs overlap_us = 0;       // shared span of the two recordings
  TimeUs worst_residual_us = 0;  // largest disagreement of a used point with the fit
};

// Aligns `other` to `reference` by their sound. Errors: those of opening and decoding either
// file, kFailed "cancelled", and the refusals above (kFailed).
Result<SoundAlignment> align_sound_files(const std::filesystem::path& reference, const std::filesystem::path& other,
                                         const SoundAlignOptions& options = {});

}  // namespace triad::media
