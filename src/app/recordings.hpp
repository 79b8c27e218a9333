#pragma once
// Use cases for the recordings of a session (cameras and microphones on one session clock):
// add, list, place by hand (typed offset, nudge), remove, and the picture a camera shows at
// a session time. The CLI (`triad recording`, `triad frame --session`) and the window call
// these; alignment by sound is in app/recording_align.hpp.
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "media/video_frame.hpp"
#include "store/library.hpp"

namespace triad::app {

// Probes and fingerprints `file` (made absolute) into a Recording of `session_id`, without
// storing it. `problems` receives the prober's warnings. Errors name the file and reason.
Result<Recording> describe_recording_file(const std::string& file, RowId session_id,
                                          std::vector<std::string>* problems = nullptr);

struct AddRecording {
  std::string file;
  std::string label;
  RecordingRole role = RecordingRole::Camera;
};
// Adds a camera or microphone to the session at offset 0 (align it afterwards), in one
// transaction: `triad recording add` and the window's `recording-add` both call this. The
// first recording of a session becomes its clock. A camera needs a picture, a microphone
// sound; the same file twice in one session is refused.
Result<Recording> add_recording(store::Library& lib, RowId session_id, const AddRecording& what);

// What a role is called in sentences and in the window: "camera", "microphone", "teacher microphone".
std::string recording_role_label(RecordingRole role);

// The session's recordings, session clock first, then by id.
Result<std::vector<Recording>> list_recordings(store::Library& lib, RowId session_id);

// The recording `recording_id` of the session, or an error saying it is not one of them.
Result<Recording> session_recording(store::Library& lib, RowId session_id, RowId recording_id);

// Places a recording by hand: its time 0 falls at session time `offset_us` (set) or moves by
// `delta_us` (nudge). The session clock cannot move (it is what the others are placed on).
Result<Recording> set_recording_offset(store::Library& lib, RowId session_id, RowId recording_id, TimeUs offset_us);
Result<Recording> nudge_recording(store::Library& lib, RowId session_id, RowId recording_id, TimeUs delta_us);

// Deletes the recording from the session (never the file), in one transaction; the clock
// passes to the oldest other (the window does not offer to remove the clock it plays).
// `triad recording remove` and the window's `recording-remove` both call this.
Status remove_recording(store::Library& lib, RowId session_id, RowId recording_id);

// The picture recording `recording_id` shows at session time `session_us`: its own exact
// frame at recording_time_at(session_us) (offset and drift applied), decoded as `triad frame
// FILE` does. Before the recording starts or after it ends: an error saying so.
struct RecordingFrame {
  Recording recording;
  TimeUs media_us = 0;  // the recording's own time asked for
  media::VideoFrame frame;
};
Result<RecordingFrame> recording_frame_at(store::Library& lib, RowId session_id, RowId recording_id,
                                          TimeUs session_us);

}  // namespace triad::app
