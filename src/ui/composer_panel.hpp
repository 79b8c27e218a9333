#pragma once
// The comment being written: its time, the feedback stems as buttons, the framework's
// tags (with their hotkeys, toggled with Ctrl+digit while typing; stems with Alt+digit), the text. Enter
// saves and resumes, Shift+Enter saves and rewinds, Esc cancels.
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct ComposerPanel {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size);
  static float preferred_height(float scale) { return 250.0f * scale; }
  // What the last frame's stems, tags and refusal needed (0 before the first frame):
  // the workspace gives the composer at least this much when the column allows.
  float wanted_height = 0;

 private:
  bool was_open_ = false;
  bool refocus_ = false;  // a stem or tag button was clicked: typing (and Enter) go back to the text
  std::string text_;      // the text box's copy of the composer's text (see draw)
  bool text_active_ = false;
};

}  // namespace triad::ui
