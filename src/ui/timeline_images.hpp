#pragma once
// Pictures the timeline draws, prepared outside the panel (GL textures by the studio,
// peaks by the background overview job).
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "base/time.hpp"
#include "core/model.hpp"

namespace triad::ui {

struct TimelineThumb {
  TimeUs at_us = 0;  // centre of the slice it stands for
  ImTextureID texture = nullptr;
  float aspect = 16.0f / 9.0f;
};

// A recording's sound as evenly spaced peaks over its length.
struct TimelineWave {
  TimeUs duration_us = 0;
  std::vector<float> min;  // in [-1, 1]
  std::vector<float> max;
  float peak = 0;  // the loudest |sample| of the whole recording, set with the peaks

  void set(std::vector<float> lo, std::vector<float> hi, TimeUs duration) {
    min = std::move(lo);
    max = std::move(hi);
    duration_us = duration;
    peak = 0;
    for (std::size_t b = 0; b < max.size() && b < min.size(); ++b) peak = std::max({peak, max[b], -min[b]});
  }
  bool empty() const { return max.empty() || duration_us <= 0; }
};

struct TimelineImages {
  std::vector<TimelineThumb> thumbs;  // the clock's pictures in time order, may be partial while computing
  TimelineWave wave;                  // the clock's sound
  // Every other recording's sound (app/recording_waves.hpp), drawn in its row, and the one
  // being read with how far ("40%").
  std::map<RowId, TimelineWave> recording_waves;
  RowId recording_wave_busy = 0;
  std::string recording_wave_progress;

  // The strip picture nearest to a time (a keyframe: close, not exact), or null.
  const TimelineThumb* picture_near(TimeUs t) const {
    const TimelineThumb* best = nullptr;
    for (const auto& th : thumbs)
      if (th.texture && (!best || std::llabs(th.at_us - t) < std::llabs(best->at_us - t))) best = &th;
    return best;
  }
};

}  // namespace triad::ui
