#pragma once
// The zoomable timeline: ruler, thumbnail strip, waveform, with several recordings a thin row
// each showing its extent on the session clock (where it starts and ends), the talk lane (teacher / pupil
// talk over silence, wait times after questions, green over 3 s; once the talk analysis
// runs, "Talk 40%" while it does), one lane of comment markers
// per author (coloured by tag; interval comments as bars), loop range and playhead.
// Click or drag on the ruler/strip seeks; wheel zooms around the pointer; Shift+wheel
// or right-drag pans; clicking a marker jumps to its comment.
#include <string>

#include "ui/ui_frame.hpp"

namespace triad::ui {

struct TimelinePanel {
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size);

  // Where a time is drawn (for tests reading screenshots): x in window coordinates.
  float x_of(TimeUs t) const;
  float lane_y(std::size_t lane) const;  // centre of a lane (window coordinates)
  float talk_lane_y0() const { return talk_y0_; }  // top of the talk lane, -1 when not shown

 private:
  TimeUs view_start_ = 0, view_span_ = 1;
  float track_x0_ = 0, track_x1_ = 1;
  float lanes_y0_ = 0, lane_h_ = 22;
  float talk_y0_ = -1, talk_h_ = 0;
  // Draws the talk lane; returns a tooltip for the pointer when it is over the lane.
  std::string draw_talk_lane(UiFrame& f, ImDrawList* dl, float label_x, float y0, float h);
  TimeUs last_seek_sent_ = -1;
};

}  // namespace triad::ui
