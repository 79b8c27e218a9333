#pragma once
// Pictures the timeline draws, prepared outside the panel (GL textures by the studio,
// peaks by the background overview job).
#include <imgui.h>

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
};

}  // namespace triad::ui
