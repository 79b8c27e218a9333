// Several processes writing one library at once: busy handling makes every write land.
#include <gtest/gtest.h>

#include "process_util.hpp"
#include "store/library.hpp"
#include "store_test_util.hpp"

namespace triad::store {
namespace {

using test::TempDir;

TEST(Concurrency, ThreeWritersThousandCommentsEach) {
  TempDir dir;
  auto path = dir / "shared.triad";
  RowId session = 0, author = 0;
  {
    auto lib = Library::open(path);
    ASSERT_TRUE(lib.ok());
    Session s;
    s.title = "concurrency";
    session = lib->add_session(s)->id;
    author = lib->add_person("Writer")->id;
    ASSERT_TRUE(lib->attach_framework(session, lib->ensure_default_framework()->id).ok());
  }
  constexpr int kWriters = 3;
  constexpr int kEach = 1000;
  std::vector<test::Child> children;
  for (int w = 0; w < kWriters; ++w) {
    children.push_back(test::spawn({TRIAD_STORE_WRITER, path.string(), std::to_string(session), std::to_string(author),
                                    std::to_string(kEach), "writer" + std::to_string(w)},
                                   dir / ("w" + std::to_string(w) + ".err"), dir / ("w" + std::to_string(w) + ".out")));
    ASSERT_GT(children.back().pid, 0);
  }
  for (int w = 0; w < kWriters; ++w) {
    EXPECT_EQ(test::wait_for(children[static_cast<std::size_t>(w)].pid), 0) << "writer " << w;
    std::string err = test::file_bytes(dir / ("w" + std::to_string(w) + ".err"));
    EXPECT_TRUE(err.empty()) << "writer " << w << " printed: " << err;
  }
  auto lib = Library::open(path, OpenMode::ExistingOnly);
  ASSERT_TRUE(lib.ok());
  EXPECT_EQ(*lib->count_comments({}), kWriters * kEach);
  for (int w = 0; w < kWriters; ++w) {
    CommentFilter f;
    f.text = "writer" + std::to_string(w) + " #";
    EXPECT_EQ(*lib->count_comments(f), kEach) << "writer " << w;
  }
  auto st = Stmt::prepare(lib->db(), "PRAGMA integrity_check");
  ASSERT_TRUE(st->step().value());
  EXPECT_EQ(st->text(0), "ok");
}

}  // namespace
}  // namespace triad::store
