// Where each recording lies on the timeline: see recording_extents.hpp.
#include "app/recording_extents.hpp"

#include <algorithm>

#include "core/recording_clock.hpp"

namespace triad::app {

std::vector<ExtentBar> recording_extents(const std::vector<Recording>& recordings, TimeUs view_start_us,
                                         TimeUs view_span_us, float track_x0, float track_x1) {
  std::vector<ExtentBar> bars;
  if (recordings.size() < 2) return bars;
  const TimeUs span = std::max<TimeUs>(1, view_span_us);
  const TimeUs view_end = view_start_us + span;
  auto x_of = [&](TimeUs t) {
    const double frac = static_cast<double>(t - view_start_us) / static_cast<double>(span);
    return track_x0 + static_cast<float>(frac) * (track_x1 - track_x0);
  };
  for (std::size_t i = 0; i < recordings.size(); ++i) {
    const SessionSpan s = session_span(recordings[i]);
    ExtentBar b;
    b.index = i;
    b.start_us = s.start_us;
    b.end_us = s.end_us;
    b.goes_on_before = s.start_us < view_start_us;
    b.goes_on_after = s.end_us > view_end;
    b.shown = s.end_us > view_start_us && s.start_us < view_end && s.end_us > s.start_us;
    if (b.shown) {
      b.x0 = x_of(std::max(s.start_us, view_start_us));
      b.x1 = std::max(b.x0 + 1.0f, x_of(std::min(s.end_us, view_end)));
      b.x1 = std::min(b.x1, std::max(track_x1, b.x0 + 1.0f));
    }
    bars.push_back(b);
  }
  return bars;
}

}  // namespace triad::app
