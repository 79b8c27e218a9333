#pragma once
// The zoomable timeline: ruler, thumbnail strip, waveform, one lane of comment markers
// per author (coloured by tag; interval comments as bars), loop range and playhead.
// Click or drag on the ruler/strip seeks; wheel zooms around the pointer; Shift+wheel
// or right-drag pans; clicking a marker jumps to its comment.
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct TimelinePanel {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size);

  // Where a time is drawn (for tests reading screenshots): x in window coordinates.
  float x_of(TimeUs t) const;
  float lane_y(std::size_t lane) const;  // centre of a lane (window coordinates)

 private:
  TimeUs view_start_ = 0, view_span_ = 1;
  float track_x0_ = 0, track_x1_ = 1;
  float lanes_y0_ = 0, lane_h_ = 22;
  TimeUs last_seek_sent_ = -1;
};

}  // namespace triad::ui
