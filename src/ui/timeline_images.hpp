#pragma once
// Pictures the timeline draws, prepared outside the panel (GL textures by the studio,
// peaks by the background overview job).
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "base/time.hpp"

namespace triad::ui {

struct TimelineThumb {
  TimeUs at_us = 0;  // centre of the slice it stands for
  ImTextureID texture = nullptr;
  float aspect = 16.0f / 9.0f;
};

struct TimelineImages {
  std::vector<TimelineThumb> thumbs;  // in time order, may be partial while computing
  TimeUs duration_us = 0;
  std::vector<float> wave_min;        // evenly spaced peaks over duration_us, in [-1, 1]
  std::vector<float> wave_max;
  float wave_peak = 0;  // the loudest |sample| of the whole recording, set with the peaks

  void set_wave(std::vector<float> lo, std::vector<float> hi, TimeUs duration) {
    wave_min = std::move(lo);
    wave_max = std::move(hi);
    duration_us = duration;
    wave_peak = 0;
    for (std::size_t b = 0; b < wave_max.size() && b < wave_min.size(); ++b)
      wave_peak = std::max({wave_peak, wave_max[b], -wave_min[b]});
  }

  // The strip picture nearest to a time (a keyframe: close, not exact), or null.
  const TimelineThumb* picture_near(TimeUs t) const {
    const TimelineThumb* best = nullptr;
    for (const auto& th : thumbs)
      if (th.texture && (!best || std::llabs(th.at_us - t) < std::llabs(best->at_us - t))) best = &th;
    return best;
  }
};

}  // namespace triad::ui
