#pragma once
// "Who is reviewing?": shown by itself while nobody is chosen (the window never takes
// the OS account), and from the person switcher in the session bar. Pick a person of
// the library or add your name; the choice is remembered for the next start.
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct IdentityPanel {
  void draw(UiFrame& f, ImVec2 viewport);

 private:
  char name_[128] = {};
  bool focus_name_ = true;
};

}  // namespace triad::ui
