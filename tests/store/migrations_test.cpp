// Schema migrations and refusing files that are not (current) Triad libraries.
#include <gtest/gtest.h>

#include "store/library.hpp"
#include "store/migrations.hpp"
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
    EXPECT_EQ(lib.error().code, kErrNotLibrary);
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

TEST(Migrations, EmptyFileBecomesALibrary) {
  TempDir dir;
  auto path = dir / "empty.triad";
  test::write_bytes(path, "");
  auto lib = Library::open(path);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  EXPECT_EQ(lib->schema_version(), latest_schema_version());
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
  EXPECT_EQ(lib.error().code, kErrNotLibrary);
}

}  // namespace
}  // namespace triad::store
