// Recordings of a session: see recordings.hpp.
#include "app/recordings.hpp"

#include <algorithm>
#include <filesystem>

#include "base/time.hpp"
#include "core/recording_clock.hpp"
#include "media/decoder.hpp"
#include "media/fingerprint.hpp"
#include "media/probe.hpp"

namespace triad::app {
namespace fs = std::filesystem;

namespace {

std::string name_of(const Recording& r) {
  std::string n = "recording " + std::to_string(r.id);
  if (!r.label.empty()) n += " (" + r.label + ")";
  return n;
}

}  // namespace

Result<Recording> describe_recording_file(const std::string& file, RowId session_id,
                                          std::vector<std::string>* problems) {
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec);
  if (ec) abs = file;
  auto info = media::probe(abs);
  if (!info) return info.error();
  auto fp = media::fingerprint_file(abs);
  if (!fp) return fp.error();
  Recording r;
  r.session_id = session_id;
  r.path = abs.lexically_normal().string();
  r.fingerprint = *fp;
  r.size_bytes = info->size_bytes ? info->size_bytes : static_cast<std::int64_t>(fs::file_size(abs, ec));
  r.duration_us = info->duration_us;
  r.stream_summary = info->summary();
  if (problems) *problems = info->problems;
  return r;
}

Result<Recording> add_recording(store::Library& lib, RowId session_id, const AddRecording& what) {
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  auto info = media::probe(what.file);
  if (!info) return info.error();
  const std::string shown = fs::path(what.file).filename().string();
  if (what.role == RecordingRole::Camera && info->video() == nullptr)
    return make_error(shown + " has no picture, so it cannot be a camera; add it as a microphone.");
  if (what.role != RecordingRole::Camera && info->audio() == nullptr)
    return make_error(shown + " has no sound, so it cannot be a microphone.");
  auto r = describe_recording_file(what.file, session_id);
  if (!r) return r.error();
  auto existing = lib.recordings_for_session(session_id);
  if (!existing) return existing.error();
  for (const auto& e : *existing)
    if (e.fingerprint == r->fingerprint)
      return make_error(shown + " is already " + name_of(e) + " of session '" + session->title + "'.");
  r->label = what.label;
  r->role = what.role;
  r->primary = existing->empty();
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto added = lib.add_recording(*r);
  if (!added) return added.error();
  if (auto c = tx->commit(); !c) return c.error();
  return added;
}

std::string recording_role_label(RecordingRole role) {
  switch (role) {
    case RecordingRole::Camera: return "camera";
    case RecordingRole::Microphone: return "microphone";
    case RecordingRole::TeacherMic: return "teacher microphone";
  }
  return "recording";
}

Result<std::vector<Recording>> list_recordings(store::Library& lib, RowId session_id) {
  if (auto s = lib.get_session(session_id); !s) return s.error();
  auto recs = lib.recordings_for_session(session_id);
  if (!recs) return recs.error();
  const Recording* clock = session_clock(*recs);
  std::vector<Recording> out;
  if (clock) out.push_back(*clock);
  for (const auto& r : *recs)
    if (&r != clock) out.push_back(r);
  std::sort(out.begin() + (clock ? 1 : 0), out.end(), [](const Recording& a, const Recording& b) { return a.id < b.id; });
  return out;
}

Result<Recording> session_recording(store::Library& lib, RowId session_id, RowId recording_id) {
  auto r = lib.get_recording(recording_id);
  if (!r || r->session_id != session_id)
    return make_error("Session " + std::to_string(session_id) + " has no recording " + std::to_string(recording_id) +
                      " (see `triad recording list`).");
  return r;
}

Result<Recording> set_recording_offset(store::Library& lib, RowId session_id, RowId recording_id, TimeUs offset_us) {
  auto r = session_recording(lib, session_id, recording_id);
  if (!r) return r.error();
  if (r->primary)
    return make_error(name_of(*r) + " is the session clock: the other recordings are placed on it, so move them instead.");
  r->sync_offset_us = offset_us;
  if (auto s = lib.update_recording(*r); !s) return s.error();
  return r;
}

Result<Recording> nudge_recording(store::Library& lib, RowId session_id, RowId recording_id, TimeUs delta_us) {
  auto r = session_recording(lib, session_id, recording_id);
  if (!r) return r.error();
  return set_recording_offset(lib, session_id, recording_id, r->sync_offset_us + delta_us);
}

Status remove_recording(store::Library& lib, RowId session_id, RowId recording_id) {
  auto r = session_recording(lib, session_id, recording_id);
  if (!r) return r.error();
  auto tx = lib.begin();
  if (!tx) return tx.error();
  if (auto st = lib.remove_recording(recording_id); !st) return st;
  return tx->commit();
}

Result<RecordingFrame> recording_frame_at(store::Library& lib, RowId session_id, RowId recording_id,
                                          TimeUs session_us) {
  auto r = session_recording(lib, session_id, recording_id);
  if (!r) return r.error();
  if (r->role != RecordingRole::Camera) return make_error(name_of(*r) + " is a microphone: it has no picture.");
  RecordingFrame out;
  out.recording = *r;
  out.media_us = recording_time_at(*r, session_us);
  const SessionSpan span = session_span(*r);
  if (out.media_us < 0)
    return make_error(name_of(*r) + " has not started at " + format_time(session_us) + ": it starts at session time " +
                      format_time(span.start_us) + ".");
  if (r->duration_us > 0 && out.media_us >= r->duration_us)
    return make_error(name_of(*r) + " has ended at " + format_time(session_us) + ": it ends at session time " +
                      format_time(span.end_us) + ".");
  media::DecoderOptions opt;
  opt.convert_unusual = false;  // the same picture `triad frame FILE` hashes
  opt.cache_bytes = 0;
  auto dec = media::VideoDecoder::open(r->path, opt);
  if (!dec) return dec.error();
  auto frame = (*dec)->seek(out.media_us);
  if (!frame) return frame.error();
  out.frame = *frame;
  return out;
}

}  // namespace triad::app
