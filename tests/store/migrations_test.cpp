// Schema migrations and refusing files that are not (current) Triad libraries.
#include <gtest/gtest.h>

#include "store/library.hpp"
#include "store/migrations.hpp"
#include "store/signed_changes.hpp"
#include "store_test_util.hpp"

namespace triad::store {
namespace {

using test::file_hash;
using test::TempDir;

// Makes an SQLite file with raw SQL (not through Library).
void make_sqlite(const std::filesystem::path& p, const std::string& sql) {
  auto db = Db::open(p, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->exec(sql).ok());
}

void expect_refused_untouched(const std::filesystem::path& p, const std::string& reason_part) {
  std::string before = file_hash(p);
  for (OpenMode mode : {OpenMode::Create, OpenMode::ExistingOnly, OpenMode::ReadOnly}) {
    auto lib = Library::open(p, mode);
    ASSERT_FALSE(lib.ok());
    EXPECT_EQ(lib.error().kind, kErrNotLibrary);
    EXPECT_NE(lib.error().message.find(p.filename().string()), std::string::npos) << lib.error().message;
    EXPECT_NE(lib.error().message.find(reason_part), std::string::npos) << lib.error().message;
    EXPECT_EQ(lib.error().message.find('\n'), std::string::npos);
  }
  EXPECT_EQ(file_hash(p), before);
  EXPECT_FALSE(std::filesystem::exists(p.string() + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(p.string() + "-journal"));
}

TEST(Migrations, SequenceIsContiguousFromOne) {
  const auto& all = all_migrations();
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].version, static_cast<int>(i + 1)) << all[i].name;
  EXPECT_EQ(latest_schema_version(), static_cast<int>(all.size()));
}

TEST(Migrations, FreshLibraryHasEveryTable) {
  auto lib = Library::open_memory();
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  EXPECT_EQ(lib->schema_version(), latest_schema_version());
  for (const char* table : {"people", "schools", "sessions", "recordings", "frameworks", "tags", "comments",
                            "comment_tags", "comments_fts", "review_time", "settings", "undo_journal"}) {
    auto st = Stmt::prepare(lib->db(), "SELECT count(*) FROM sqlite_schema WHERE name = ?1");
    st->bind(1, table);
    ASSERT_TRUE(st->step().value());
    EXPECT_EQ(st->int64(0), 1) << table;
  }
}

TEST(Migrations, ReopeningIsANoOp) {
  TempDir dir;
  auto path = dir / "lib.triad";
  { ASSERT_TRUE(Library::open(path).ok()); }
  std::string before = file_hash(path);
  { ASSERT_TRUE(Library::open(path).ok()); }
  EXPECT_EQ(file_hash(path), before);
}

TEST(Migrations, UpgradesAnOlderLibraryInOneStep) {
  if (latest_schema_version() < 2) GTEST_SKIP() << "only one schema version in this build";
  TempDir dir;
  auto path = dir / "old.triad";
  // A library as version 1 left it.
  make_sqlite(path, std::string(all_migrations()[0].sql) + "; PRAGMA application_id = " +
                        std::to_string(kApplicationId) + "; PRAGMA user_version = 1;");
  auto lib = Library::open(path);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  EXPECT_EQ(lib->schema_version(), latest_schema_version());
}

// A library as version 2 left it (core and workflow tables, no window index), with comments
// in it, opens as the latest version with its comments intact and the new indexes in place.
TEST(Migrations, VersionTwoFileUpgradesToTheWindowIndex) {
  ASSERT_GE(latest_schema_version(), 3);
  TempDir dir;
  auto path = dir / "v2.triad";
  make_sqlite(path, std::string(all_migrations()[0].sql) + std::string(all_migrations()[1].sql) +
                        "; INSERT INTO people(id, display_name, created_at_ms) VALUES (1, 'Ann', 0);"
                        " INSERT INTO sessions(id, uuid, title, created_at_ms) VALUES (1, 'u-1', 'Y7', 0);"
                        " INSERT INTO comments(uuid, session_id, author_id, start_us, end_us, text, created_at_ms,"
                        " updated_at_ms) VALUES ('c-1', 1, 1, 5000000, 9000000, 'kept', 0, 0),"
                        " ('c-2', 1, 1, 60000000, NULL, 'later', 0, 0);"
                        " PRAGMA application_id = " +
                        std::to_string(kApplicationId) + "; PRAGMA user_version = 2;");
  {
    auto lib = Library::open(path);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    EXPECT_EQ(lib->schema_version(), latest_schema_version());
    CommentFilter window;
    window.session_id = 1;
    window.from_us = 8'000'000;
    window.to_us = 10'000'000;
    auto hits = lib->list_comments(window);
    ASSERT_TRUE(hits.ok()) << hits.error().message;
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ(hits->front().text, "kept");
    auto st = Stmt::prepare(lib->db(), "SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'comments_session%' ORDER BY name");
    std::vector<std::string> names;
    while (*st->step()) names.push_back(st->text(0));
    EXPECT_EQ(names, (std::vector<std::string>{"comments_session_span", "comments_session_window"}));
  }
  // Opening again changes nothing: the upgrade happened once.
  std::string after = file_hash(path);
  { ASSERT_TRUE(Library::open(path).ok()); }
  EXPECT_EQ(file_hash(path), after);
}

// A version-3 library gains the edit times merges need: a session's metadata counts as
// edited when it was made, a role as set when the person was added.
TEST(Migrations, VersionThreeFileGainsEditTimes) {
  ASSERT_GE(latest_schema_version(), 4);
  TempDir dir;
  auto path = dir / "v3.triad";
  make_sqlite(path, std::string(all_migrations()[0].sql) + std::string(all_migrations()[1].sql) +
                        std::string(all_migrations()[2].sql) +
                        "; INSERT INTO people(id, display_name, created_at_ms) VALUES (1, 'Ann', 0);"
                        " INSERT INTO sessions(id, uuid, title, created_at_ms) VALUES (1, 'u-1', 'Y7', 4200);"
                        " INSERT INTO participants(session_id, person_id, role, added_at_ms) VALUES (1, 1, 'mentor', 5100);"
                        " PRAGMA application_id = " +
                        std::to_string(kApplicationId) + "; PRAGMA user_version = 3;");
  auto lib = Library::open(path);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  EXPECT_EQ(lib->schema_version(), latest_schema_version());
  auto s = lib->get_session(1);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->updated_at_ms, 4200);
  auto st = Stmt::prepare(lib->db(), "SELECT role_set_at_ms FROM participants WHERE session_id = 1 AND person_id = 1");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->step());
  EXPECT_EQ(st->int64(0), 5100);
}

