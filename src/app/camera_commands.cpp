// The session's cameras in the window (issue 15): which one is large and takes frame
// steps, and how they share the video area. The pictures themselves are the media
// engine's (app/camera_followers.hpp); this is only the choice, kept per session.
#include <algorithm>

#include "app/recordings.hpp"
#include "app/workstation.hpp"
#include "base/parse.hpp"
#include "core/recording_clock.hpp"

namespace triad::app {

const char* to_string(CameraLayout l) {
  switch (l) {
    case CameraLayout::SideBySide: return "side";
    case CameraLayout::Large: return "large";
    case CameraLayout::PictureInPicture: return "pip";
  }
  return "side";
}

std::optional<CameraLayout> parse_camera_layout(std::string_view s) {
  if (s == "side" || s == "side-by-side") return CameraLayout::SideBySide;
  if (s == "large") return CameraLayout::Large;
  if (s == "pip" || s == "picture-in-picture") return CameraLayout::PictureInPicture;
  return std::nullopt;
}

void Workstation::open_other_cameras(const std::vector<Recording>& recordings) {
  recordings_ = recordings;
  // The window's own change (every caller passes the library's list): not one for the
  // next poll of the library to take for another program's.
  if (session_) polled_recordings_.emplace(session_->id, recordings);
  const Recording* clock = session_clock(recordings);
  clock_recording_.reset();
  if (clock == nullptr) return;
  // The clock first, as list_recordings gives them to the CLI.
  std::stable_partition(recordings_.begin(), recordings_.end(), [&](const Recording& r) { return r.id == clock->id; });
  clock_recording_ = *clock;
  std::vector<Recording> others;
  for (const auto& r : recordings)
    if (r.id != clock->id && r.role == RecordingRole::Camera) others.push_back(r);
  media_.set_cameras(*clock, others);
  apply_sound();  // placements may have changed: the chosen sound is placed anew
}

Result<Outcome> Workstation::cmd_camera(const Command& c) {
  const auto others = media_.cameras();
  const std::size_t count = others.size() + 1;
  if (c.args.empty()) return make_error("Usage: camera next|N.");
  if (count == 1) return make_error("This session has one camera; add another with \"Add a camera or microphone…\" in the Session panel's Recordings.");
  if (c.args[0] == "next") {
    focused_camera_ = (focused_camera_ + 1) % count;
  } else {
    auto n = parse_int(c.args[0], 1, static_cast<std::int64_t>(count), "the camera number");
    if (!n) return n.error();
    focused_camera_ = static_cast<std::size_t>(*n - 1);
  }
  std::string name = "Camera 1";
  if (focused_camera_ > 0)
    name = camera_name(others[focused_camera_ - 1].recording, focused_camera_ + 1);
  else if (clock_recording_)
    name = camera_name(*clock_recording_, 1);
  save_view_state();
  return done(name + " is shown large; frame steps move it.");
}

Result<Outcome> Workstation::cmd_layout(const Command& c) {
  if (c.args.empty()) return make_error("Usage: layout side|large|pip|next.");
  const std::string& a = c.args[0];
  if (a == "next") {
    camera_layout_ = camera_layout_ == CameraLayout::SideBySide ? CameraLayout::Large
                     : camera_layout_ == CameraLayout::Large    ? CameraLayout::PictureInPicture
                                                                : CameraLayout::SideBySide;
  } else if (auto l = parse_camera_layout(a)) {
    camera_layout_ = *l;
  } else {
    return make_error("The layout is side, large, pip or next, not '" + a + "'.");
  }
  save_view_state();
  const char* said = camera_layout_ == CameraLayout::SideBySide ? "side by side"
                     : camera_layout_ == CameraLayout::Large    ? "one large, the others small"
                                                                : "picture in picture";
  return done(std::string("Cameras: ") + said + ".");
}

Result<Outcome> Workstation::cmd_camera_offset(const Command& c) {
  if (c.args.size() != 2)
    return make_error("Usage: camera-offset N|rID TIME | N|rID +MS | N|rID -MS | N|rID +Ff | N|rID -Ff.");
  if (!clock_recording_ || recordings_.size() < 2)
    return make_error("This session has one recording; there is nothing to place beside it.");
  auto rec = recording_arg(c.args[0]);
  if (!rec) return rec.error();
  const std::string name = recording_title(*rec);
  if (rec->id == clock_recording_->id)
    return make_error(name + " is the session clock: the other recordings are placed on its time, so move them instead.");
  const std::string& v = c.args[1];
  Result<Recording> placed = make_error("");
  if (v.size() > 2 && (v.front() == '+' || v.front() == '-') && v.back() == 'f') {
    // A nudge by whole frames of that camera (its nominal frame rate).
    auto frames = parse_int(std::string_view(v).substr(1, v.size() - 2), 0, 100'000, "the nudge in frames");
    if (!frames) return frames.error();
    if (rec->role != RecordingRole::Camera)
      return make_error(name + " is a microphone: it has no frames, so nudge it in milliseconds.");
    TimeUs frame = 0;
    for (const auto& cam : media_.cameras())
      if (cam.recording.id == rec->id) frame = cam.frame_duration_us;
    if (frame <= 0) return make_error(name + " has no known frame rate; nudge it in milliseconds.");
    placed = nudge_recording(lib_, session_->id, rec->id, (v.front() == '-' ? -*frames : *frames) * frame);
  } else if (!v.empty() && (v.front() == '+' || v.front() == '-')) {
    // A nudge in milliseconds, as the CLI's --nudge.
    auto ms = parse_int(std::string_view(v).substr(1), 0, 600'000, "the nudge in milliseconds");
    if (!ms) return ms.error();
    placed = nudge_recording(lib_, session_->id, rec->id, (v.front() == '-' ? -*ms : *ms) * 1000);
  } else {
    auto t = parse_time(v);
    if (!t) return t.error();
    placed = set_recording_offset(lib_, session_->id, rec->id, *t);
  }
  if (!placed) return placed.error();
  // The cameras are placed anew; where the session is and which camera is large stay.
  if (auto recs = lib_.recordings_for_session(session_->id); recs) open_other_cameras(*recs);
  media_.update();
  return done(name + " now starts at " + format_time(placed.value().sync_offset_us) + " of the session.");
}

}  // namespace triad::app
