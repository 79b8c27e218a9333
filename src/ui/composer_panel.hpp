#pragma once
// The comment being written: its time, the feedback stems as buttons, the framework's
// tags (with their hotkeys, toggled with Ctrl+digit while typing), the text. Enter
// saves and resumes, Shift+Enter saves and rewinds, Esc cancels.
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct ComposerPanel {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size);
  static float preferred_height(float scale) { return 250.0f * scale; }

 private:
  bool was_open_ = false;
};

}  // namespace triad::ui
