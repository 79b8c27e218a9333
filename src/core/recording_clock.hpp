#pragma once
// Session time and each recording's own time. A session may have several cameras and
// microphones; one of them is the session clock, and every other recording is placed on it
// by an offset (the session time at which the recording's time 0 falls) and a clock-rate
// correction (drift, parts per billion) found by aligning their sound (media/sound_align.hpp).
// Comments stay in session time; frame indexes are per recording. Pure integer arithmetic.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/time.hpp"
#include "core/model.hpp"

namespace triad {

// The recording whose time is session time: the one marked primary, else the first
// (lowest id), nullptr when the session has none. The only place "the main recording" is chosen.
const Recording* session_clock(const std::vector<Recording>& recordings);

// The recording's own media time that shows session time `session_us`:
//   media = (session - offset) * (1e9 + drift_ppb) / 1e9, rounded to the nearest µs.
TimeUs recording_time_at(const Recording& r, TimeUs session_us);
// The inverse: the session time at which the recording shows its media time `media_us`.
TimeUs session_time_of(const Recording& r, TimeUs media_us);

// Recording `r` placed on the own time of `leader` (another recording of the session):
//   r's time = (leader's time - offset_us) * (1e9 + drift_ppb) / 1e9,
// so what plays beside the leader's file (another recording's sound) is read at the right
// time of its own without going through session time at every sample.
struct Placement {
  TimeUs offset_us = 0;
  std::int64_t drift_ppb = 0;
};
Placement placement_on(const Recording& leader, const Recording& r);

// Where a recording lies on the session timeline: [start, end) in session µs.
struct SessionSpan {
  TimeUs start_us = 0;
  TimeUs end_us = 0;
};
SessionSpan session_span(const Recording& r);

// What a camera is called on its tile, its timeline row and in messages: its label, else
// "Camera N" with N counted from 1 in the session's camera order (the clock first).
std::string camera_name(const Recording& r, std::size_t number);

}  // namespace triad
