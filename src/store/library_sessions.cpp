// Sessions (filmed lessons) and their recordings.
#include "base/uuid.hpp"
#include "store/library_internal.hpp"

namespace triad::store {

using namespace detail;

namespace {

Status check_session_fields(const Session& s) {
  if (trim(s.title).empty()) return bad_input("A session needs a title.");
  if (!s.date.empty()) {
    // ISO calendar date only: it is a lesson date, not a timestamp.
    const std::string& d = s.date;
    bool shape = d.size() == 10 && d[4] == '-' && d[7] == '-';
    for (std::size_t i = 0; shape && i < d.size(); ++i)
      if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) shape = false;
    int month = shape ? (d[5] - '0') * 10 + (d[6] - '0') : 0;
    int day = shape ? (d[8] - '0') * 10 + (d[9] - '0') : 0;
    if (!shape || month < 1 || month > 12 || day < 1 || day > 31)
      return bad_input("'" + d + "' is not a date (use YYYY-MM-DD).");
  }
  if (s.cycle_position < 0) return bad_input("A cycle position must be 1 or more.");
  if (s.cycle_position > 0 && trim(s.cycle).empty())
    return bad_input("A cycle position needs a cycle name.");
  return ok_status();
}

const std::string kSessionSelect = "SELECT " + std::string(kSessionCols) + " FROM sessions s ";
const std::string kRecordingSelect = "SELECT " + std::string(kRecordingCols) + " FROM recordings r ";

}  // namespace

