#pragma once
// The session's details (S, or "Session" in the session bar): the protocol (focus /
// research questions, frameworks, feedback stems and which are required, who sees new
// comments, blind review, retention date), the triad with roles and review time (and, for
// the facilitator or observed teacher, "Re-key…" on the rows of others who sign: ui/rekey_panel.hpp), the
// review's submit / reveal, the recordings (placed by hand or aligned by sound,
// ui/recordings_section.hpp) and a way to the Export panel (ui/export_panel.hpp).
// Opens under the session bar, over the video; Esc or S closes it.
#include <string>

#include "ui/recordings_section.hpp"
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct SessionPanel {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 max_size);
  std::string status;  // the workspace's status line, shown at the panel's foot while it is open
  bool status_is_error = false;

 private:
  // Session setup (the same commands as scripts: protocol set, participant add/role/remove).
  void draw_protocol_setup(UiFrame& f);
  void draw_add_participant(UiFrame& f);
  void draw_lesson_study_summary(UiFrame& f);
  RecordingsSection recordings_;
  std::string focus_, retention_, new_person_;
  int new_role_ = 1;  // observer
  RowId focus_loaded_for_ = 0;
};

}  // namespace triad::ui
