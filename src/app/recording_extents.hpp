#pragma once
// Where each recording of a session lies on the timeline (issue 15: "the timeline shows each
// recording's extent"): one thin row per recording when the session has more than one, with
// a bar from its start (its offset) to its end (offset + duration, drift applied) in session
// time, so a late start, an early end or a gap shows at a glance. Pure geometry: the
// timeline panel gives the view and its track's x range and only draws what comes back.
#include <cstddef>
#include <vector>

#include "base/time.hpp"
#include "core/model.hpp"

namespace triad::app {

struct ExtentBar {
  std::size_t index = 0;      // into the recordings given (the session clock first)
  TimeUs start_us = 0;        // session time of its first moment
  TimeUs end_us = 0;          // session time of its end
  bool shown = false;         // some of it falls in the view; x0/x1 are meaningful only then
  float x0 = 0, x1 = 0;       // the bar, inside [track_x0, track_x1], at least one unit wide
  bool goes_on_before = false;  // it starts before the view (the bar is cut at the left edge)
  bool goes_on_after = false;   // it ends after the view (cut at the right edge)
};

// One bar per recording, in the order given, for the view [view_start_us, view_start_us +
// view_span_us) drawn over [track_x0, track_x1]; none for a session with fewer than two
// recordings (nothing changes on a one-recording timeline).
std::vector<ExtentBar> recording_extents(const std::vector<Recording>& recordings, TimeUs view_start_us,
                                         TimeUs view_span_us, float track_x0, float track_x1);

}  // namespace triad::app
