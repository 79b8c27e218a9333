#include "store/sqlite.hpp"

#include <unistd.h>

#include <cctype>
#include <string>

#include "base/text.hpp"

namespace triad::store {
namespace {

std::string describe(const std::string& path) {
  return path.empty() || path == ":memory:" ? std::string("the in-memory library") : "library " + path;
}

ErrorKind code_for(int sqlite_code) {
  int primary = sqlite_code & 0xff;
  return primary == SQLITE_NOTADB ? kErrNotLibrary : kErrIo;
}

}  // namespace

namespace {
// SQLite URI for `path`, read-only and immutable: every byte outside the unreserved set is
// percent-encoded, so '?', '#' and '%' in a folder name cannot change the URI's meaning.
std::string immutable_uri(const std::filesystem::path& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char ch : std::filesystem::absolute(path).string()) {
    if (std::isalnum(ch) || ch == '/' || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      uri += static_cast<char>(ch);
    } else {
      uri += '%';
      uri += hex[ch >> 4];
      uri += hex[ch & 15];
    }
  }
  return uri + "?immutable=1";
}
}  // namespace

Result<Db> Db::open_read_only(const std::filesystem::path& path) {
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const bool may_write = ::access(path.c_str(), W_OK) == 0 && ::access(dir.c_str(), W_OK | X_OK) == 0;
  if (may_write) return open(path, SQLITE_OPEN_READONLY);
  auto db = open(immutable_uri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  if (db) db->path_ = path.string();
  return db;
}

Result<Db> Db::open_on_full_disk(const std::filesystem::path& path) {
  // Read-write only so SQLite may open the -wal file it finds; nothing is written.
  auto db = open(path, SQLITE_OPEN_READWRITE);
  if (!db) return db;
  db->full_disk_ = true;
  if (auto s = db->exec("PRAGMA locking_mode = EXCLUSIVE; PRAGMA query_only = ON"); !s) return s.error();
  return db;
}

bool Db::failed_for_space() const {
  const int rc = sqlite3_extended_errcode(db_.get());
  return (rc & 0xff) == SQLITE_FULL || rc == SQLITE_IOERR_SHMSIZE || rc == SQLITE_IOERR_SHMMAP ||
         rc == SQLITE_IOERR_SHMOPEN;
}

Result<Db> Db::open(const std::filesystem::path& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_EXRESCODE, nullptr);
  Db db;
  db.db_.reset(raw);  // even a failed open returns a handle that must be closed
  db.path_ = path.string();
  if (rc != SQLITE_OK) {
    std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    return make_error("Cannot open " + describe(db.path_) + ": " + why + ".", code_for(rc));
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Error Db::read_only_error() const {
  if (full_disk_)
    return make_error("Library " + path_ + " is on a full disk: it can be read, but nothing was changed. Free some "
                      "space on that disk and try again.",
                      kErrIo);
  return make_error("Library " + path_ + " is read-only (the file, its folder or the disk cannot be written); "
                    "it can be read, but nothing was changed.",
                    kErrIo);
}

Error Db::damaged_error(const std::string& why) const {
  return make_error("Library " + path_ + " is damaged (SQLite: " + why + "), so this was not done. Restore it from a "
                    "backup, or recover what is readable with `sqlite3 " + path_ +
                        " .recover | sqlite3 recovered.triad`.",
                    kErrIo);
}

Status Db::exec(std::string_view sql) {
  std::string s(sql);
  char* msg = nullptr;
  int rc = sqlite3_exec(db_.get(), s.c_str(), nullptr, nullptr, &msg);
  if (rc != SQLITE_OK) {
    std::string why = msg ? msg : sqlite3_errstr(rc);
    sqlite3_free(msg);
    if ((rc & 0xff) == SQLITE_READONLY) return read_only_error();
    if ((rc & 0xff) == SQLITE_CORRUPT) return damaged_error(why);
    return make_error("Cannot update " + describe(path_) + ": " + why + ".", code_for(rc));
  }
  return ok_status();
}

Error Db::error(std::string_view what) const {
  int rc = sqlite3_extended_errcode(db_.get());
  if ((rc & 0xff) == SQLITE_READONLY) return read_only_error();
  if ((rc & 0xff) == SQLITE_CORRUPT) return damaged_error(sqlite3_errmsg(db_.get()));
  return make_error("Cannot " + std::string(what) + " in " + describe(path_) + ": " +
                        sqlite3_errmsg(db_.get()) + ".",
                    code_for(rc));
}

// Idle statements by SQL text. Bounded: dynamic SQL (filters) must not grow it forever.
struct StmtPool {
  static constexpr std::size_t kMaxIdle = 128;
  std::unordered_map<std::string, std::vector<std::unique_ptr<Stmt>>> idle;
  std::size_t count = 0;
};

Result<PooledStmt> Db::pooled(std::string_view sql) {
  if (!pool_) pool_ = std::make_shared<StmtPool>();
  std::string key(sql);
  auto it = pool_->idle.find(key);
  if (it != pool_->idle.end() && !it->second.empty()) {
    std::unique_ptr<Stmt> st = std::move(it->second.back());
    it->second.pop_back();
    --pool_->count;
    st->db_ = this;  // the Db may have moved since the statement was prepared
    return PooledStmt(pool_, std::move(key), std::move(st));
  }
  auto st = Stmt::prepare(*this, sql);
  if (!st) return st.error();
  return PooledStmt(pool_, std::move(key), std::make_unique<Stmt>(std::move(*st)));
}

PooledStmt::~PooledStmt() {
  if (!st_) return;
  auto pool = pool_.lock();
  if (!pool || pool->count >= StmtPool::kMaxIdle) return;  // finalized here
  st_->reset();
  pool->idle[sql_].push_back(std::move(st_));
  ++pool->count;
}

Result<Stmt> Stmt::prepare(Db& db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), 0, &raw, nullptr);
  Stmt st;
  st.db_ = &db;
  st.st_.reset(raw);
  if (rc != SQLITE_OK) return db.error("prepare a query");
  return st;
}

