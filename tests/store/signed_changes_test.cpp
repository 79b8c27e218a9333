// Signed changes as the store keeps them: a comment's current signature kept by the comment
// itself (migration 10), beside the general table of signed changes.
#include <gtest/gtest.h>

#include "store/library.hpp"
#include "store/signed_changes.hpp"
#include "store/sqlite.hpp"

namespace triad::store {
namespace {

constexpr const char* kComment = "c0c0c0c0-0000-4000-8000-000000000001";

struct Fixture {
  Library lib;
  RowId comment_id = 0;
};

Fixture make() {
  auto lib = Library::open_memory();
  EXPECT_TRUE(lib.ok());
  auto olly = lib->add_person("Olly");
  EXPECT_TRUE(olly.ok());
  RowId sid = 0;
  for (const char* uuid : {"5e550000-0000-4000-8000-000000000001", "5e550000-0000-4000-8000-000000000002"}) {
    Session s;
    s.uuid = uuid;
    s.title = "Lesson";
    s.created_at_ms = 1773400000000;
    auto added = lib->add_session(s);
    EXPECT_TRUE(added.ok());
    if (!sid) sid = added->id;
  }
  Comment c;
  c.uuid = kComment;
  c.session_id = sid;
  c.author_id = olly->id;
  c.start_us = 1000;
  c.kind = "note";
  c.text = "Good wait time";
  c.created_at_ms = c.updated_at_ms = 1773400000000;
  auto ids = lib->put_comments_exact({c});
  EXPECT_TRUE(ids.ok()) << ids.error().message;
  return Fixture{std::move(*lib), ids->front()};
}

const std::string kS1 = "5e550000-0000-4000-8000-000000000001";
const std::string kS2 = "5e550000-0000-4000-8000-000000000002";

StoredChange comment_change(const std::string& sig, char hash, bool current) {
  StoredChange c{kS1, "comment", kComment, "Olly", "K-olly", "", sig, false, std::string(32, hash)};
  c.current = current;
  return c;
}

std::int64_t count(Library& lib, const std::string& table) {
  auto st = Stmt::prepare(lib.db(), "SELECT count(*) FROM " + table);
  EXPECT_TRUE(st.ok() && *st->step());
  return st->int64(0);
}

std::size_t must_size(const Result<std::vector<StoredChange>>& r) {
  EXPECT_TRUE(r.ok());
  return r.ok() ? r->size() : 999;
}

std::string signature_for(Library& lib, const std::string& session, char hash) {
  auto found = find_change(lib, session, "comment", kComment, "{}", std::string(32, hash));
  EXPECT_TRUE(found.ok()) << found.error().message;
  return found.ok() && *found ? (*found)->signature : std::string();
}

TEST(CommentSignatures, ACommentKeepsTheSignatureOfItsStateNowAndLosesItWithTheComment) {
  Fixture f = make();
  // Found by the comment's UUID within the change's session.
  ASSERT_TRUE(put_changes(f.lib, {comment_change("sig-1", 'a', true)}).ok());
  EXPECT_EQ(signature_for(f.lib, kS1, 'a'), "sig-1");
  EXPECT_EQ(signature_for(f.lib, kS2, 'a'), "") << "another session's comment is never matched";
  EXPECT_EQ(count(f.lib, "signed_changes"), 0) << "kept by the comment, not in the general table";
  auto kept = find_change(f.lib, kS1, "comment", kComment, "{}", std::string(32, 'a'));
  ASSERT_TRUE(kept.ok() && *kept);
  EXPECT_EQ((*kept)->signer, "Olly");
  EXPECT_EQ((*kept)->public_key, "K-olly");
  EXPECT_TRUE((*kept)->data.empty());

  // A newer state, its row's id given by the caller: it replaces the one held.
  StoredChange newer = comment_change("sig-2", 'b', true);
  newer.comment_id = f.comment_id;
  ASSERT_TRUE(put_changes(f.lib, {newer}).ok());
  EXPECT_EQ(signature_for(f.lib, kS1, 'a'), "");
  EXPECT_EQ(signature_for(f.lib, kS1, 'b'), "sig-2");
  EXPECT_EQ(count(f.lib, "comment_signatures"), 1);

  // The same change again (a bundle imported twice) adds nothing; an applied change that is
  // not the comment's state (it lost its merge) is kept in the general table, as before.
  ASSERT_TRUE(put_changes(f.lib, {comment_change("sig-2", 'b', false)}).ok());
  EXPECT_EQ(count(f.lib, "signed_changes"), 0);
  ASSERT_TRUE(put_changes(f.lib, {comment_change("sig-3", 'c', false)}).ok());
  EXPECT_EQ(count(f.lib, "signed_changes"), 1);
  EXPECT_EQ(signature_for(f.lib, kS1, 'c'), "sig-3");
  EXPECT_EQ(signature_for(f.lib, kS1, 'b'), "sig-2");

  // Goes with its comment.
  ASSERT_TRUE(f.lib.db().exec("DELETE FROM comments").ok());
  EXPECT_EQ(count(f.lib, "comment_signatures"), 0);
}

// A comment change that waited for its signer's key and applies now leaves nothing waiting
// (else every later import would check it again, and the import's own loop never ends).
TEST(CommentSignatures, AWaitingCopyGoesWhenItsCommentKeepsTheChange) {
  Fixture f = make();
  StoredChange waited{kS1, "comment", kComment, "Olly", "K-olly", "{\"text\":\"Good wait time\"}", "sig-w", true};
  ASSERT_TRUE(put_changes(f.lib, {waited}).ok());
  ASSERT_EQ(must_size(list_changes(f.lib, kS1, true)), 1u);
  ASSERT_TRUE(put_changes(f.lib, {comment_change("sig-w", 'w', true)}).ok());
  EXPECT_EQ(must_size(list_changes(f.lib, kS1, true)), 0u);
  EXPECT_EQ(signature_for(f.lib, kS1, 'w'), "sig-w");
  // The same when the comment already held it (the change stored again as applied).
  waited.signature = "sig-v";
  ASSERT_TRUE(put_changes(f.lib, {comment_change("sig-v", 'v', true), waited}).ok());
  ASSERT_EQ(must_size(list_changes(f.lib, kS1, true)), 1u);
  ASSERT_TRUE(put_changes(f.lib, {comment_change("sig-v", 'v', false)}).ok());
  EXPECT_EQ(must_size(list_changes(f.lib, kS1, true)), 0u);
  EXPECT_EQ(count(f.lib, "signed_changes"), 0);
}

TEST(CommentSignatures, OnlyAnAppliedCommentChangeOfACommentHereIsKeptByIt) {
  Fixture f = make();
  StoredChange elsewhere = comment_change("sig-1", 'a', true);
  elsewhere.session_uuid = kS2;  // the comment is in the first session
  auto r = put_changes(f.lib, {elsewhere});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not in this library"), std::string::npos) << r.error().message;
  StoredChange missing = comment_change("sig-1", 'a', true);
  missing.subject = "c0c0c0c0-0000-4000-8000-0000000000ff";
  EXPECT_FALSE(put_changes(f.lib, {missing}).ok());
  StoredChange waiting = comment_change("sig-1", 'a', true);
  waiting.data = "{}";
  waiting.pending = true;
  EXPECT_FALSE(put_changes(f.lib, {waiting}).ok());
  StoredChange other{kS1, "approval", kComment, "Olly", "K-olly", "{}", "sig-4", false};
  other.current = true;
  EXPECT_FALSE(put_changes(f.lib, {other}).ok());
  EXPECT_EQ(count(f.lib, "comment_signatures"), 0);
  EXPECT_EQ(count(f.lib, "signed_changes"), 0);
}

}  // namespace
}  // namespace triad::store