// A version-8 library's signed changes survive migration 9 (compact signed changes): each
// keeps its id, order, data and signature; found by kind, by exact data, and waiting ones
// listed; a new applied change may then be kept by its data's hash alone.
TEST(Migrations, VersionEightSignedChangesSurviveTheCompactForm) {
  ASSERT_GE(latest_schema_version(), 9);
  TempDir dir;
  auto path = dir / "v8.triad";
  {
    auto db = Db::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db.ok());
    for (const auto& m : all_migrations()) {
      if (m.version > 8) break;
      if (!m.sql.empty()) {
        ASSERT_TRUE(db->exec(m.sql).ok()) << m.name;
      }
      if (m.apply) {
        ASSERT_TRUE(m.apply(*db).ok()) << m.name;
      }
    }
    ASSERT_TRUE(db->exec("INSERT INTO signed_changes(id, session_uuid, kind, subject, signer, public_key, data, signature, pending) VALUES "
                         "(3, 's-1', 'genesis', 's-1', 'Fran', 'K1', '{\"creator\":\"Fran\"}', 'sig-a', 0),"
                         "(5, 's-1', 'comment', 'c-1', 'Olly', 'K2', '{\"text\":\"one\"}', 'sig-b', 0),"
                         "(7, 's-1', 'comment', 'c-2', 'Olly', 'K2', '{\"text\":\"two\"}', 'sig-c', 1),"
                         "(9, 's-2', 'genesis', 's-2', 'Fran', 'K1', '{\"creator\":\"Fran\"}', 'sig-d', 0);"
                         "PRAGMA application_id = " + std::to_string(kApplicationId) + "; PRAGMA user_version = 8;")
                    .ok());
  }
  auto lib = Library::open(path);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  EXPECT_EQ(lib->schema_version(), latest_schema_version());
  auto genesis = list_changes_of_kind(*lib, "s-1", "genesis");
  ASSERT_TRUE(genesis.ok()) << genesis.error().message;
  ASSERT_EQ(genesis->size(), 1u);
  EXPECT_EQ(genesis->front().signer, "Fran");
  EXPECT_EQ(genesis->front().public_key, "K1");
  EXPECT_EQ(genesis->front().data, "{\"creator\":\"Fran\"}");
  EXPECT_EQ(genesis->front().signature, "sig-a");
  auto found = find_change(*lib, "s-1", "comment", "c-1", "{\"text\":\"one\"}");
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->signature, "sig-b");
  EXPECT_FALSE(*find_change(*lib, "s-2", "comment", "c-1", "{\"text\":\"one\"}"));  // another session's
  auto waiting = list_changes(*lib, "s-1", true);
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting->size(), 1u);
  EXPECT_EQ(waiting->front().signature, "sig-c");
  EXPECT_EQ(list_changes(*lib, "s-1", false)->size(), 2u);
  // Applied now, and a new change kept by its hash alone, found by that hash.
  const std::string hash(32, 'h');
  StoredChange applied{"s-1", "comment", "c-2", "Olly", "K2", "{\"text\":\"two\"}", "sig-c", false};
  StoredChange hashed{"s-1", "comment", "c-3", "Olly", "K2", "", "sig-e", false, hash};
  ASSERT_TRUE(put_changes(*lib, {applied, hashed}).ok());
  EXPECT_TRUE(list_changes(*lib, "s-1", true)->empty());
  auto by_hash = find_change(*lib, "s-1", "comment", "c-3", "{\"text\":\"three\"}", hash);
  ASSERT_TRUE(by_hash.ok() && *by_hash);
  EXPECT_EQ((*by_hash)->signature, "sig-e");
  EXPECT_TRUE((*by_hash)->data.empty());
  EXPECT_FALSE(*find_change(*lib, "s-1", "comment", "c-3", "{\"text\":\"three\"}", std::string(32, 'x')));
  // Without data a change needs its hash and cannot wait.
  StoredChange bad = hashed;
  bad.signature = "sig-f";
  bad.pending = true;
  EXPECT_FALSE(put_changes(*lib, {bad}).ok());
  bad.pending = false;
  bad.data_hash.clear();
  EXPECT_FALSE(put_changes(*lib, {bad}).ok());
  // Ids and order are kept: the stored order is the order changes are replayed in.
  auto st = Stmt::prepare(lib->db(), "SELECT group_concat(id) FROM (SELECT id FROM signed_changes ORDER BY id)");
  ASSERT_TRUE(st.ok() && *st->step());
  EXPECT_EQ(st->text(0), "3,5,7,9,10");
}

