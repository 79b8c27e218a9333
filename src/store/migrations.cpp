#include "store/migrations.hpp"

#include <algorithm>
#include <string>
#include <system_error>

namespace triad::store {

const std::vector<Migration>& all_migrations() {
  static const std::vector<Migration> all = [] {
    std::vector<Migration> v = store_migrations();
    for (auto& m : workflow_migrations()) v.push_back(std::move(m));
    std::stable_sort(v.begin(), v.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
    return v;
  }();
  return all;
}

int latest_schema_version() {
  const auto& all = all_migrations();
  return all.empty() ? 0 : all.back().version;
}

namespace {

Status check_sequence() {
  int expected = 1;
  for (const auto& m : all_migrations()) {
    if (m.version != expected)
      return make_error("This build of Triad has a broken schema migration list: expected version " +
                        std::to_string(expected) + " but found " + std::to_string(m.version) + " (" +
                        std::string(m.name) + ").");
    ++expected;
  }
  return ok_status();
}

Result<std::int64_t> pragma_int(Db& db, const char* sql) {
  auto st = Stmt::prepare(db, sql);
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  return *row ? st->int64(0) : 0;
}

Error not_library(const std::filesystem::path& path, const std::string& why) {
  return make_error(path.string() + " is not a Triad library: " + why + "; it was left untouched.", kErrNotLibrary);
}

}  // namespace

Result<LibraryIdentity> check_library_file(const std::filesystem::path& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return make_error("Cannot read library " + path.string() + ": " + ec.message() + ".", kErrIo);
  LibraryIdentity id;
  // A zero-length file is not turned into a library: it may be a library truncated by a
  // failed copy or a full disk, or a file someone else is about to write. It is refused
  // and left as it is (a missing file is what creates a new library).
  if (size == 0) return not_library(path, "it is an empty file (0 bytes)");
  // Read-only connection: whatever the file is, this cannot change a byte of it.
  auto db = Db::open_read_only(path);
  if (!db) {
    if (db.error().kind == kErrNotLibrary) return not_library(path, "it is not an SQLite database");
    return db.error();
  }
  sqlite3_busy_timeout(db->handle(), 10000);
  auto app = pragma_int(*db, "PRAGMA application_id");
  if (!app && db->failed_for_space()) {  // a full disk: read without the -shm file
    db = Db::open_on_full_disk(path);
    if (!db) return db.error();
    sqlite3_busy_timeout(db->handle(), 10000);
    app = pragma_int(*db, "PRAGMA application_id");
  }
  if (!app) {
    if (app.error().kind == kErrNotLibrary) return not_library(path, "it is not an SQLite database");
    return app.error();
  }
  auto ver = pragma_int(*db, "PRAGMA user_version");
  if (!ver) return ver.error();
  auto tables = pragma_int(*db, "SELECT count(*) FROM sqlite_schema");
  if (!tables) return tables.error();

  id.application_id = static_cast<std::int32_t>(*app);
  id.user_version = static_cast<int>(*ver);
  id.empty = *app == 0 && *ver == 0 && *tables == 0;
  if (id.empty) return id;
  if (id.application_id != kApplicationId)
    return not_library(path, id.application_id == 0 ? "it is an SQLite database of another program"
                                                    : "it belongs to another program (application id " +
                                                          std::to_string(id.application_id) + ")");
  if (id.user_version > latest_schema_version())
    return make_error("Library " + path.string() + " was made by a newer Triad (schema version " +
                          std::to_string(id.user_version) + ", this build knows up to " +
                          std::to_string(latest_schema_version()) + "); it was left untouched.",
                      kErrNotLibrary);
  return id;
}

Status check_integrity(Db& db, std::string_view refused_action) {
  // integrity_check (not quick_check): only it compares indexes with their tables, and an
  // index out of step with its table once let an import create a second session with the
  // same UUID.
  auto st = Stmt::prepare(db, "PRAGMA integrity_check(5)");
  if (!st) return st.error();
  std::string findings;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    std::string line = st->text(0);
    if (line == "ok") return ok_status();
    findings += (findings.empty() ? "" : "; ") + line;
  }
  if (findings.empty()) return ok_status();
  return make_error("Library " + db.path() + " is damaged (SQLite integrity_check: " + findings + "), so it was not " +
                        std::string(refused_action) + "; it was left untouched. Restore it from a backup, or recover "
                        "what is readable with `sqlite3 " + db.path() + " .recover | sqlite3 recovered.triad`.",
                    kErrIo);
}

Status migrate(Db& db) {
  if (auto s = check_sequence(); !s) return s;
  auto tx = Transaction::begin(db);
  if (!tx) return tx.error();
  // Read inside the write transaction: another process may have migrated meanwhile.
  auto app = pragma_int(db, "PRAGMA application_id");
  if (!app) return app.error();
  auto ver = pragma_int(db, "PRAGMA user_version");
  if (!ver) return ver.error();
  if (*app != 0 && *app != kApplicationId)
    return make_error(db.path() + " is not a Triad library: it belongs to another program.", kErrNotLibrary);
  if (*ver > latest_schema_version())
    return make_error("Library " + db.path() + " was made by a newer Triad (schema version " + std::to_string(*ver) +
                          ").",
                      kErrNotLibrary);
  if (*app == kApplicationId && *ver == latest_schema_version()) return ok_status();  // nothing to do
  // An upgrade rewrites tables: a damaged library is refused before it is written to.
  if (*app == kApplicationId)
    if (auto s = check_integrity(db, "upgraded"); !s) return s;

  for (const auto& m : all_migrations()) {
    if (m.version <= *ver) continue;
    if (!m.sql.empty()) {
      if (auto s = db.exec(m.sql); !s)
        return make_error("Cannot upgrade library " + db.path() + " to schema version " + std::to_string(m.version) +
                              " (" + std::string(m.name) + "): " + s.error().message,
                          s.error().kind);
    }
    if (m.apply) {
      if (auto s = m.apply(db); !s) return s;
    }
  }
  std::string stamp = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                      "; PRAGMA user_version = " + std::to_string(latest_schema_version());
  if (auto s = db.exec(stamp); !s) return s;
  return tx->commit();
}

}  // namespace triad::store
