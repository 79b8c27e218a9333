#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "base/atomic_file.hpp"

using namespace triad;
namespace fs = std::filesystem;

namespace {
fs::path temp_dir() {
  auto d = fs::temp_directory_path() / ("triad-atomic-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}
}  // namespace

TEST(AtomicFile, WritesWholeContent) {
  auto p = temp_dir() / "out.txt";
  ASSERT_TRUE(write_file_atomically(p, "hello\n").ok());
  EXPECT_EQ(read_file(p).value(), "hello\n");
  ASSERT_TRUE(write_file_atomically(p, "second").ok());
  EXPECT_EQ(read_file(p).value(), "second");
}

TEST(AtomicFile, CancelledWriteLeavesOldFileAndNoTemporary) {
  auto d = temp_dir() / "cancel";
  fs::create_directories(d);
  auto p = d / "report.html";
  ASSERT_TRUE(write_file_atomically(p, "old").ok());
  auto st = write_file_atomically(p, [](std::FILE* f) {
    std::fputs("half a fi", f);
    return false;  // interrupted
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(read_file(p).value(), "old");
  int files = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(d)) ++files;
  EXPECT_EQ(files, 1);
}

TEST(AtomicFile, ErrorNamesTheFile) {
  auto st = write_file_atomically("/nonexistent-dir/x.csv", "x");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("/nonexistent-dir/x.csv"), std::string::npos);
  auto r = read_file("/nonexistent-dir/y");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("/nonexistent-dir/y"), std::string::npos);
}
