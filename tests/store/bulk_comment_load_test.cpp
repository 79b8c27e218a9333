// BulkCommentLoad: comments loaded in bulk are found by search exactly as comments added one
// by one, the full-text index stays consistent, and the insert trigger is back afterwards,
// whether the load finished or its transaction rolled back.
#include <gtest/gtest.h>

#include "base/uuid.hpp"
#include "store/bulk_comment_load.hpp"
#include "store/library.hpp"
#include "store/sqlite.hpp"

namespace triad::store {
namespace {

struct Fixture {
  Library lib;
  RowId session = 0;
  RowId me = 0;
};

Fixture make() {
  auto lib = Library::open_memory();
  EXPECT_TRUE(lib.ok());
  Session s;
  s.title = "Year 9 forces";
  auto session = lib->add_session(s);
  EXPECT_TRUE(session.ok());
  RowId me = lib->me()->id;
  return Fixture{std::move(*lib), session->id, me};
}

Comment comment(const Fixture& f, TimeUs at, std::string text) {
  Comment c;
  c.uuid = new_uuid();
  c.session_id = f.session;
  c.author_id = f.me;
  c.start_us = at;
  c.kind = "note";
  c.text = std::move(text);
  c.created_at_ms = c.updated_at_ms = 1'700'000'000'000;
  return c;
}

bool trigger_present(Library& lib) {
  auto st = Stmt::prepare(lib.db(), "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'comments_fts_ai'");
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(*st->step());
  return st->int64(0) == 1;
}

// FTS5's own check that the index matches the content table.
bool index_consistent(Library& lib) {
  return lib.db().exec("INSERT INTO comments_fts(comments_fts, rank) VALUES ('integrity-check', 0)").ok();
}

TEST(BulkCommentLoad, LoadedCommentsAreSearchableAndTheTriggerIsBack) {
  auto f = make();
  ASSERT_TRUE(f.lib.add_comment(comment(f, 1, "pendulum before the load")).ok());
  {
    auto tx = f.lib.begin();
    ASSERT_TRUE(tx.ok());
    auto bulk = BulkCommentLoad::start(f.lib);
    ASSERT_TRUE(bulk.ok()) << bulk.error().message;
    EXPECT_FALSE(trigger_present(f.lib));
    for (int i = 0; i < 50; ++i)
      ASSERT_TRUE(f.lib.put_comment_exact(comment(f, 1000 + i, "friction example " + std::to_string(i))).ok());
    ASSERT_TRUE(bulk->finish().ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_TRUE(trigger_present(f.lib));
  EXPECT_TRUE(index_consistent(f.lib));
  auto hits = f.lib.search_comments("friction", f.session, 1000);
  ASSERT_TRUE(hits.ok()) << hits.error().message;
  EXPECT_EQ(hits->size(), 50u);
  // A comment added after the load is indexed by the restored trigger.
  ASSERT_TRUE(f.lib.add_comment(comment(f, 9000, "gravity afterwards")).ok());
  EXPECT_EQ(f.lib.search_comments("gravity", f.session)->size(), 1u);
  EXPECT_EQ(f.lib.search_comments("pendulum", f.session)->size(), 1u);
  EXPECT_TRUE(index_consistent(f.lib));
}

TEST(BulkCommentLoad, ARolledBackLoadLeavesTheSchemaAndIndexAsTheyWere) {
  auto f = make();
  {
    auto tx = f.lib.begin();
    ASSERT_TRUE(tx.ok());
    auto bulk = BulkCommentLoad::start(f.lib);
    ASSERT_TRUE(bulk.ok());
    ASSERT_TRUE(f.lib.put_comment_exact(comment(f, 5, "magnets never stored")).ok());
    // No finish, no commit: the transaction rolls back as the Transaction goes.
  }
  EXPECT_TRUE(trigger_present(f.lib));
  EXPECT_TRUE(f.lib.search_comments("magnets", f.session)->empty());
  ASSERT_TRUE(f.lib.add_comment(comment(f, 6, "magnets stored")).ok());
  EXPECT_EQ(f.lib.search_comments("magnets", f.session)->size(), 1u);
  EXPECT_TRUE(index_consistent(f.lib));
}

TEST(BulkCommentLoad, RefusedOutsideATransaction) {
  auto f = make();
  auto bulk = BulkCommentLoad::start(f.lib);
  ASSERT_FALSE(bulk.ok());
  EXPECT_NE(bulk.error().message.find("outside a transaction"), std::string::npos);
  EXPECT_TRUE(trigger_present(f.lib));
}

}  // namespace
}  // namespace triad::store
