#pragma once
// A session's cameras played together headless (issue 15 figures, `triad play --session`):
// the window's engine (PlayerMedia with the other cameras following it) on null sinks,
// paced by the steady clock. Reports each camera's frames shown and dropped, and how long
// exact seeks take with every camera against the session clock's camera alone.
#include <string>
#include <vector>

#include <optional>

#include "app/session_sound.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

struct SessionPlayOptions {
  TimeUs start_us = 0;
  TimeUs seconds_us = 10'000'000;  // session time to play
  int seeks = 0;                   // exact seeks to time, with all cameras and with one
  // The sound heard (app/session_sound.hpp); unset: the one kept for the session.
  std::optional<SoundChoice> sound;
};

struct CameraPlayFigures {
  std::string label;
  std::int64_t frames_shown = 0;
  std::int64_t frames_dropped = 0;
};

struct SessionPlayReport {
  TimeUs start_us = 0;
  TimeUs end_us = 0;
  std::vector<CameraPlayFigures> cameras;  // the session clock first
  double wall_seconds = 0;
  double cpu_seconds = 0;
  // Mean wall time of one exact seek (until every camera shows its frame), with all the
  // session's cameras and with the clock camera alone, over the same positions.
  double seek_all_ms = 0;
  double seek_one_ms = 0;
  std::string sound;  // what was heard: sound_phrase()
  std::int64_t sound_frames = 0;  // sound frames the (null) device played
};

Result<SessionPlayReport> play_session_headless(store::Library& lib, RowId session_id, const SessionPlayOptions& options);

}  // namespace triad::app
