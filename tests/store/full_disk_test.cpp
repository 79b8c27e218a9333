// A library on a full disk is still read: its sessions and comments are listed and shown,
// searched and dumped, and a write is refused with a sentence that says the disk is full,
// changing nothing. The full disk is the fault VFS's (tests/store/fault_vfs.hpp): every
// write fails with SQLITE_FULL and the -shm file cannot grow, which is what made every
// read fail ("disk I/O error") on a real full tmpfs.
#include <gtest/gtest.h>

#include <filesystem>

#include "fault_vfs.hpp"
#include "store/library.hpp"
#include "store_test_util.hpp"

namespace triad::store {
namespace {

using test::FaultVfs;
using test::TempDir;

struct Filled {
  std::filesystem::path path;
  RowId session = 0;
  std::string dump;
};

Filled make_library(const std::filesystem::path& dir) {
  Filled f;
  f.path = dir / "full.triad";
  auto lib = Library::open(f.path);
  EXPECT_TRUE(lib.ok());
  Session s;
  s.title = "Y8 fractions";
  f.session = lib->add_session(s)->id;
  RowId me = lib->me()->id;
  for (int i = 0; i < 3; ++i) {
    Comment c;
    c.session_id = f.session;
    c.author_id = me;
    c.start_us = seconds_us(10 * (i + 1));
    c.text = "Pupils compared fractions on the board, round " + std::to_string(i + 1);
    EXPECT_TRUE(lib->add_comment(c).ok());
  }
  f.dump = *lib->dump();
  return f;  // closed cleanly: no -wal or -shm file is left beside it
}

TEST(FullDisk, LibraryIsListedShownSearchedAndDumped) {
  TempDir dir;
  const Filled f = make_library(dir.path);
  ASSERT_FALSE(std::filesystem::exists(f.path.string() + "-shm"));
  FaultVfs::Scope vfs;
  FaultVfs::set_disk_full(true);
  for (OpenMode mode : {OpenMode::ExistingOnly, OpenMode::ReadOnly}) {
    auto lib = Library::open(f.path, mode);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    EXPECT_TRUE(lib->read_only());
    auto sessions = lib->list_sessions();
    ASSERT_TRUE(sessions.ok()) << sessions.error().message;
    ASSERT_EQ(sessions->size(), 1u);
    EXPECT_EQ(lib->get_session(f.session)->title, "Y8 fractions");
    CommentFilter cf;
    cf.session_id = f.session;
    auto comments = lib->list_comments(cf);
    ASSERT_TRUE(comments.ok()) << comments.error().message;
    EXPECT_EQ(comments->size(), 3u);
    EXPECT_EQ(*lib->count_comments(cf), 3);
    auto hits = lib->search_comments("fractions board", f.session);
    ASSERT_TRUE(hits.ok()) << hits.error().message;
    EXPECT_EQ(hits->size(), 3u);
    auto dump = lib->dump();
    ASSERT_TRUE(dump.ok()) << dump.error().message;
    EXPECT_EQ(*dump, f.dump);
  }
  FaultVfs::set_disk_full(false);
}

TEST(FullDisk, AWriteIsRefusedWithASentenceAndChangesNothing) {
  TempDir dir;
  const Filled f = make_library(dir.path);
  {
    FaultVfs::Scope vfs;
    FaultVfs::set_disk_full(true);
    auto lib = Library::open(f.path, OpenMode::ExistingOnly);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    Comment c;
    c.session_id = f.session;
    c.author_id = lib->me().ok() ? lib->me()->id : 1;
    c.start_us = seconds_us(99);
    c.text = "Written on a full disk";
    auto added = lib->add_comment(c);
    ASSERT_FALSE(added.ok());
    EXPECT_EQ(added.error().message, "Library " + f.path.string() +
                                         " is on a full disk: it can be read, but nothing was changed. Free some "
                                         "space on that disk and try again.");
    Session s;
    s.title = "Another";
    auto made = lib->add_session(s);
    ASSERT_FALSE(made.ok());
    EXPECT_NE(made.error().message.find("is on a full disk"), std::string::npos) << made.error().message;
    FaultVfs::set_disk_full(false);
  }
  auto lib = Library::open(f.path, OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  EXPECT_EQ(*lib->dump(), f.dump);
}

}  // namespace
}  // namespace triad::store
