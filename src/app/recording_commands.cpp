// Adding and removing a session's cameras and microphones from the window (issue 15):
// `recording-add` opens the Recordings section's form (the in-window file browser lists
// recordings), `recording-add FILE --label L --role R` adds through the same use case as
// `triad recording add` (app/recordings.hpp) and offers "Align by sound" for it;
// `recording-remove rID` asks, `recording-remove rID confirm` removes as `triad recording
// remove` does. Refusals are one sentence, kept for the section to show.
#include <filesystem>

#include "app/recordings.hpp"
#include "app/workstation.hpp"
#include "core/recording_clock.hpp"

namespace triad::app {

void Workstation::reload_recordings() {
  auto recs = lib_.recordings_for_session(session_->id);
  if (!recs) {
    status_ = recs.error().message;
    return;
  }
  if (!media_info_ || !session_clock(*recs) || !clock_recording_ || session_clock(*recs)->id != clock_recording_->id) {
    // The first recording of a session without one: it is its clock, and the window opens it.
    if (auto st = open_session(std::to_string(session_->id)); !st) status_ = st.error().message;
    return;
  }
  open_other_cameras(*recs);
  const std::size_t count = media_.cameras().size() + 1;
  if (focused_camera_ >= count) focused_camera_ = 0;
  media_.update();
}

Result<Outcome> Workstation::cmd_recording_add(const Command& c) {
  if (c.args.empty()) {
    recording_form_ = RecordingForm{};
    recording_form_.adding = true;
    // The browser starts where the last file was looked for, else beside the session clock's file.
    Command browse;
    browse.name = "browse";
    if (folder_.folder.empty() || folder_.show != "recordings") {
      if (clock_recording_) browse.options.emplace("near", clock_recording_->path);
    }
    (void)cmd_browse(browse);  // an unreadable folder is said in the browser itself
    return done("Choose the file of the camera or microphone, then its name and role.");
  }
  if (c.args.size() != 1) return make_error("Usage: recording-add | recording-add FILE [--label L] [--role camera|microphone|teacher-mic] | recording-add cancel.");
  if (c.args[0] == "cancel") {
    recording_form_ = RecordingForm{};
    return done();
  }
  const std::string role_text = c.option("role").value_or("camera");
  auto fail = [&](Error e) -> Result<Outcome> {
    recording_form_.error = e.message;
    return e;
  };
  auto role = parse_recording_role(role_text);
  if (!role) return fail(Error{"The role is camera, microphone or teacher-mic, not '" + role_text + "'."});
  auto added = add_recording(lib_, session_->id, AddRecording{c.args[0], c.option("label").value_or(""), *role});
  if (!added) return fail(added.error());
  recording_form_ = RecordingForm{};
  reload_recordings();
  const bool clock = clock_recording_ && clock_recording_->id == added->id;
  const std::string name = recording_title(*added);
  if (clock) return done(name + " is added as the session clock.");
  recording_form_.added = added->id;
  return done(name + " is added at the start of the session; align it by its sound to place it.");
}

Result<Outcome> Workstation::cmd_recording_remove(const Command& c) {
  if (c.args.empty() || c.args.size() > 2)
    return make_error("Usage: recording-remove N|rID [confirm] | recording-remove cancel.");
  if (c.args[0] == "cancel") {
    recording_form_.removing = 0;
    return done();
  }
  auto fail = [&](Error e) -> Result<Outcome> {
    recording_form_.error = e.message;
    recording_form_.removing = 0;
    return e;
  };
  auto rec = recording_arg(c.args[0]);
  if (!rec) return fail(rec.error());
  const std::string name = recording_title(*rec);
  if (clock_recording_ && rec->id == clock_recording_->id)
    return fail(Error{name + " is the session clock: the window plays it and the other recordings are placed on its time, so it stays."});
  if (align_job_ && align_.recording_id == rec->id)
    return fail(Error{name + " is being aligned; cancel the alignment before removing it."});
  if (c.args.size() == 1) {
    recording_form_.error.clear();
    recording_form_.removing = rec->id;
    return done("Remove " + name + " from this session? Its file stays where it is.");
  }
  if (c.args[1] != "confirm") return make_error("Usage: recording-remove N|rID [confirm] | recording-remove cancel.");
  if (auto st = remove_recording(lib_, session_->id, rec->id); !st) return fail(st.error());
  recording_form_.removing = 0;
  recording_form_.error.clear();
  if (recording_form_.added == rec->id) recording_form_.added = 0;
  if (!align_job_ && align_.recording_id == rec->id) align_ = AlignState{};
  if (sound_choice_.kind == SoundChoice::Kind::Recording && sound_choice_.recording_id == rec->id) {
    sound_choice_ = SoundChoice{};  // its sound went with it: the clock's plays
    (void)save_sound_choice(lib_, session_->id, sound_choice_);
  }
  reload_recordings();
  return done(name + " is removed from this session (its file is left where it is).");
}

}  // namespace triad::app
