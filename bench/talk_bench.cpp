// talk-bench FILE [RUNS]: the talk analysis of FILE against its waveform pass, both timed
// in this process back to back (the goal is a ratio: talk analysis <= 2x the waveform pass).
// Prints one line per run and the median ratio. bench/talk_analysis.sh makes a 100-minute
// synthetic lesson and runs this on it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/talk.hpp"
#include "media/log.hpp"
#include "media/voice_features.hpp"
#include "media/waveform.hpp"

using namespace triad;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

VoiceTrack to_track(const media::VoiceFeatures& f) {
  VoiceTrack t;
  t.frame_us = f.frame_us;
  t.frames.resize(f.frames.size());
  for (std::size_t i = 0; i < f.frames.size(); ++i) {
    auto& d = t.frames[i];
    const auto& s = f.frames[i];
    d.vad = s.vad;
    d.level_db = s.level_db;
    d.pitch_hz = s.pitch_hz;
    d.has_mfcc = s.has_mfcc;
    std::copy(s.mfcc.begin(), s.mfcc.end(), d.mfcc.begin());
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  media::quiet_ffmpeg_logs();
  if (argc < 2) {
    std::fprintf(stderr, "usage: talk-bench FILE [RUNS]\n");
    return 2;
  }
  const std::string path = argv[1];
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  std::vector<double> ratios;
  for (int r = 0; r < runs; ++r) {
    auto t0 = Clock::now();
    media::WaveformOptions wo;
    wo.use_cache = false;
    auto w = media::compute_waveform(path, 3000, wo);
    const double wave_s = seconds_since(t0);
    if (!w) {
      std::fprintf(stderr, "talk-bench: %s\n", w.error().message.c_str());
      return 1;
    }
    t0 = Clock::now();
    auto f = media::extract_voice_features(path);
    const double features_s = seconds_since(t0);
    if (!f) {
      std::fprintf(stderr, "talk-bench: %s\n", f.error().message.c_str());
      return 1;
    }
    auto t1 = Clock::now();
    auto labels = label_talk(to_track(*f), nullptr);
    auto summary = summarise_talk(labels, {});
    const double classify_s = seconds_since(t1);
    const double talk_s = features_s + classify_s;
    ratios.push_back(talk_s / wave_s);
    std::printf("run %d: duration %.0f s, waveform pass %.2f s, talk analysis %.2f s (features %.2f s, classify %.2f s), "
                "ratio %.2f; teacher %.0f%% pupils %.0f%% silence %.0f%%\n",
                r + 1, to_seconds(summary.duration_us), wave_s, talk_s, features_s, classify_s, talk_s / wave_s,
                summary.teacher_share * 100, summary.pupil_share * 100, summary.silence_share * 100);
  }
  std::sort(ratios.begin(), ratios.end());
  std::printf("median ratio talk/waveform: %.2f (goal <= 2.00)\n", ratios[ratios.size() / 2]);
  return 0;
}
