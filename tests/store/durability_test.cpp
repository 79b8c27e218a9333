// Crash safety: a writer process is killed with SIGKILL at random moments; every comment
// it acknowledged (printed after COMMIT returned) must survive, and the file stays sound.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "process_util.hpp"
#include "store/library.hpp"
#include "store_test_util.hpp"

namespace triad::store {
namespace {

using test::TempDir;

struct WriterTarget {
  RowId session = 0;
  RowId author = 0;
};

WriterTarget prepare(const std::filesystem::path& path) {
  auto lib = Library::open(path);
  EXPECT_TRUE(lib.ok()) << lib.error().message;
  Session s;
  s.title = "durability";
  auto session = lib->add_session(s);
  auto person = lib->add_person("Writer");
  auto fw = lib->ensure_default_framework();
  EXPECT_TRUE(lib->attach_framework(session->id, fw->id).ok());
  return {session->id, person->id};
}

// "id text" lines; a last line without '\n' was cut by the kill and is not acknowledged.
std::map<RowId, std::string> parse_acks(const std::string& out) {
  std::map<RowId, std::string> acks;
  std::size_t start = 0;
  for (std::size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1) {
    std::string line = out.substr(start, nl - start);
    auto sp = line.find(' ');
    acks[std::stoll(line.substr(0, sp))] = line.substr(sp + 1);
  }
  return acks;
}

TEST(Durability, AcknowledgedCommentsSurviveSigkill) {
  TempDir dir;
  auto path = dir / "crash.triad";
  WriterTarget setup = prepare(path);
  std::mt19937 rng(20260314);
  // From "before the first commit" to a few dozen commits in (a commit with fsync takes ms).
  std::uniform_int_distribution<int> delay_us(0, 120000);
  std::map<RowId, std::string> acknowledged;
  int killed_mid_run = 0;
  constexpr int kRuns = 60;
  for (int run = 0; run < kRuns; ++run) {
    auto child = test::spawn({TRIAD_STORE_WRITER, path.string(), std::to_string(setup.session),
                              std::to_string(setup.author), "1000000", "run" + std::to_string(run)},
                             dir / "writer.err");
    ASSERT_GT(child.pid, 0);
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    kill(child.pid, SIGKILL);
    std::string out = test::drain(child.stdout_fd);
    int status = test::wait_for(child.pid);
    if (status == 128 + SIGKILL) ++killed_mid_run;
    std::string err = test::file_bytes(dir / "writer.err");
    EXPECT_TRUE(err.empty()) << "run " << run << ": " << err;
    for (auto& [id, text] : parse_acks(out)) acknowledged[id] = text;
  }
  EXPECT_EQ(killed_mid_run, kRuns);
  EXPECT_GT(acknowledged.size(), 0u) << "the writer never got a comment in: the test proved nothing";
  std::cout << "[ durability ] " << kRuns << " SIGKILLs, " << acknowledged.size() << " acknowledged comments\n";

  auto lib = Library::open(path, OpenMode::ExistingOnly);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  auto st = Stmt::prepare(lib->db(), "PRAGMA integrity_check");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st->step().value());
  EXPECT_EQ(st->text(0), "ok");
  auto fts = lib->db().exec("INSERT INTO comments_fts(comments_fts, rank) VALUES ('integrity-check', 1)");
  EXPECT_TRUE(fts.ok()) << fts.error().message;
  std::size_t missing = 0;
  for (auto& [id, text] : acknowledged) {
    auto c = lib->get_comment(id);
    if (!c.ok() || c->text != text) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged comments";
  // Every acknowledged comment is tagged too (comment and tags commit together).
  CommentFilter tagged;
  tagged.tag = "questioning";
  EXPECT_EQ(*lib->count_comments(tagged), *lib->count_comments({}));
}

}  // namespace
}  // namespace triad::store
