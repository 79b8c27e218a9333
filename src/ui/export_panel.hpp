#pragma once
// The Export panel ("Export" in the session bar, or `export-panel`): every way a session
// leaves the library in one place — the HTML feedback report, a clip around the selected
// comment, the comments as CSV / JSON / WebVTT / SRT / ELAN, and a signed bundle for the
// triad or for everyone — with the file name to write, then progress and Cancel while the
// export job runs (app/export_job.hpp), and where the file went. The choice lives in the
// workstation (app/sharing_state.hpp) so a script opens the panel on it; the file name, the
// clip's margins and a sealed key's passphrase are this panel's view state.
#include <string>

#include "ui/ui_frame.hpp"

namespace triad::ui {

struct ExportPanel {
  void draw(UiFrame& f, ImVec2 viewport);
  std::string error;  // the workspace's error line, shown at the panel's foot while it is open

 private:
  void draw_job(UiFrame& f);
  std::string path_;
  std::string passphrase_;
  int pre_s_ = 5, post_s_ = 10;
  bool all_cameras_ = false;  // a report with every camera's frames side by side
  int named_for_choice_ = -1;  // path_ was made for this choice of this session
  RowId named_for_session_ = 0;
};

}  // namespace triad::ui
