#pragma once
// Helpers shared by the library_*.cpp files (not part of the public API).
#include <chrono>
#include <string>
#include <string_view>

#include "base/wall_clock.hpp"
#include "store/library.hpp"

namespace triad::store::detail {

using ::triad::now_ms;  // base/wall_clock.hpp

inline std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

inline Error bad_input(std::string message) { return make_error(std::move(message), kErrFailure); }

// Parses a whole string of digits as a positive row id.
bool parse_row_id(std::string_view s, RowId& out);

// Column lists and row readers: each SELECT that uses a reader names the columns in
// exactly this order (prefixed by the table alias given).
constexpr std::string_view kPersonCols = "p.id, p.display_name";
Person read_person(const Stmt& st, int col = 0);

constexpr std::string_view kSchoolCols = "s.id, s.name, s.alliance";
School read_school(const Stmt& st, int col = 0);

constexpr std::string_view kSessionCols =
    "s.id, s.uuid, s.title, s.date, s.school_id, s.teacher_id, s.subject, s.year_group, s.class_label, "
    "s.focus, s.cycle, s.cycle_position, s.created_at_ms, s.updated_at_ms";
Session read_session(const Stmt& st, int col = 0);

constexpr std::string_view kRecordingCols =
    "r.id, r.session_id, r.path, r.fingerprint, r.size_bytes, r.duration_us, r.stream_summary, "
    "r.sync_offset_us, r.is_primary, r.label, r.role, r.drift_ppb";
Recording read_recording(const Stmt& st, int col = 0);

constexpr std::string_view kTagCols = "t.id, t.framework_id, t.code, t.label, t.colour, t.hotkey, t.parent_id";
Tag read_tag(const Stmt& st, int col = 0);

// Comment columns end with the comment's tag codes joined by '\x1f' (sorted after reading).
constexpr std::string_view kCommentCols =
    "c.id, c.uuid, c.session_id, c.author_id, c.start_us, c.end_us, c.kind, c.text, c.visibility, c.pupil, "
    "c.parent_uuid, c.created_at_ms, c.updated_at_ms, c.version, c.deleted, "
    "(SELECT group_concat(t.code, char(31)) FROM comment_tags ct JOIN tags t ON t.id = ct.tag_id "
    "WHERE ct.comment_id = c.id)";
constexpr int kCommentColCount = 16;
Comment read_comment(const Stmt& st, int col = 0);

// Runs `sql` (binding `bind` first) and collects every row through `read`. Statements come
// from the connection's pool (Db::pooled).
template <class T, class Bind, class Read>
Result<std::vector<T>> query_all(Db& db, std::string_view sql, Bind&& bind, Read&& read) {
  auto pooled = db.pooled(sql);
  if (!pooled) return pooled.error();
  Stmt* st = &**pooled;
  bind(*st);
  std::vector<T> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(read(*st));
  }
  return out;
}

// The first row through `read`, or nullopt when there is none.
template <class T, class Bind, class Read>
Result<std::optional<T>> query_one(Db& db, std::string_view sql, Bind&& bind, Read&& read) {
  auto pooled = db.pooled(sql);
  if (!pooled) return pooled.error();
  Stmt* st = &**pooled;
  bind(*st);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<T>{};
  return std::optional<T>{read(*st)};
}

}  // namespace triad::store::detail
