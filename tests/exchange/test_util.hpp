#pragma once
// Helpers shared by the exchange tests.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "base/result.hpp"
#include "core/model.hpp"
#include "exchange/comment_set.hpp"

namespace triad::exchange::test {

// The value of a step the test's set-up cannot go on without.
template <class T>
T must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error(r.error().message);
  return std::move(r.value());
}

// The shared corpus: $TRIAD_CORPUS_DIR when set (so a run can point elsewhere or at nothing),
// else the folder CMake configured.
inline std::filesystem::path corpus_dir() {
  if (const char* env = std::getenv("TRIAD_CORPUS_DIR")) return std::filesystem::path(env);
  return std::filesystem::path(TRIAD_CORPUS_DIR);
}

// Skips the calling test with a message when the shared corpus folder is absent.
#define TRIAD_REQUIRE_CORPUS(sub)                                                              \
  do {                                                                                         \
    if (!std::filesystem::is_directory(::triad::exchange::test::corpus_dir() / (sub)))        \
      GTEST_SKIP() << "corpus folder " << (::triad::exchange::test::corpus_dir() / (sub))     \
                   << " is absent (set TRIAD_CORPUS_DIR); skipping";                           \
  } while (0)

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A small set of comments exercising the awkward cases every format must carry.
inline CommentSet sample_set() {
  CommentSet s;
  s.title = "Year 8 fractions, lesson 3";
  s.media_url = "lesson 3.mp4";
  RowId alice = s.author_id("Alice Smith"), bob = s.author_id("Bob O'Neil");
  auto add = [&](const char* uuid, RowId author, TimeUs start, std::optional<TimeUs> end, const char* kind,
                 std::string text, std::vector<std::string> tags) {
    Comment c;
    c.uuid = uuid;
    c.author_id = author;
    c.start_us = start;
    c.end_us = end;
    c.kind = kind;
    c.text = std::move(text);
    c.tags = std::move(tags);
    s.comments.push_back(c);
  };
  add("11111111-1111-4111-8111-111111111111", alice, 12'000'000, 17'500'000, "took-away",
      "I took away how you used wait time.", {"questioning", "wait-time"});
  add("22222222-2222-4222-8222-222222222222", bob, 65'250'000, std::nullopt, "try",
      "=HYPERLINK(\"http://x\") & <b>bold</b>, \"quoted\"", {});
  add("33333333-3333-4333-8333-333333333333", alice, 3'725'125'000, 3'730'000'000, "question",
      "Two lines:\nsecond line --> arrow\n\nafter a blank line; ünïcødé ✓", {"pace"});
  add("44444444-4444-4444-8444-444444444444", bob, 0, 1'000, "strength", "-starts with minus", {"a", "b"});
  return s;
}

// The fields a format round trip must keep, as one comparable string per comment.
inline std::string essence(const CommentSet& s, const Comment& c, bool with_uuid, bool with_point) {
  std::ostringstream os;
  if (with_uuid) os << c.uuid << "|";
  os << c.start_us << "|";
  if (with_point)
    os << (c.end_us ? std::to_string(*c.end_us) : "point");
  else
    os << c.end_us.value_or(-1);
  os << "|" << s.author_name(c.author_id) << "|" << c.kind << "|" << c.text << "|";
  for (auto& t : c.tags) os << t << ",";
  return os.str();
}

}  // namespace triad::exchange::test
