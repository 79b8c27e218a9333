#pragma once
// The home screen (no session open): the library's sessions newest first, the recently
// opened ones on top, with a search box; a click opens a session. Rows are drawn with
// ImGuiListClipper, so a library of hundreds of sessions costs only the visible rows.
#include <string>

#include "ui/ui_frame.hpp"

namespace triad::ui {

struct HomePanel {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size);

 private:
  char search_[256] = {};
  bool search_synced_ = false;
};

}  // namespace triad::ui
