#pragma once
// Start, back, play/pause, forward, end, frame steps, the time, speed and volume.
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct TransportBar {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size);
  float volume = 1.0f;  // slider state between frames
};

}  // namespace triad::ui
