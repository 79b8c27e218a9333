#pragma once
// Lesson Study (L in the session bar's menu, or `lesson-study`): the case pupils the triad
// follows (codes with a short description, never names), the lesson's phases, your
// predictions per pupil and phase (before your first comment), and predicted vs observed:
// each prediction beside the comments tagged with that pupil in that phase. Opens over the
// video like the session panel; Esc closes it. Every change is a command (case-pupil,
// lesson-phase, predict), so scripts and the CLI do the same.
#include <map>
#include <string>
#include <utility>

#include "ui/ui_frame.hpp"

namespace triad::ui {

struct LessonStudyPanel {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 max_size);
  std::string status;  // the workspace's status line, shown at the panel's foot while it is open
  bool status_is_error = false;

 private:
  void draw_setup(UiFrame& f);
  void draw_predictions(UiFrame& f);
  void draw_compared(UiFrame& f);
  std::string new_code_, new_description_, new_phase_, new_phase_at_;
  // Prediction boxes being typed in, by (pupil, phase); filled from the stored ones.
  std::map<std::pair<std::string, std::string>, std::string> drafts_;
  std::map<std::string, std::string> descriptions_;  // description boxes, by pupil code
  RowId drafts_for_session_ = 0;
};

}  // namespace triad::ui
