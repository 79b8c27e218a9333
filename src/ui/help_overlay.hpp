#pragma once
// `?`: every key binding (as currently remapped) in a centred overlay.
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct HelpOverlay {
  void draw(UiFrame& f, ImVec2 viewport);
};

}  // namespace triad::ui
