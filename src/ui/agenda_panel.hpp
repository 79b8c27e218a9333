#pragma once
// Meeting mode's right column (in place of the comment list): the agenda built from
// every reviewer's comments the viewer may see. Each item shows its time, who flagged
// it and its tags; the current item opens to its comments with their replies
// threaded underneath and a Reply box. Previous / Play item / Next on top; the agreed
// actions (tick when done, add a new one) at the bottom.
#include <optional>
#include <string>

#include "ui/ui_frame.hpp"

namespace triad::ui {

struct AgendaPanel {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size);

 private:
  void draw_item_comments(UiFrame& f, const AgendaItem& item);
  void draw_actions(UiFrame& f);

  std::optional<RowId> replying_to_;  // the comment whose Reply box is open
  std::string reply_text_;
  bool focus_reply_ = false;
  std::string action_text_;
  int scrolled_to_ = -2;
};

}  // namespace triad::ui