// The time-window query of a session walks only the index range of the window: bounded on
// both sides of start_us, with the end and tombstone checked inside the index.
TEST(Migrations, WindowQueryUsesTheCoveringIndex) {
  auto lib = Library::open_memory();
  ASSERT_TRUE(lib.ok());
  CommentFilter window;
  window.session_id = 1;
  window.from_us = 60'000'000;
  window.to_us = 120'000'000;
  auto count_plan = lib->explain_comment_query(window, true);
  ASSERT_TRUE(count_plan.ok()) << count_plan.error().message;
  EXPECT_NE(count_plan->find("USING COVERING INDEX comments_session_window (session_id=? AND start_us>? AND start_us<?)"),
            std::string::npos)
      << *count_plan;
  EXPECT_EQ(count_plan->find("SCAN c"), std::string::npos) << *count_plan;
  auto list_plan = lib->explain_comment_query(window);
  ASSERT_TRUE(list_plan.ok());
  EXPECT_NE(list_plan->find("INDEX comments_session_window (session_id=? AND start_us>? AND start_us<?)"),
            std::string::npos)
      << *list_plan;
  // The longest interval comes from one index probe, not a scan of the session.
  EXPECT_NE(list_plan->find("USING INDEX comments_session_span (session_id=?)"), std::string::npos) << *list_plan;
  EXPECT_EQ(list_plan->find("SCAN "), std::string::npos) << *list_plan;
}

