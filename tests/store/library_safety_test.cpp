// Libraries that cannot or must not be written: read-only files and folders open for
// reading (writes refused with a sentence, nothing changed); a damaged library (index out of
// step with its table, which quick_check does not see) is refused by imports and upgrades
// with a recovery hint and left untouched; comment versions are bounded.
#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <limits>

#include "process_util.hpp"
#include "store/library.hpp"
#include "store/migrations.hpp"
#include "store_test_util.hpp"

namespace triad::store {
namespace {

using test::file_hash;
using test::TempDir;

std::filesystem::path make_library(const std::filesystem::path& path) {
  auto lib = Library::open(path);
  EXPECT_TRUE(lib.ok()) << lib.error().message;
  Session s;
  s.title = "Y8 fractions";
  auto added = lib->add_session(s);
  EXPECT_TRUE(added.ok());
  Comment c;
  c.session_id = added->id;
  c.author_id = lib->me()->id;
  c.start_us = 1'000'000;
  c.kind = "note";
  c.text = "first";
  EXPECT_TRUE(lib->add_comment(c).ok());
  return path;
}

struct CliResult {
  int code = -1;
  std::string out, err;
};

// Runs the triad CLI as an unprivileged user when we are root (root may write a 0444 file,
// so a read-only library can only be seen as one by someone else).
CliResult run_cli_unprivileged(const std::vector<std::string>& args, const std::filesystem::path& dir) {
  std::vector<std::string> argv{TRIAD_CLI};
  argv.insert(argv.end(), args.begin(), args.end());
  auto out = dir / "out.txt", err = dir / "err.txt";
  pid_t pid = fork();
  if (pid == 0) {
    if (geteuid() == 0) {
      const passwd* nobody = getpwnam("nobody");
      if (!nobody || setgid(nobody->pw_gid) != 0 || setuid(nobody->pw_uid) != 0) _exit(99);
    }
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (o < 0 || e < 0) _exit(98);
    dup2(o, 1);
    dup2(e, 2);
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    execv(cargv[0], cargv.data());
    _exit(97);
  }
  CliResult r;
  r.code = test::wait_for(pid);
  r.out = test::file_bytes(out);
  r.err = test::file_bytes(err);
  return r;
}

class ReadOnlyLibrary : public ::testing::TestWithParam<bool> {};

// GetParam(): true = the folder is read-only (SQLite cannot make its -wal/-shm files),
// false = the file itself is 0444.
TEST_P(ReadOnlyLibrary, CanBeReadButNotWritten) {
  if (!std::filesystem::exists(TRIAD_CLI)) GTEST_SKIP() << "triad binary not built";
  TempDir tmp;
  auto libdir = tmp / "lib";
  auto outdir = tmp / "out";
  std::filesystem::create_directories(libdir);
  std::filesystem::create_directories(outdir);
  auto db = make_library(libdir / "lib.triad");
  chmod(tmp.path.c_str(), 0755);
  chmod(outdir.c_str(), 0777);
  chmod(db.c_str(), 0444);
  if (GetParam()) chmod(libdir.c_str(), 0555);
  std::string before = file_hash(db);
  const std::string d = db.string();

  for (std::vector<std::string> read : {std::vector<std::string>{"--db", d, "session", "list"},
                                        {"--db", d, "--json", "comment", "list", "--session", "1"},
                                        {"--db", d, "session", "show", "1"},
                                        {"--db", d, "dump"},
                                        {"--db", d, "--json", "person", "list"}}) {
    CliResult r = run_cli_unprivileged(read, outdir);
    EXPECT_EQ(r.code, 0) << read[2] << ": " << r.err;
  }
  CliResult listed = run_cli_unprivileged({"--db", d, "comment", "list", "--session", "1"}, outdir);
  EXPECT_NE(listed.out.find("first"), std::string::npos) << listed.out << listed.err;
  CliResult exported = run_cli_unprivileged(
      {"--db", d, "export", "--session", "1", "--format", "csv", "-o", (outdir / "c.csv").string()}, outdir);
  EXPECT_EQ(exported.code, 0) << exported.err;

  CliResult add = run_cli_unprivileged({"--db", d, "comment", "add", "--session", "1", "--at", "2", "--text", "x"}, outdir);
  EXPECT_EQ(add.code, 5) << add.err;
  EXPECT_NE(add.err.find("is read-only"), std::string::npos) << add.err;
  EXPECT_EQ(std::count(add.err.begin(), add.err.end(), '\n'), 1) << add.err;
  CliResult person = run_cli_unprivileged({"--db", d, "person", "add", "Bea"}, outdir);
  EXPECT_NE(person.code, 0);
  EXPECT_NE(person.err.find("read-only"), std::string::npos) << person.err;

  chmod(libdir.c_str(), 0755);
  EXPECT_EQ(file_hash(db), before);
}

INSTANTIATE_TEST_SUITE_P(FileOrFolder, ReadOnlyLibrary, ::testing::Values(false, true));

// Rewrites one index's definition so its entries no longer match the table: quick_check
// passes (it does not compare indexes with tables), integrity_check does not.
void damage_an_index(const std::filesystem::path& path) {
  auto db = Db::open(path, SQLITE_OPEN_READWRITE);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->exec("CREATE INDEX IF NOT EXISTS damage_probe ON sessions(title)").ok());
  ASSERT_TRUE(db->exec("PRAGMA writable_schema = ON; "
                       "UPDATE sqlite_schema SET sql = 'CREATE INDEX damage_probe ON sessions(uuid)' "
                       "WHERE name = 'damage_probe'; PRAGMA writable_schema = OFF;")
                  .ok());
  ASSERT_TRUE(db->exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
}

TEST(LibrarySafety, DamagedLibraryIsRefusedByUpgradesAndImportsWithAHint) {
  TempDir dir;
  auto path = make_library(dir / "lib.triad");
  damage_an_index(path);
  {
    auto lib = Library::open(path);  // quick_check passes: reading still works
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    auto st = lib->check_integrity("imported into");
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("is damaged"), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find(".recover"), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find("not imported into"), std::string::npos) << st.error().message;
  }
  // An upgrade is refused the same way, before anything is written.
  {
    auto db = Db::open(path, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(db->exec("PRAGMA user_version = " + std::to_string(latest_schema_version() - 1)).ok());
    ASSERT_TRUE(db->exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  std::string before = file_hash(path);
  auto lib = Library::open(path);
  ASSERT_FALSE(lib.ok());
  EXPECT_NE(lib.error().message.find("not upgraded"), std::string::npos) << lib.error().message;
  EXPECT_NE(lib.error().message.find(".recover"), std::string::npos) << lib.error().message;
  EXPECT_EQ(file_hash(path), before);
}

TEST(LibrarySafety, DamagedLibraryRefusesACliImportUnchanged) {
  if (!std::filesystem::exists(TRIAD_CLI)) GTEST_SKIP() << "triad binary not built";
  TempDir dir;
  auto path = make_library(dir / "lib.triad");
  damage_an_index(path);
  test::write_bytes(dir / "in.csv", "start,text\n00:00:01.000,hello\n");
  std::string before = file_hash(path);
  auto child = test::spawn({TRIAD_CLI, "--db", path.string(), "import", "--session", "1", (dir / "in.csv").string()},
                           dir / "err.txt", dir / "out.txt");
  int code = test::wait_for(child.pid);
  std::string err = test::file_bytes(dir / "err.txt");
  EXPECT_EQ(code, 5) << err;
  EXPECT_NE(err.find("damaged"), std::string::npos) << err;
  EXPECT_NE(err.find(".recover"), std::string::npos) << err;
  EXPECT_EQ(file_hash(path), before);
}

TEST(LibrarySafety, CommentVersionsAreBounded) {
  auto lib = Library::open_memory();
  ASSERT_TRUE(lib.ok());
  Session s;
  s.title = "t";
  auto session = lib->add_session(s);
  Comment c;
  c.uuid = "0b5e3f6a-0c1d-4e2f-8a9b-0c1d2e3f4a5b";
  c.session_id = session->id;
  c.author_id = lib->me()->id;
  c.kind = "note";
  c.text = "imported";
  c.version = std::numeric_limits<std::int64_t>::max();
  auto refused = lib->put_comment_exact(c);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("versions run from 1"), std::string::npos) << refused.error().message;
  // A library that already holds a huge version (an older Triad let one in) stays editable.
  c.version = kMaxCommentVersion;
  auto id = lib->put_comment_exact(c);
  ASSERT_TRUE(id.ok()) << id.error().message;
  {
    auto st = Stmt::prepare(lib->db(), "UPDATE comments SET version = ?1 WHERE id = ?2");
    st->bind(1, std::numeric_limits<std::int64_t>::max()).bind(2, *id);
    ASSERT_TRUE(st->run().ok());
  }
  CommentEdit e;
  e.text = "edited";
  auto edited = lib->edit_comment(*id, e);
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(edited->version, kMaxCommentVersion);
  auto gone = lib->delete_comment(*id);
  ASSERT_TRUE(gone.ok()) << gone.error().message;
  EXPECT_EQ(gone->version, kMaxCommentVersion);
}

}  // namespace
}  // namespace triad::store

namespace triad::store {
namespace {

// Opening does not read every page (no quick_check: ~1.7 s on a library of 1,000,000
// comments); a damaged page is met when it is read, and comes back as a sentence with the
// recovery hint, not as a crash or a bare "disk image is malformed".
TEST(LibrarySafety, DamagedCommentPageIsASentenceWhenRead) {
  TempDir dir;
  auto path = make_library(dir / "lib.triad");
  std::int64_t page = 0, page_size = 0;
  {
    auto lib = Library::open(path);
    ASSERT_TRUE(lib.ok());
    Comment c;
    c.session_id = 1;
    c.author_id = lib->me()->id;
    c.kind = "note";
    auto tx = lib->begin();
    for (int i = 0; i < 400; ++i) {  // several leaf pages of comments
      c.start_us = 2'000'000 + i;
      c.text = "Pupils explained their fractions to a partner, comment " + std::to_string(i);
      ASSERT_TRUE(lib->add_comment(c).ok());
    }
    ASSERT_TRUE(tx->commit().ok());
    {
      auto st = Stmt::prepare(lib->db(), "SELECT max(pageno) FROM dbstat WHERE name = 'comments' AND pagetype = 'leaf'");
      ASSERT_TRUE(st.ok());
      ASSERT_TRUE(*st->step());
      page = st->int64(0);
      auto ps = Stmt::prepare(lib->db(), "PRAGMA page_size");
      ASSERT_TRUE(*ps->step());
      page_size = ps->int64(0);
    }  // finished, so the checkpoint below is not blocked by them
    ASSERT_TRUE(lib->db().exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  ASSERT_GT(page, 1);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp((page - 1) * page_size);
    const std::string junk(static_cast<std::size_t>(page_size), '\xee');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto lib = Library::open(path);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  CommentFilter f;
  f.session_id = 1;
  auto list = lib->list_comments(f);
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.error().message.find("Library " + path.string() + " is damaged"), std::string::npos)
      << list.error().message;
  EXPECT_NE(list.error().message.find(".recover"), std::string::npos) << list.error().message;
}

}  // namespace
}  // namespace triad::store
