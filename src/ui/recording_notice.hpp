#pragma once
// Notes about the open session's recording files, over the top of the video: the protocol's
// retention date has passed (offers to delete the recording, asking once more before it
// does: `retention delete`, `retention confirm`), or the recording is not where it was last
// seen (offers "Find the recording…": a folder chosen in the in-window file browser is
// searched by fingerprint, `relink FOLDER`). State: app/sharing_state.hpp.
#include "ui/file_browser.hpp"
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct RecordingNotice {
  void draw(UiFrame& f, ImVec2 video_pos, ImVec2 video_size);

 private:
  void draw_retention(UiFrame& f);
  void draw_missing(UiFrame& f);
  FileBrowser browser_;
  bool finding_ = false;
  RowId finding_for_ = 0;
};

}  // namespace triad::ui
