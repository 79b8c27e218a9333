#pragma once
// A running or finished export (report or clip), over the bottom-right of the video:
// what is being written, a progress bar and Cancel; when finished, where the file is
// (or why it failed, in plain words) and Close.
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct ExportProgress {
  void draw(UiFrame& f, ImVec2 video_pos, ImVec2 video_size);
};

}  // namespace triad::ui
