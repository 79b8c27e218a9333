#include "store/bulk_comment_load.hpp"

#include "store/sqlite.hpp"

namespace triad::store {

namespace {
constexpr const char* kInsertTrigger = "comments_fts_ai";
}

Result<BulkCommentLoad> BulkCommentLoad::start(Library& lib) {
  Db& db = lib.db();
  if (!db.in_transaction())
    return Error{"A bulk load of comments into '" + lib.path().string() + "' was started outside a transaction.", ErrorKind::kFailed};
  auto trigger = Stmt::prepare(db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1");
  if (!trigger) return trigger.error();
  trigger->bind(1, std::string(kInsertTrigger));
  auto has = trigger->step();
  if (!has) return has.error();
  if (!*has) return Error{"Library '" + lib.path().string() + "' has no full-text index trigger; run 'sqlite3 .recover' on a copy.", ErrorKind::kFailed};
  std::string sql = trigger->text(0);
  auto last = Stmt::prepare(db, "SELECT coalesce(max(id), 0) FROM comments");
  if (!last) return last.error();
  auto row = last->step();
  if (!row) return row.error();
  const RowId last_id = last->int64(0);
  if (auto s = db.exec(std::string("DROP TRIGGER ") + kInsertTrigger); !s) return s.error();
  return BulkCommentLoad(lib, last_id, std::move(sql));
}

Status BulkCommentLoad::finish() {
  if (finished_) return ok_status();
  Db& db = lib_->db();
  auto index = Stmt::prepare(db, "INSERT INTO comments_fts(rowid, text, pupil) SELECT id, text, pupil FROM comments "
                                 "WHERE id > ?1 ORDER BY id");
  if (!index) return index.error();
  index->bind(1, last_id_);
  if (auto s = index->run(); !s) return s.error();
  if (auto s = db.exec(trigger_sql_); !s) return s.error();
  finished_ = true;
  return ok_status();
}

}  // namespace triad::store
