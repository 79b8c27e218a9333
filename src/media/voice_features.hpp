#pragma once
// Per-frame voice features of a file's sound, for the talk analysis (core/talk.hpp):
// one decode pass to 16 kHz mono, then per 10 ms frame
//   - WebRTC's voice activity detector (Debian's libwebrtc-audio-processing, a GMM
//     speech/noise model over six sub-bands; not an energy threshold),
//   - the RMS level,
//   - on every fourth frame the detector calls speech: pitch (aubio "yinfast") and the
//     spectral shape (aubio MFCC, 40 mel bands, 13 coefficients) of the last 32 ms.
// Features are left out of unvoiced frames, which keeps a 100-minute lesson cheap.
#include <array>
#include <filesystem>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/open_input.hpp"
#include "media/progress.hpp"

namespace triad::media {

constexpr int kVoiceMfcc = 13;

struct VoiceFeatureFrame {
  bool vad = false;
  float level_db = -120;  // RMS, dB full scale
  float pitch_hz = 0;     // 0 = none measured
  bool has_mfcc = false;
  std::array<float, kVoiceMfcc> mfcc{};
};

struct VoiceFeatures {
  TimeUs frame_us = 10'000;
  std::vector<VoiceFeatureFrame> frames;  // frame i covers [i*frame_us, (i+1)*frame_us)
};

struct VoiceFeatureOptions {
  int vad_mode = 2;      // WebRTC aggressiveness 0..3 (3 = fewest false alarms on noise)
  ProgressFn progress;   // fraction decoded; false cancels (kFailed "cancelled")
  OpenOptions open;
};

Result<VoiceFeatures> extract_voice_features(const std::filesystem::path& path, const VoiceFeatureOptions& options = {});

}  // namespace triad::media
