#pragma once
// The comment list: filters (author, tag, kind, text search), the comments at a fixed
// row height so ImGuiListClipper draws only what is visible, click to jump,
// double-click to edit, right-click for set-to-current-frame and delete.
#include <string>

#include "ui/ui_frame.hpp"

namespace triad::ui {

struct CommentListPanel {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size);

 private:
  std::string search_;  // mirrors ws.filters().text while typing
  std::optional<RowId> scrolled_to_;
};

}  // namespace triad::ui
