#pragma once
// The strip along the top: lesson title, date, focus, and "Reviewing as" (always visible).
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct SessionBar {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size);
};

}  // namespace triad::ui
