// Opening a library: identity check, connection pragmas, migrations.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <system_error>

#include "store/library_internal.hpp"
#include "store/migrations.hpp"
#include "store/search_rank.hpp"

namespace triad::store {
namespace {

namespace fs = std::filesystem;

// Pragmas every connection gets. busy_timeout first so that the WAL switch and every later
// statement wait for other writers instead of failing with "database is locked".
Status configure(Db& db, bool read_only) {
  sqlite3_busy_timeout(db.handle(), 10000);
  // A 32 MiB page cache (SQLite's default is 2 MiB): a large import otherwise spills dirty
  // pages into the WAL before it commits, writing much of it twice.
  if (auto s = db.exec("PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY; "
                       "PRAGMA cache_size = -32768;");
      !s)
    return s;
  if (auto s = register_search_rank(db); !s) return s;
  if (!read_only) {
    // WAL: readers never block the writer and a crash can lose at most an uncommitted write.
    auto st = Stmt::prepare(db, "PRAGMA journal_mode = WAL");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    std::string mode = *row ? st->text(0) : "";
    if (mode != "wal" && mode != "memory")
      return make_error("Cannot switch library " + db.path() + " to write-ahead logging (it stays in " + mode +
                            " mode).",
                        kErrIo);
  }
  // FULL: a commit is on disk (WAL fsynced) before the call returns; acknowledged = durable.
  return db.exec("PRAGMA synchronous = FULL");
}

// Whether this process may write the library file and create files beside it.
bool writable(const fs::path& path) {
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  return ::access(path.c_str(), W_OK) == 0 && ::access(dir.c_str(), W_OK | X_OK) == 0;
}

}  // namespace

bool detail::parse_row_id(std::string_view s, RowId& out) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && out > 0;
}

Result<fs::path> Library::default_path() {
  if (const char* env = std::getenv("TRIAD_DB"); env && *env) return fs::path(env);
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg && fs::path(xdg).is_absolute())
    return fs::path(xdg) / "triad" / "library.triad";
  const char* home = std::getenv("HOME");
  if (!home || !*home) {
    if (const passwd* pw = getpwuid(getuid())) home = pw->pw_dir;
  }
  if (!home || !*home)
    return make_error("Cannot find a place for the library: neither TRIAD_DB, XDG_DATA_HOME nor HOME is set.",
                      kErrIo);
  return fs::path(home) / ".local" / "share" / "triad" / "library.triad";
}

Result<Library> Library::open(const fs::path& path, OpenMode mode) {
  if (path.empty()) return make_error("No library file was given.", kErrFailure);
  std::error_code ec;
  auto status = fs::status(path, ec);
  bool exists = fs::exists(status);
  int schema_version = 0;  // of an existing library
  if (!exists) {
    if (mode != OpenMode::Create)
      return make_error("No library at " + path.string() + ".", kErrIo);
    if (path.has_parent_path()) {
      fs::create_directories(path.parent_path(), ec);
      if (ec)
        return make_error("Cannot create the folder " + path.parent_path().string() + " for the library: " +
                              ec.message() + ".",
                          kErrIo);
    }
  } else {
    if (!fs::is_regular_file(status))
      return make_error(path.string() + " is not a Triad library: it is not a regular file.", kErrNotLibrary);
    auto id = check_library_file(path);
    if (!id) return id.error();
    schema_version = id->user_version;
    if (mode == OpenMode::ReadOnly && id->empty)
      return make_error(path.string() + " is not a Triad library: it is empty.", kErrNotLibrary);
    if (mode == OpenMode::ReadOnly && id->user_version < latest_schema_version())
      return make_error("Library " + path.string() + " needs an upgrade; open it once for writing first.",
                        kErrNotLibrary);
  }

  bool read_only = mode == OpenMode::ReadOnly;
  // A library on a read-only mount, with a 0444 file or in a folder we may not write (SQLite
  // needs its -wal/-shm files beside it) is opened read-only: reading works, every write is
  // refused with a sentence (Db::error) instead of the whole library being unreadable.
  if (exists && !read_only && !writable(path)) {
    read_only = true;
    auto id = check_library_file(path);
    if (!id) return id.error();
    if (id->user_version < latest_schema_version())
      return make_error("Library " + path.string() + " cannot be written (read-only file, folder or disk) and was "
                            "made by an older Triad: copy it somewhere writable once so it can be upgraded.",
                        kErrIo);
  }
  auto db = read_only ? Db::open_read_only(path) : Db::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!db) return db.error();
  if (auto s = configure(*db, read_only); !s) {
    // A full disk: the library is still read (Db::open_on_full_disk), every write refused.
    if (!exists || !db->failed_for_space()) return s.error();
    if (schema_version < latest_schema_version())
      return make_error("Library " + path.string() + " is on a full disk and was made by an older Triad, which "
                            "needs space to upgrade it: free some space on that disk and try again.",
                        kErrIo);
    db = Db::open_on_full_disk(path);
    if (!db) return db.error();
    read_only = true;
    if (auto again = configure(*db, true); !again) return again.error();
  }
  // No PRAGMA quick_check here: it reads every page, ~1.7 s for a library of 1,000,000
  // comments, at every command. SQLite checks each page it reads, and a damaged one comes
  // back as a sentence with the recovery hint (Db::error); imports and upgrades run the full
  // integrity_check before they write (store/migrations.hpp).
  if (!read_only) {
    if (auto s = migrate(*db); !s) return s.error();
  }
  Library lib(std::move(*db), path);
  lib.read_only_ = read_only;
  return lib;
}

