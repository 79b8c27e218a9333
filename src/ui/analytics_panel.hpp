#pragma once
// Lesson analytics over the video (under the session bar), one of three views chosen by
// the buttons on top or the keys (T, Shift+A, Shift+G):
//  - Talk: progress of the background analysis (Cancel), the legend of the talk lane,
//    teacher / pupil / silence shares as a bar and in words, turns, the longest teacher
//    monologue, how sure the speaker split is, and the wait time after each question
//    (click one to go there);
//  - Agreement: the plain-language lines first, then kappa per pair of observers and per
//    tag, Fleiss' kappa for three or more, the moments "seen differently" (click to go
//    there) and each reviewer's balance of strengths to suggestions;
//  - Growth: the cycle's lessons side by side: mean wait time and talk shares as bar
//    charts, then a table (wait times, shares, questions, actions).
// Reads app::AnalyticsView through the workstation; every change is a command line.
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct AnalyticsPanel {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 max_size);

 private:
  void draw_talk(UiFrame& f);
  void draw_agreement(UiFrame& f);
  void draw_growth(UiFrame& f);
};

}  // namespace triad::ui
