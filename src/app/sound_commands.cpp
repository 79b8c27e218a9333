// The sound heard in the window (issue 15): `sound clock|mix|N|rID` chooses it for the open
// session (kept in the library, app/session_sound.hpp) and the player mixes it in place of
// the session clock's own sound, placed by each recording's offset and drift.
#include <algorithm>
#include <limits>

#include "app/workstation.hpp"
#include "base/parse.hpp"
#include "core/recording_clock.hpp"

namespace triad::app {

Result<Recording> Workstation::recording_arg(std::string_view arg) const {
  if (recordings_.empty() || !clock_recording_) return make_error("This session has no recording.");
  if (!arg.empty() && (arg.front() == 'r' || arg.front() == 'R')) {
    auto id = parse_int(arg.substr(1), 1, std::numeric_limits<std::int64_t>::max(), "the recording id");
    if (!id) return id.error();
    auto it = std::find_if(recordings_.begin(), recordings_.end(), [&](const Recording& r) { return r.id == *id; });
    if (it == recordings_.end())
      return make_error("Recording " + std::to_string(*id) + " is not a recording of this session (see the Recordings section).");
    return *it;
  }
  const auto others = media_.cameras();
  auto n = parse_int(arg, 1, static_cast<std::int64_t>(others.size() + 1), "the camera number");
  if (!n) return n.error();
  if (*n == 1) return *clock_recording_;
  return others[static_cast<std::size_t>(*n - 2)].recording;
}

std::string Workstation::recording_title(const Recording& r) const {
  if (clock_recording_ && r.id == clock_recording_->id) return camera_name(r, 1);
  // Numbered in the session's order (the clock first), as the tiles number the cameras:
  // cameras from 2, microphones from 1.
  std::size_t cameras = 1, microphones = 0;
  for (const auto& other : recordings_) {
    if (clock_recording_ && other.id == clock_recording_->id) continue;
    const bool camera = other.role == RecordingRole::Camera;
    (camera ? cameras : microphones) += 1;
    if (other.id != r.id) continue;
    if (!r.label.empty()) return r.label;
    return camera ? camera_name(r, cameras) : "Microphone " + std::to_string(microphones);
  }
  return recording_name(r);
}

void Workstation::apply_sound() {
  sound_problem_.clear();
  if (!clock_recording_) return;
  auto beside = sound_beside(recordings_, *clock_recording_, sound_choice_);
  Status st = beside ? media_.set_sound(*beside) : Status(beside.error());
  if (!st) {
    // The choice is kept (the file may come back); the clock's own sound plays meanwhile.
    sound_problem_ = st.error().message;
    (void)media_.set_sound(std::nullopt);
    status_ = "The chosen sound cannot be played: " + sound_problem_;
  }
}

Result<Outcome> Workstation::cmd_sound(const Command& c) {
  if (c.args.size() != 1) return make_error("Usage: sound clock | sound mix | sound N (a camera) | sound rID (any recording).");
  if (!clock_recording_) return make_error("This session has no recording to hear.");
  const std::string& a = c.args[0];
  SoundChoice choice;
  if (a == "clock") {
    choice.kind = SoundChoice::Kind::Clock;
  } else if (a == "mix") {
    choice.kind = SoundChoice::Kind::Mix;
  } else {
    auto rec = recording_arg(a);
    if (!rec) return rec.error();
    if (rec->id != clock_recording_->id) choice = SoundChoice{SoundChoice::Kind::Recording, rec->id};
  }
  auto beside = sound_beside(recordings_, *clock_recording_, choice);
  if (!beside) return beside.error();
  if (auto st = media_.set_sound(*beside); !st) return st.error();
  if (auto st = save_sound_choice(lib_, session_->id, choice); !st) return st.error();
  sound_choice_ = choice;
  sound_problem_.clear();
  return done("Sound: " + sound_phrase(recordings_, choice) + ".");
}

}  // namespace triad::app