Result<Library> Library::open_memory() {
  auto db = Db::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY);
  if (!db) return db.error();
  if (auto s = configure(*db, false); !s) return s.error();
  if (auto s = migrate(*db); !s) return s.error();
  return Library(std::move(*db), ":memory:");
}

Status Library::check_integrity(std::string_view refused_action) {
  return store::check_integrity(db_, refused_action);
}

int Library::schema_version() const {
  int version = 0;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_.handle(), "PRAGMA user_version", -1, &raw, nullptr) == SQLITE_OK &&
      sqlite3_step(raw) == SQLITE_ROW)
    version = sqlite3_column_int(raw, 0);
  sqlite3_finalize(raw);
  return version;
}

// ---- row readers ---------------------------------------------------------------------

Person detail::read_person(const Stmt& st, int c) { return Person{st.int64(c), st.text(c + 1)}; }

School detail::read_school(const Stmt& st, int c) { return School{st.int64(c), st.text(c + 1), st.text(c + 2)}; }

Session detail::read_session(const Stmt& st, int c) {
  Session s;
  s.id = st.int64(c);
  s.uuid = st.text(c + 1);
  s.title = st.text(c + 2);
  s.date = st.text(c + 3);
  s.school_id = st.opt_int64(c + 4);
  s.teacher_id = st.opt_int64(c + 5);
  s.subject = st.text(c + 6);
  s.year_group = st.text(c + 7);
  s.class_label = st.text(c + 8);
  s.focus = st.text(c + 9);
  s.cycle = st.text(c + 10);
  s.cycle_position = static_cast<int>(st.int64(c + 11));
  s.created_at_ms = st.int64(c + 12);
  s.updated_at_ms = st.int64(c + 13);
  return s;
}

Recording detail::read_recording(const Stmt& st, int c) {
  Recording r;
  r.id = st.int64(c);
  r.session_id = st.int64(c + 1);
  r.path = st.text(c + 2);
  r.fingerprint = st.text(c + 3);
  r.size_bytes = st.int64(c + 4);
  r.duration_us = st.int64(c + 5);
  r.stream_summary = st.text(c + 6);
  r.sync_offset_us = st.int64(c + 7);
  r.primary = st.int64(c + 8) != 0;
  r.label = st.text(c + 9);
  r.role = parse_recording_role(st.text(c + 10)).value_or(RecordingRole::Camera);
  r.drift_ppb = st.int64(c + 11);
  return r;
}

Tag detail::read_tag(const Stmt& st, int c) {
  Tag t;
  t.id = st.int64(c);
  t.framework_id = st.int64(c + 1);
  t.code = st.text(c + 2);
  t.label = st.text(c + 3);
  t.colour = st.text(c + 4);
  t.hotkey = st.text(c + 5);
  t.parent_id = st.opt_int64(c + 6);
  return t;
}

Comment detail::read_comment(const Stmt& st, int c) {
  Comment m;
  m.id = st.int64(c);
  m.uuid = st.text(c + 1);
  m.session_id = st.int64(c + 2);
  m.author_id = st.int64(c + 3);
  m.start_us = st.int64(c + 4);
  m.end_us = st.opt_int64(c + 5);
  m.kind = st.text(c + 6);
  m.text = st.text(c + 7);
  m.visibility = parse_visibility(st.text(c + 8)).value_or(Visibility::Triad);
  m.pupil = st.text(c + 9);
  m.parent_uuid = st.opt_text(c + 10);
  m.created_at_ms = st.int64(c + 11);
  m.updated_at_ms = st.int64(c + 12);
  m.version = st.int64(c + 13);
  m.deleted = st.int64(c + 14) != 0;
  std::string joined = st.text(c + 15);
  std::size_t start = 0;
  while (!joined.empty() && start <= joined.size()) {
    std::size_t end = joined.find('\x1f', start);
    if (end == std::string::npos) end = joined.size();
    m.tags.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  std::sort(m.tags.begin(), m.tags.end());
  return m;
}

}  // namespace triad::store
