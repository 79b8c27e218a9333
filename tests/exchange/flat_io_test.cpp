// Flat exports/imports against real library files: visibility, filters, and the
// export -> import round trip through a second library for every format.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "exchange/flat_io.hpp"
#include "store/workflow.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using store::Library;

template <class T>
T must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error(r.error().message);
  return std::move(r.value());
}

struct Lib {
  fs::path dir;
  Library lib;
  RowId session = 0, alice = 0, bob = 0, kid = 0;
};

Lib make(const fs::path& dir, const std::string& name, bool with_comments) {
  fs::create_directories(dir);
  Lib l{dir, must(Library::open(dir / name))};
  l.alice = must(l.lib.add_person("Alice Smith")).id;
  l.bob = must(l.lib.add_person("Bob Jones")).id;
  l.kid = must(l.lib.add_person("Jamie Realname")).id;
  Session s;
  s.title = "Lesson";
  l.session = must(l.lib.add_session(s)).id;
  auto fw = must(l.lib.ensure_default_framework());
  must(l.lib.attach_framework(l.session, fw.id));
  must(store::add_participant(l.lib, l.session, l.alice, Role::Observer));
  must(store::add_participant(l.lib, l.session, l.bob, Role::Observer));
  must(store::add_participant(l.lib, l.session, l.kid, Role::LearningDetective));
  if (with_comments) {
    auto add = [&](RowId who, TimeUs at, std::optional<TimeUs> end, const char* kind, const char* text, Visibility v,
                   std::vector<std::string> tags) {
      Comment c;
      c.session_id = l.session;
      c.author_id = who;
      c.start_us = at;
      c.end_us = end;
      c.kind = kind;
      c.text = text;
      c.visibility = v;
      c.tags = std::move(tags);
      must(l.lib.add_comment(c));
    };
    add(l.alice, 12'000'000, 15'500'000, "took-away", "Wait time, twice", Visibility::Triad, {"questioning", "pace"});
    add(l.bob, 30'000'000, std::nullopt, "try", "=cmd|' /C calc'!A0 try a hinge question", Visibility::Everyone, {});
    add(l.alice, 40'000'000, std::nullopt, "note", "private thought", Visibility::Private, {});
  }
  return l;
}

TEST(FlatIo_Export, VisibleNonPrivateAndFiltered) {
  fs::path dir = fs::temp_directory_path() / ("triad-flat-" + std::to_string(::getpid()));
  Lib a = make(dir, "a.triad", true);
  auto set = must(collect_for_export(a.lib, a.session, a.alice, {}));
  ASSERT_EQ(set.comments.size(), 2u);  // Alice's own private note stays home
  for (const auto& c : set.comments) EXPECT_NE(c.visibility, Visibility::Private);
  EXPECT_EQ(must(collect_for_export(a.lib, a.session, a.alice, {std::string("Bob Jones"), {}, {}})).comments.size(), 1u);
  EXPECT_EQ(must(collect_for_export(a.lib, a.session, a.alice, {{}, std::string("pace"), {}})).comments.size(), 1u);
  EXPECT_EQ(must(collect_for_export(a.lib, a.session, a.alice, {{}, {}, std::string("try")})).comments.size(), 1u);
  EXPECT_FALSE(collect_for_export(a.lib, a.session, a.kid, {}).ok()) << "learning detectives cannot export";
  fs::remove_all(dir);
}

TEST(FlatIo_RoundTrip, EveryFormatThroughASecondLibrary) {
  fs::path dir = fs::temp_directory_path() / ("triad-flat-rt-" + std::to_string(::getpid()));
  Lib a = make(dir, "a.triad", true);
  auto out = must(collect_for_export(a.lib, a.session, a.alice, {}));
  for (FlatFormat f : {FlatFormat::Csv, FlatFormat::Json, FlatFormat::WebVtt, FlatFormat::Srt, FlatFormat::Eaf}) {
    SCOPED_TRACE(static_cast<int>(f));
    Lib b = make(dir / std::to_string(static_cast<int>(f)), "b.triad", false);
    std::string text = render_flat(out, f);
    auto parsed = must(parse_flat(text, f, "file"));
    auto report = must(import_flat(b.lib, b.session, parsed, b.bob, 1));
    EXPECT_EQ(report.added, 2);
    store::CommentFilter filter;
    filter.session_id = b.session;
    auto back = must(b.lib.list_comments(filter));
    ASSERT_EQ(back.size(), 2u);
    for (const auto& orig : out.comments) {
      auto it = std::find_if(back.begin(), back.end(), [&](const Comment& c) { return c.text == orig.text; });
      ASSERT_NE(it, back.end()) << orig.text;
      EXPECT_EQ(it->start_us, orig.start_us);
      EXPECT_EQ(it->kind, orig.kind);
      EXPECT_EQ(it->tags, orig.tags);
      EXPECT_EQ(must(b.lib.get_person(it->author_id)).display_name, out.author_name(orig.author_id));
      if (f != FlatFormat::Srt) {  // SRT carries no ids and no point comments
        EXPECT_EQ(it->uuid, orig.uuid);
        EXPECT_EQ(it->end_us, orig.end_us);
      }
    }
    // Importing the same file again changes nothing (merge by UUID) for formats with ids.
    if (f != FlatFormat::Srt) {
      auto again = must(import_flat(b.lib, b.session, parsed, b.bob, 1));
      EXPECT_EQ(again.added + again.updated, 0);
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace triad::exchange
