#pragma once
// "New session" over the home screen: title, date, class, subject, teacher, focus,
// framework and the recording, chosen with the in-window file browser (SDL2 has no
// native dialog) or dropped on the window. "Create" runs one `new-session` command.
#include <string>

#include "ui/file_browser.hpp"
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct NewSessionPanel {
  void draw(UiFrame& f, ImVec2 viewport);

 private:
  char title_[200] = {}, date_[16] = {}, class_[64] = {}, subject_[64] = {}, teacher_[128] = {}, focus_[400] = {};
  char recording_[1024] = {};
  int framework_ = 0;   // index into home().frameworks
  bool was_open_ = false;
  bool browsing_ = false;
  FileBrowser browser_;
};

}  // namespace triad::ui