Stmt& Stmt::bind(int index, std::int64_t v) {
  int rc = sqlite3_bind_int64(st_.get(), index, v);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Stmt& Stmt::bind(int index, std::string_view v) {
  // Last line of defence: text that is not UTF-8 never enters the library (it would make
  // every JSON view of it fail). Front ends refuse it earlier with a better sentence.
  if (!is_valid_utf8(v)) {
    if (bind_error_ == SQLITE_OK) bind_error_ = kBindNotUtf8;
    return *this;
  }
  // A non-null pointer even for "" so the value is an empty TEXT, not NULL.
  int rc = sqlite3_bind_text64(st_.get(), index, v.empty() ? "" : v.data(), v.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Stmt& Stmt::bind(int index, double v) {
  int rc = sqlite3_bind_double(st_.get(), index, v);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Stmt& Stmt::bind_null(int index) {
  int rc = sqlite3_bind_null(st_.get(), index);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Stmt& Stmt::bind_blob(int index, std::string_view bytes) {
  // A non-null pointer even for no bytes, so the value is an empty BLOB, not NULL.
  int rc = sqlite3_bind_blob64(st_.get(), index, bytes.empty() ? "" : bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Result<bool> Stmt::step() {
  if (bind_error_ == kBindNotUtf8)
    return make_error("A text value is not valid UTF-8; nothing was saved to the library.", kErrFailure);
  if (bind_error_ != SQLITE_OK)
    return make_error("Cannot bind a query parameter in the library: " + std::string(sqlite3_errstr(bind_error_)) +
                      ".");
  int rc = sqlite3_step(st_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = db_->error("run a query");
  sqlite3_reset(st_.get());  // leaves the statement reusable; the error was captured above
  return e;
}

Status Stmt::run() {
  for (;;) {
    auto r = step();
    if (!r) return r.error();
    if (!*r) return ok_status();
  }
}

void Stmt::reset() {
  sqlite3_reset(st_.get());
  sqlite3_clear_bindings(st_.get());
  bind_error_ = SQLITE_OK;
}

std::string Stmt::text(int col) const {
  const unsigned char* p = sqlite3_column_text(st_.get(), col);
  if (!p) return {};
  std::string_view v(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st_.get(), col)));
  // A library written by an older Triad (or another tool) may hold invalid UTF-8: it is
  // shown repaired (U+FFFD) so every reader and JSON writer gets valid text.
  if (!is_valid_utf8(v)) return repair_utf8(v);
  return std::string(v);
}

std::string Stmt::blob(int col) const {
  const void* p = sqlite3_column_blob(st_.get(), col);
  if (!p) return {};
  return std::string(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st_.get(), col)));
}

std::optional<std::int64_t> Stmt::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

std::optional<std::string> Stmt::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

Result<Transaction> Transaction::begin(Db& db) {
  bool nested = db.in_transaction();
  if (auto s = db.exec(nested ? "SAVEPOINT triad_sp" : "BEGIN IMMEDIATE"); !s) return s.error();
  return Transaction(&db, nested);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(other.db_), savepoint_(other.savepoint_) {
  other.db_ = nullptr;
}

Transaction::~Transaction() {
  if (!db_) return;
  // Errors cannot travel out of a destructor; a failed rollback leaves SQLite to roll the
  // transaction back when the connection closes.
  if (savepoint_) {
    (void)db_->exec("ROLLBACK TO triad_sp; RELEASE triad_sp");
  } else if (db_->in_transaction()) {
    (void)db_->exec("ROLLBACK");
  }
}

Status Transaction::commit() {
  if (!db_) return make_error("Cannot commit: the transaction is already finished.");
  Status s = db_->exec(savepoint_ ? "RELEASE triad_sp" : "COMMIT");
  if (!s) return s;  // the destructor rolls back
  db_ = nullptr;
  return ok_status();
}

}  // namespace triad::store
