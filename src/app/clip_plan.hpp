#pragma once
// What a clip export cuts: the segments around chosen comments and the caption each
// carries. The one implementation behind the window's `export clip` and the CLI's
// `triad clip`. Only comments the export view lets out (exchange/export_view.hpp) can be
// cut, so a caption never carries what a report or bundle could not.
#include <optional>
#include <string>
#include <vector>

#include "app/session_sound.hpp"
#include "base/result.hpp"
#include "exchange/clip.hpp"
#include "store/library.hpp"

namespace triad::app {

inline constexpr TimeUs kMaxClipRollUs = TimeUs{600} * kUsPerSecond;

struct ClipRequest {
  RowId session_id = 0;
  RowId exporter_id = 0;
  std::vector<std::string> comments;  // ids or uuids, in the order they are cut
  TimeUs pre_us = TimeUs{5} * kUsPerSecond;
  TimeUs post_us = TimeUs{10} * kUsPerSecond;
  TimeUs fallback_duration_us = 0;  // when the library does not know the recording's length
  // Cut from this camera of the session (its own picture and sound, its offset and drift
  // applied to the comments' session times); unset: the session clock's recording.
  std::optional<RowId> recording_id;
  // The sound (app/session_sound.hpp): another recording's, placed by its offset and drift
  // against the picture's recording (silence where it has none), or all mixed; unset: the
  // picture's own.
  std::optional<SoundChoice> sound;
};

struct ClipPlan {
  std::string recording_path;
  std::vector<exchange::ClipSegment> segments;
  // For exchange::ClipOptions::sound: unset, the recording's own sound.
  std::optional<std::vector<media::SoundPlacement>> sound;
};

// Refused (one sentence) for learning detectives, a session without a recording, a
// recording that is not the session's, a comment the chosen camera did not record, a
// pre/post-roll outside 0..600 s, or a comment the exporter may not take out (reported
// exactly like one that does not exist).
Result<ClipPlan> plan_clip(store::Library& lib, const ClipRequest& request);

}  // namespace triad::app
