#pragma once
// Many new comments in one transaction (an import of 100,000 WebVTT cues, a large bundle)
// without indexing each one on its own.
//
// Why: the full-text index is an FTS5 table kept in step by an AFTER INSERT trigger, and
// FTS5 writes its pending terms to disk at every savepoint (fts5SavepointMethod). Every
// comment insert runs in a statement savepoint of its own, so 100,000 imported comments
// became 100,000 tiny index segments and their merges: most of an import's time. While a
// BulkCommentLoad is open the insert trigger is set aside, inside the caller's transaction;
// finish() indexes every comment inserted since start() in one statement and puts the
// trigger back. If the transaction rolls back instead, SQLite restores the trigger with it,
// so a failed import leaves the schema as it was.
//
// Contract: start() only inside an open transaction; between start() and finish() the
// comments inserted are not updated or deleted (the update/delete triggers would remove
// index rows that do not exist yet); finish() before the transaction commits.
#include "base/result.hpp"
#include "store/library.hpp"

namespace triad::store {

class BulkCommentLoad {
 public:
  static Result<BulkCommentLoad> start(Library& lib);
  // Indexes the comments inserted since start() and restores the insert trigger.
  Status finish();

 private:
  BulkCommentLoad(Library& lib, RowId last_id, std::string trigger_sql)
      : lib_(&lib), last_id_(last_id), trigger_sql_(std::move(trigger_sql)) {}
  Library* lib_;
  RowId last_id_;            // comments with a greater id were inserted during the load
  std::string trigger_sql_;  // the insert trigger exactly as the library's schema had it
  bool finished_ = false;
};

}  // namespace triad::store