Result<Session> Library::add_session(Session s) {
  if (auto c = check_session_fields(s); !c) return c.error();
  if (s.uuid.empty()) s.uuid = new_uuid();
  if (!is_uuid(s.uuid)) return bad_input("'" + s.uuid + "' is not a UUID.");
  if (s.teacher_id)
    if (auto p = get_person(*s.teacher_id); !p) return p.error();
  if (s.school_id)
    if (auto sc = get_school(*s.school_id); !sc) return sc.error();
  s.title = trim(s.title);
  s.created_at_ms = s.created_at_ms ? s.created_at_ms : now_ms();
  s.updated_at_ms = s.updated_at_ms ? s.updated_at_ms : s.created_at_ms;
  auto st = Stmt::prepare(db_,
                          "INSERT INTO sessions(uuid, title, date, school_id, teacher_id, subject, year_group, "
                          "class_label, focus, cycle, cycle_position, created_at_ms, updated_at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  if (!st) return st.error();
  st->bind(1, s.uuid).bind(2, s.title).bind(3, s.date).bind(4, s.school_id).bind(5, s.teacher_id);
  st->bind(6, s.subject).bind(7, s.year_group).bind(8, s.class_label).bind(9, s.focus).bind(10, s.cycle);
  st->bind(11, s.cycle_position).bind(12, s.created_at_ms).bind(13, s.updated_at_ms);
  if (auto r = st->run(); !r) {
    if ((sqlite3_extended_errcode(db_.handle()) & 0xff) == SQLITE_CONSTRAINT)
      return bad_input("A session with uuid " + s.uuid + " already exists.");
    return r.error();
  }
  s.id = db_.last_insert_rowid();
  return s;
}

Result<Session> Library::get_session(RowId id) {
  auto s = query_one<Session>(
      db_, kSessionSelect + "WHERE s.id = ?1", [&](Stmt& st) { st.bind(1, id); },
      [](const Stmt& st) { return read_session(st); });
  if (!s) return s.error();
  if (!*s) return bad_input("No session with id " + std::to_string(id) + ".");
  return **s;
}

Result<std::optional<Session>> Library::find_session_by_uuid(std::string_view uuid) {
  return query_one<Session>(
      db_, kSessionSelect + "WHERE s.uuid = ?1", [&](Stmt& st) { st.bind(1, uuid); },
      [](const Stmt& st) { return read_session(st); });
}

Result<Session> Library::resolve_session(std::string_view key) {
  RowId id = 0;
  if (parse_row_id(key, id)) {
    auto s = get_session(id);
    if (s || s.error().kind != kErrFailure) return s;
  }
  if (is_uuid(key)) {
    auto s = find_session_by_uuid(key);
    if (!s) return s.error();
    if (*s) return **s;
  }
  std::string title = trim(key);
  auto matches = query_all<Session>(
      db_, kSessionSelect + "WHERE s.title = ?1 COLLATE NOCASE ORDER BY s.id", [&](Stmt& st) { st.bind(1, title); },
      [](const Stmt& st) { return read_session(st); });
  if (!matches) return matches.error();
  if (matches->size() == 1) return matches->front();
  if (matches->size() > 1)
    return bad_input(std::to_string(matches->size()) + " sessions are titled '" + title +
                     "'; name one by its id (`triad session list`).");
  return bad_input("No session '" + std::string(key) + "' (see `triad session list`).");
}

Result<std::vector<Session>> Library::list_sessions() {
  return query_all<Session>(
      db_, kSessionSelect + "ORDER BY s.date DESC, s.title COLLATE NOCASE, s.id", [](Stmt&) {},
      [](const Stmt& st) { return read_session(st); });
}

Status Library::update_session(const Session& s) { return put_session_metadata(s, now_ms()); }

Status Library::put_session_metadata(const Session& s, std::int64_t updated_at_ms) {
  if (auto c = check_session_fields(s); !c) return c;
  if (auto old = get_session(s.id); !old) return old.error();
  if (s.teacher_id)
    if (auto p = get_person(*s.teacher_id); !p) return p.error();
  if (s.school_id)
    if (auto sc = get_school(*s.school_id); !sc) return sc.error();
  auto st = Stmt::prepare(db_,
                          "UPDATE sessions SET title = ?2, date = ?3, school_id = ?4, teacher_id = ?5, subject = ?6, "
                          "year_group = ?7, class_label = ?8, focus = ?9, cycle = ?10, cycle_position = ?11, "
                          "updated_at_ms = ?12, created_at_ms = coalesce(nullif(?13, 0), created_at_ms) WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, s.id).bind(2, trim(s.title)).bind(3, s.date).bind(4, s.school_id).bind(5, s.teacher_id);
  st->bind(6, s.subject).bind(7, s.year_group).bind(8, s.class_label).bind(9, s.focus).bind(10, s.cycle);
  st->bind(11, s.cycle_position).bind(12, updated_at_ms).bind(13, s.created_at_ms);
  return st->run();
}

// ---- recordings ------------------------------------------------------------------------

Result<Recording> Library::add_recording(Recording r) {
  if (auto s = get_session(r.session_id); !s) return s.error();
  if (r.path.empty()) return bad_input("A recording needs a file path.");
  if (r.fingerprint.empty()) return bad_input("A recording needs a fingerprint.");
  if (r.size_bytes < 0 || r.duration_us < 0) return bad_input("A recording cannot have a negative size or duration.");
  auto st = Stmt::prepare(db_,
                          "INSERT INTO recordings(session_id, path, fingerprint, size_bytes, duration_us, "
                          "stream_summary, sync_offset_us, is_primary, label, role, drift_ppb) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!st) return st.error();
  st->bind(1, r.session_id).bind(2, r.path).bind(3, r.fingerprint).bind(4, r.size_bytes).bind(5, r.duration_us);
  st->bind(6, r.stream_summary).bind(7, r.sync_offset_us).bind(8, r.primary).bind(9, trim(r.label));
  st->bind(10, to_string(r.role)).bind(11, r.drift_ppb);
  if (auto s = st->run(); !s) return s.error();
  r.id = db_.last_insert_rowid();
  return r;
}

Result<Recording> Library::get_recording(RowId id) {
  auto r = query_one<Recording>(
      db_, kRecordingSelect + "WHERE r.id = ?1", [&](Stmt& st) { st.bind(1, id); },
      [](const Stmt& st) { return read_recording(st); });
  if (!r) return r.error();
  if (!*r) return bad_input("No recording with id " + std::to_string(id) + ".");
  return **r;
}

Result<std::vector<Recording>> Library::recordings_for_session(RowId session_id) {
  return query_all<Recording>(
      db_, kRecordingSelect + "WHERE r.session_id = ?1 ORDER BY r.is_primary DESC, r.id",
      [&](Stmt& st) { st.bind(1, session_id); }, [](const Stmt& st) { return read_recording(st); });
}

Result<std::vector<Recording>> Library::find_recordings_by_fingerprint(std::string_view fingerprint) {
  return query_all<Recording>(
      db_, kRecordingSelect + "WHERE r.fingerprint = ?1 ORDER BY r.id", [&](Stmt& st) { st.bind(1, fingerprint); },
      [](const Stmt& st) { return read_recording(st); });
}

Status Library::set_recording_path(RowId recording_id, std::string_view path) {
  if (path.empty()) return bad_input("A recording needs a file path.");
  if (auto r = get_recording(recording_id); !r) return r.error();
  auto st = Stmt::prepare(db_, "UPDATE recordings SET path = ?2 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, recording_id).bind(2, path);
  return st->run();
}

Status Library::update_recording(const Recording& r) {
  if (auto old = get_recording(r.id); !old) return old.error();
  if (r.path.empty() || r.fingerprint.empty()) return bad_input("A recording needs a file path and a fingerprint.");
  auto st = Stmt::prepare(db_,
                          "UPDATE recordings SET path = ?2, fingerprint = ?3, size_bytes = ?4, duration_us = ?5, "
                          "stream_summary = ?6, sync_offset_us = ?7, is_primary = ?8, label = ?9, role = ?10, "
                          "drift_ppb = ?11 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, r.id).bind(2, r.path).bind(3, r.fingerprint).bind(4, r.size_bytes).bind(5, r.duration_us);
  st->bind(6, r.stream_summary).bind(7, r.sync_offset_us).bind(8, r.primary).bind(9, trim(r.label));
  st->bind(10, to_string(r.role)).bind(11, r.drift_ppb);
  return st->run();
}

Status Library::remove_recording(RowId recording_id) {
  auto old = get_recording(recording_id);
  if (!old) return old.error();
  auto st = Stmt::prepare(db_, "DELETE FROM recordings WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, recording_id);
  if (auto s = st->run(); !s) return s;
  if (!old->primary) return ok_status();
  // The session clock went: the oldest remaining recording becomes it. It keeps its offset
  // and drift, so session time (where the comments are) does not move.
  auto next = Stmt::prepare(db_,
                            "UPDATE recordings SET is_primary = 1 WHERE id = "
                            "(SELECT min(id) FROM recordings WHERE session_id = ?1)");
  if (!next) return next.error();
  next->bind(1, old->session_id);
  return next->run();
}

}  // namespace triad::store
