#pragma once
// A running or finished export (report or clip), over the bottom-right of the video:
// what is being written, a progress bar and Cancel; when finished, where the file is
// (or why it failed, in plain words) and Close.
#include "ui/ui_frame.hpp"

namespace triad::ui {

// The part the overlay and the Export panel share: while running, the progress bar and
// Cancel; once done, where the file is or why it failed. Inside a window, text wrap set.
void draw_export_job_state(UiFrame& f, const app::ExportJob& job);

struct ExportProgress {
  void draw(UiFrame& f, ImVec2 video_pos, ImVec2 video_size);
};

}  // namespace triad::ui
