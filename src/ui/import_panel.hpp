#pragma once
// The Import panel ("Import" in the session bar, or `import-panel`): a bundle or a comments
// file chosen in the in-window file browser is first imported as a dry run (app/share_files:
// the real import, rolled back), and the panel says what it would add or change — the
// session, comments added / updated / deleted, people new here, changes that would wait,
// refusals — before anything is written; "Import" then runs it, "Cancel" leaves the library
// as it was. A flat file goes into the open session; a bundle names its own.
#include <string>

#include "ui/file_browser.hpp"
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct ImportPanel {
  void draw(UiFrame& f, ImVec2 viewport);
  std::string error;  // the workspace's error line, shown at the panel's foot while it is open

 private:
  void draw_summary(UiFrame& f);
  FileBrowser browser_;
  bool was_open_ = false;
};

}  // namespace triad::ui
