#pragma once
// Helpers shared by the exchange tests.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "exchange/comment_set.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"

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

// A comment ready for Library::add_comment.
inline Comment comment_at(RowId session, RowId author, TimeUs start, std::optional<TimeUs> end, std::string kind,
                          std::string text, Visibility visibility = Visibility::Triad, std::vector<std::string> tags = {}) {
  Comment c;
  c.session_id = session;
  c.author_id = author;
  c.start_us = start;
  c.end_us = end;
  c.kind = std::move(kind);
  c.text = std::move(text);
  c.visibility = visibility;
  c.tags = std::move(tags);
  return c;
}

// A lesson in a new library in `dir`: session `s` taught by `teacher` and observed by
// `observer` (participants in those roles), recorded by a 4 s 320x240 H.264 clip (testsrc2,
// 25 fps) made with the ffmpeg CLI. nullopt when ffmpeg could not make it (the caller skips).
struct ObservedLesson {
  store::Library lib;
  RowId session = 0, teacher = 0, observer = 0;
};
inline std::optional<ObservedLesson> observed_lesson(const std::filesystem::path& dir, Session s, const std::string& teacher,
                                                     const std::string& observer) {
  std::filesystem::path video = dir / "lesson.mp4";
  std::string cmd = "ffmpeg -v error -y -f lavfi -i testsrc2=size=320x240:rate=25 -t 4 -pix_fmt yuv420p -c:v libx264 -g 50 '" +
                    video.string() + "'";
  if (std::system(cmd.c_str()) != 0) return std::nullopt;
  ObservedLesson l{must(store::Library::open(dir / "lib.triad"))};
  l.teacher = must(l.lib.add_person(teacher)).id;
  l.observer = must(l.lib.add_person(observer)).id;
  s.teacher_id = l.teacher;
  l.session = must(l.lib.add_session(s)).id;
  Recording r;
  r.session_id = l.session;
  r.path = video.string();
  r.fingerprint = "tfp1:test";
  r.duration_us = 4'000'000;
  must(l.lib.add_recording(r));
  must(store::add_participant(l.lib, l.session, l.teacher, Role::Teacher));
  must(store::add_participant(l.lib, l.session, l.observer, Role::Observer));
  return l;
}

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
    s.comments.push_back(comment_at(0, author, start, end, kind, std::move(text), Visibility::Triad, std::move(tags)));
    s.comments.back().uuid = uuid;
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
