#pragma once
// "Re-key…" (the Session panel's roster, for the session's facilitator or observed teacher):
// a participant's new signing key, pasted or read from the bundle that was refused for it
// (chosen in the in-window file browser), shown beside their key here as fingerprints to
// compare aloud; the reviewer's passphrase when their own key is sealed; bound on
// "Re-key". The commands are app/rekey_commands.cpp's (`rekey PERSON --key K | --from FILE`,
// `rekey confirm`, `rekey cancel`); the panel only draws the step and emits them.
#include <string>

#include "ui/file_browser.hpp"
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct RekeyPanel {
  void draw(UiFrame& f, ImVec2 viewport);

 private:
  void draw_key_choice(UiFrame& f, const app::RekeyStep& step);
  FileBrowser browser_;
  std::string pasted_, passphrase_;
  RowId open_for_ = 0;  // the person the fields were last filled for
};

}  // namespace triad::ui
