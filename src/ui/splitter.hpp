#pragma once
// A draggable handle on the boundary between two panels. The placement rules (minimum sizes,
// the default, points at 1x) are app/panel_layout.hpp's; this only turns the pointer into a
// drag offset: a thin line, a resize cursor on hover, drag to resize, double-click to reset.
#include "app/panel_layout.hpp"
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct SplitterHandle {
  // `line_from`..`line_to`: the boundary (vertical for Splitter::Column, horizontal for
  // Splitter::Timeline) in window points. Updates `sizes` while dragged; returns true when a
  // drag ends or a double-click resets, i.e. when the new sizes should be persisted.
  bool draw(const char* id, app::Splitter which, ImVec2 line_from, ImVec2 line_to, app::PanelSizes& sizes,
            ImVec2 viewport, float scale);

 private:
  app::PanelSizes at_start_;  // the sizes when the current drag began
  bool dragging_ = false;
};

}  // namespace triad::ui