// The lower bound on start_us must not lose a long interval that began well before the window.
TEST(Migrations, WindowQueryFindsLongIntervalsStartingBeforeTheWindow) {
  auto lib = Library::open_memory();
  ASSERT_TRUE(lib.ok());
  auto ann = lib->add_person("Ann");
  Session s;
  s.title = "Y7";
  auto session = lib->add_session(s);
  ASSERT_TRUE(ann.ok() && session.ok());
  auto add = [&](TimeUs start, std::optional<TimeUs> end, const char* text) {
    Comment c;
    c.session_id = session->id;
    c.author_id = ann->id;
    c.start_us = start;
    c.end_us = end;
    c.text = text;
    ASSERT_TRUE(lib->add_comment(c).ok());
  };
  add(seconds_us(10), seconds_us(600), "whole-lesson interval");
  add(seconds_us(20), std::nullopt, "point before");
  add(seconds_us(30), seconds_us(40), "short before");
  add(seconds_us(300), std::nullopt, "point inside");
  add(seconds_us(900), std::nullopt, "point after");
  CommentFilter window;
  window.session_id = session->id;
  window.from_us = seconds_us(290);
  window.to_us = seconds_us(310);
  auto hits = lib->list_comments(window);
  ASSERT_TRUE(hits.ok());
  std::vector<std::string> texts;
  for (const auto& c : *hits) texts.push_back(c.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"whole-lesson interval", "point inside"}));
  EXPECT_EQ(*lib->count_comments(window), 2);
}

// A zero-length file may be a library truncated by a failed copy or a full disk: it is
// refused and stays zero-length (only a missing file creates a new library).
TEST(Migrations, EmptyFileIsRefusedAndStaysEmpty) {
  TempDir dir;
  auto path = dir / "empty.triad";
  test::write_bytes(path, "");
  expect_refused_untouched(path, "empty file (0 bytes)");
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
}

TEST(Migrations, RefusesNewerSchemaUntouched) {
  TempDir dir;
  auto path = dir / "future.triad";
  { ASSERT_TRUE(Library::open(path).ok()); }
  {
    auto db = Db::open(path, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(db->exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1)).ok());
    // Leave it in rollback mode so no -wal file exists before the check.
    ASSERT_TRUE(db->exec("PRAGMA journal_mode = DELETE").ok());
  }
  expect_refused_untouched(path, "newer Triad");
}

TEST(Migrations, RefusesForeignApplicationUntouched) {
  TempDir dir;
  auto path = dir / "other.sqlite";
  make_sqlite(path, "CREATE TABLE t(x); INSERT INTO t VALUES (1); PRAGMA application_id = 1234;");
  expect_refused_untouched(path, "another program");
}

TEST(Migrations, RefusesPlainSqliteDatabaseUntouched) {
  TempDir dir;
  auto path = dir / "plain.db";
  make_sqlite(path, "CREATE TABLE notes(x); INSERT INTO notes VALUES ('hi');");
  expect_refused_untouched(path, "another program");
}

TEST(Migrations, RefusesNonSqliteFilesUntouched) {
  TempDir dir;
  auto text = dir / "notes.txt";
  test::write_bytes(text, "These are my lesson notes, not a database.\n");
  expect_refused_untouched(text, "not an SQLite database");
  auto big = dir / "video.mp4";
  std::string junk(64 * 1024, '\0');
  for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 7919) & 0xff);
  test::write_bytes(big, junk);
  expect_refused_untouched(big, "not an SQLite database");
}

TEST(Migrations, RefusesDirectory) {
  TempDir dir;
  auto lib = Library::open(dir.path);
  ASSERT_FALSE(lib.ok());
  EXPECT_EQ(lib.error().kind, kErrNotLibrary);
}

}  // namespace
}  // namespace triad::store
