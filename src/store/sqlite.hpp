#pragma once
// Thin RAII over the SQLite C API: a connection (Db), a prepared statement (Stmt)
// and a write transaction (Transaction). Every failure comes back as a Result whose
// message names the library file and SQLite's reason. Not thread-safe: one Db per
// thread (SQLite itself runs in serialized mode, but a Stmt must not be shared).
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <unordered_map>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "store/errors.hpp"

namespace triad::store {

struct SqliteCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* st) const noexcept { sqlite3_finalize(st); }
};

class Stmt;
class PooledStmt;
struct StmtPool;

class Db {
 public:
  // Opens (flags as for sqlite3_open_v2, e.g. SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE).
  // Applies nothing else: connection pragmas are the Library's business.
  static Result<Db> open(const std::filesystem::path& path, int flags);
  // Opens an existing library for reading only. When this process may not write the file or
  // its folder, it is opened immutable: SQLite then needs no -shm file beside a WAL library
  // (it could not create one, and every read would fail). Changes left in a -wal file that
  // was never checkpointed are not seen then; Triad checkpoints when it closes a library.
  static Result<Db> open_read_only(const std::filesystem::path& path);
  // Opens an existing library on a full disk for reading only. A WAL library's readers need
  // the -shm file beside it grown to 32 KiB, which fails when the disk is full (every read
  // then failed with "disk I/O error"). In EXCLUSIVE locking mode SQLite keeps that index in
  // its own memory and still reads what the -wal file holds; query_only refuses every write
  // with the full-disk sentence (read_only_error).
  static Result<Db> open_on_full_disk(const std::filesystem::path& path);
  // Whether the last failure on this connection was the disk being full (SQLITE_FULL, or the
  // -shm file that could not be made or grown).
  bool failed_for_space() const;

  Db() = default;
  sqlite3* handle() const { return db_.get(); }
  const std::string& path() const { return path_; }  // "" or ":memory:" for memory databases

  // Runs one or more statements without results (DDL, pragmas).
  Status exec(std::string_view sql);
  std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }
  int changes() const { return sqlite3_changes(db_.get()); }
  bool in_transaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

  // "Cannot <what> in library <file>: <sqlite message>." with the CLI's I/O exit code
  // (or kNotLibrary when SQLite says the file is not a database).
  Error error(std::string_view what) const;
  // The sentence for a write refused because the library is read-only.
  Error read_only_error() const;
  // The sentence for SQLITE_CORRUPT: the library is damaged, with the recovery hint.
  Error damaged_error(const std::string& why) const;

  // A prepared statement for `sql` from this connection's pool, reset and unbound; it goes
  // back to the pool when the PooledStmt is destroyed. Bulk work (an import of 100,000
  // comments) runs the same few statements over and over: preparing each once instead of
  // every time is most of its speed. A statement already in use (a nested call with the
  // same SQL) is prepared afresh, so callers never share one.
  Result<PooledStmt> pooled(std::string_view sql);

 private:
  std::unique_ptr<sqlite3, SqliteCloser> db_;
  std::string path_;
  bool full_disk_ = false;          // opened by open_on_full_disk
  std::shared_ptr<StmtPool> pool_;  // after db_: statements are finalized before the close
};

// A prepared statement. Bind indexes are 1-based (SQLite's), column indexes 0-based.
class Stmt {
 public:
  static Result<Stmt> prepare(Db& db, std::string_view sql);

  Stmt() = default;
  Stmt& bind(int index, std::int64_t v);
  Stmt& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Stmt& bind(int index, bool v) { return bind(index, static_cast<std::int64_t>(v ? 1 : 0)); }
  Stmt& bind(int index, std::string_view v);  // copied (SQLITE_TRANSIENT); not UTF-8: step() refuses
  Stmt& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Stmt& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Stmt& bind(int index, double v);
  Stmt& bind_null(int index);
  Stmt& bind_blob(int index, std::string_view bytes);  // copied; any bytes (a hash)
  template <class T>
  Stmt& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }

  // Advances: true = a row is available, false = done. Bind errors surface here too.
  Result<bool> step();
  // Steps to completion, for statements without rows (INSERT/UPDATE/DELETE).
  Status run();
  // Ready to bind and step again (bindings are cleared).
  void reset();

  bool is_null(int col) const { return sqlite3_column_type(st_.get(), col) == SQLITE_NULL; }
  std::int64_t int64(int col) const { return sqlite3_column_int64(st_.get(), col); }
  double real(int col) const { return sqlite3_column_double(st_.get(), col); }
  std::string text(int col) const;  // always valid UTF-8 (ill-formed bytes read as U+FFFD)
  std::optional<std::int64_t> opt_int64(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::string blob(int col) const;  // the column's bytes as they are

  sqlite3_stmt* handle() const { return st_.get(); }

 private:
  friend class Db;
  Db* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> st_;
  static constexpr int kBindNotUtf8 = -1;  // bind_error_ for text that is not UTF-8
  int bind_error_ = SQLITE_OK;  // first bind failure, reported by step()
};

// A statement lent by Db::pooled(); use it like a Stmt.
class PooledStmt {
 public:
  PooledStmt(PooledStmt&&) noexcept = default;
  PooledStmt& operator=(PooledStmt&&) = delete;
  ~PooledStmt();
  Stmt& operator*() { return *st_; }
  Stmt* operator->() { return st_.get(); }

 private:
  friend class Db;
  PooledStmt(std::weak_ptr<StmtPool> pool, std::string sql, std::unique_ptr<Stmt> st)
      : pool_(std::move(pool)), sql_(std::move(sql)), st_(std::move(st)) {}
  std::weak_ptr<StmtPool> pool_;
  std::string sql_;
  std::unique_ptr<Stmt> st_;
};

// A write transaction: BEGIN IMMEDIATE (takes the write lock up front, so the busy
// timeout applies and no read->write upgrade can deadlock), or a SAVEPOINT when the
// connection is already inside a transaction, so library calls compose inside a
// caller's larger transaction. Rolls back on destruction unless commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> begin(Db& db);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  // COMMIT (or RELEASE of the savepoint). After a failure the transaction is rolled back.
  Status commit();

 private:
  Transaction(Db* db, bool savepoint) : db_(db), savepoint_(savepoint) {}
  Db* db_ = nullptr;
  bool savepoint_ = false;
};

}  // namespace triad::store
