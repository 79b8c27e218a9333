// Flat exports/imports against real library files: visibility, filters, and the
// export -> import round trip through a second library for every format.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "base/uuid.hpp"
#include "core/framework.hpp"
#include "core/protocol.hpp"
#include "core/text_limits.hpp"

#include "exchange/flat_io.hpp"
#include "store/workflow.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using store::Library;

using test::must;

struct Lib {
  fs::path dir;
  Library lib;
  RowId session = 0, alice = 0, bob = 0, kid = 0;
};

Lib make(const fs::path& dir, const std::string& name, bool with_comments, bool with_participants = true) {
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
  if (with_participants) {
    must(store::add_participant(l.lib, l.session, l.alice, Role::Observer));
    must(store::add_participant(l.lib, l.session, l.bob, Role::Observer));
    must(store::add_participant(l.lib, l.session, l.kid, Role::LearningDetective));
  }
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

// Agrees a protocol for the session so its rules apply to imports: the library's default
// framework for staff (the comments' tags are from it), the shipped learning-detective set.
void agree_protocol(Lib& l, std::vector<FeedbackStem> stems = default_stems(),
                    Visibility default_visibility = Visibility::Triad) {
  if (!must(l.lib.find_framework("learning-detectives"))) {
    std::string text = test::slurp(fs::path(TRIAD_SOURCE_DIR) / "assets" / "frameworks" / "learning-detectives.json");
    must(store::import_framework(l.lib, must(parse_framework(text, "learning-detectives.json"))));
  }
  Protocol p;
  p.session_id = l.session;
  p.framework_code = "triad-default";
  p.stems = std::move(stems);
  p.default_visibility = default_visibility;
  must(store::set_protocol(l.lib, p, l.alice));
}

// A fresh receiving library under a temporary folder (removed by the caller) whose session
// runs under the default protocol.
Lib receiving(const std::string& tag, fs::path& dir) {
  dir = fs::temp_directory_path() / ("triad-flat-" + tag + "-" + std::to_string(::getpid()));
  Lib b = make(dir, "b.triad", false);
  agree_protocol(b);
  return b;
}

std::size_t count(Lib& l) {
  store::CommentFilter f;
  f.session_id = l.session;
  return must(l.lib.list_comments(f)).size();
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

// The store refuses pupil names; one left by an older Triad in a library still never leaves it.
TEST(FlatIo_Export, NeverCarriesAPupilName) {
  fs::path dir = fs::temp_directory_path() / ("triad-flat-name-" + std::to_string(::getpid()));
  Lib a = make(dir, "a.triad", true);
  auto st = store::Stmt::prepare(a.lib.db(), "UPDATE comments SET pupil = 'Jamie Realname' WHERE kind = 'try'");
  ASSERT_TRUE(st.ok() && st->run().ok());
  auto set = must(collect_for_export(a.lib, a.session, a.alice, {}));
  ASSERT_EQ(set.comments.size(), 2u);
  for (FlatFormat f : {FlatFormat::Csv, FlatFormat::Json, FlatFormat::WebVtt, FlatFormat::Srt, FlatFormat::Eaf})
    EXPECT_EQ(render_flat(set, f).find("Jamie"), std::string::npos) << static_cast<int>(f);
  fs::remove_all(dir);
}

TEST(FlatIo_RoundTrip, EveryFormatThroughASecondLibrary) {
  fs::path dir = fs::temp_directory_path() / ("triad-flat-rt-" + std::to_string(::getpid()));
  Lib a = make(dir, "a.triad", true);
  auto out = must(collect_for_export(a.lib, a.session, a.alice, {}));
  for (FlatFormat f : {FlatFormat::Csv, FlatFormat::Json, FlatFormat::WebVtt, FlatFormat::Srt, FlatFormat::Eaf}) {
    SCOPED_TRACE(static_cast<int>(f));
    // A file only ever adds the importer's comments: in a plain session (no participants)
    // another author's name stays at the start of the text; a session run under a protocol
    // refuses a file naming someone else (below).
    Lib b = make(dir / std::to_string(static_cast<int>(f)), "b.triad", false, false);
    std::string text = render_flat(out, f);
    auto parsed = must(parse_flat(text, f, "file"));
    const auto people_before = must(b.lib.list_people()).size();
    auto report = must(import_flat(b.lib, b.session, parsed, b.bob, 1));
    EXPECT_EQ(report.added, 2);
    store::CommentFilter filter;
    filter.session_id = b.session;
    auto back = must(b.lib.list_comments(filter));
    ASSERT_EQ(back.size(), 2u);
    for (const auto& orig : out.comments) {
      const std::string by = out.author_name(orig.author_id);
      const std::string expected = by == "Bob Jones" ? orig.text : by + ": " + orig.text;
      auto it = std::find_if(back.begin(), back.end(), [&](const Comment& c) { return c.text == expected; });
      ASSERT_NE(it, back.end()) << expected;
      EXPECT_EQ(it->start_us, orig.start_us);
      EXPECT_EQ(it->kind, orig.kind);
      EXPECT_EQ(it->tags, orig.tags);
      EXPECT_EQ(it->author_id, b.bob) << "a file only adds its importer's comments";
      if (f != FlatFormat::Srt) {  // SRT carries no ids and no point comments
        EXPECT_EQ(it->uuid, orig.uuid);
        EXPECT_EQ(it->end_us, orig.end_us);
      }
    }
    EXPECT_EQ(must(b.lib.list_people()).size(), people_before) << "a file creates nobody";
    // Importing the same file again changes nothing (merge by UUID) for formats with ids.
    if (f != FlatFormat::Srt) {
      auto again = must(import_flat(b.lib, b.session, parsed, b.bob, 1));
      EXPECT_EQ(again.added + again.updated, 0);
      EXPECT_EQ(again.unchanged, 2);
    }
  }
  fs::remove_all(dir);
}

// A protocol with a required stem: a file whose comments lack one is refused whole, naming
// each offending comment; --kind gives them a stem; a stem the protocol lacks is refused anyway.
TEST(FlatIo_Import, RequiredStemRefusesTheWholeFileUnlessKindGivesOne) {
  fs::path dir = fs::temp_directory_path() / ("triad-flat-stem-" + std::to_string(::getpid()));
  Lib b = make(dir, "b.triad", false);
  agree_protocol(b, {{"took-away", "I took away", true}, {"try", "Why don't you try", false}});
  const std::string csv =
      "start,author,kind,text\n"
      "1.0,Bob Jones,took-away,first\n"
      "2.5,Bob Jones,,second has no stem\n"
      "4.0,,,third has no stem either\n";
  auto set = must(parse_flat(csv, FlatFormat::Csv, "notes.csv"));
  const std::string before = must(b.lib.dump());
  FlatImportOptions options;
  options.source = "notes.csv";
  auto refused = import_flat(b.lib, b.session, set, b.bob, 1, options);
  ASSERT_FALSE(refused.ok());
  const std::string& why = refused.error().message;
  EXPECT_NE(why.find("'notes.csv' was not imported"), std::string::npos) << why;
  EXPECT_NE(why.find("2 of its comments"), std::string::npos) << why;
  EXPECT_NE(why.find("comment 2 (at 00:00:02.500, by Bob Jones)"), std::string::npos) << why;
  EXPECT_NE(why.find("comment 3 (at 00:00:04.000)"), std::string::npos) << why;
  EXPECT_EQ(why.find("comment 1 "), std::string::npos) << why;
  EXPECT_NE(why.find("--kind"), std::string::npos) << why;
  EXPECT_EQ(why.find('\n'), std::string::npos);
  EXPECT_EQ(must(b.lib.dump()), before);

  options.default_kind = "try";
  auto report = must(import_flat(b.lib, b.session, set, b.bob, 1, options));
  EXPECT_EQ(report.added, 3);
  store::CommentFilter f;
  f.session_id = b.session;
  std::vector<std::string> kinds;
  for (const auto& c : must(b.lib.list_comments(f))) kinds.push_back(c.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"took-away", "try", "try"}));

  // A stem outside the protocol, or a --kind outside it, is refused whatever --kind says.
  auto foreign = must(parse_flat("start,kind,text\n9,wow,not a stem here\n", FlatFormat::Csv, "other.csv"));
  auto r1 = import_flat(b.lib, b.session, foreign, b.bob, 1, options);
  ASSERT_FALSE(r1.ok());
  EXPECT_NE(r1.error().message.find("Stem 'wow' is not one of this protocol's stems"), std::string::npos)
      << r1.error().message;
  options.default_kind = "wow";
  EXPECT_FALSE(import_flat(b.lib, b.session, set, b.bob, 1, options).ok());
  EXPECT_EQ(count(b), 3u);
  fs::remove_all(dir);
}

TEST(FlatIo_Import, LearningDetectivesAndOutsidersCannotImport) {
  fs::path dir;
  Lib b = receiving("ld", dir);
  auto set = must(parse_flat("start,text\n1,hello\n", FlatFormat::Csv, "kid.csv"));
  auto kid = import_flat(b.lib, b.session, set, b.kid, 1);
  ASSERT_FALSE(kid.ok());
  EXPECT_NE(kid.error().message.find("learning detective cannot import"), std::string::npos) << kid.error().message;
  RowId outsider = must(b.lib.add_person("Olly Outsider")).id;
  auto out = import_flat(b.lib, b.session, set, outsider, 1);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("not a participant"), std::string::npos) << out.error().message;
  EXPECT_EQ(count(b), 0u);
  fs::remove_all(dir);
}

// Visibility of imported comments: what the file states (CSV, JSON) is kept; otherwise the
// protocol's default, and private for a self-review author (an NQT reviewing their lesson).
TEST(FlatIo_Import, VisibilityFollowsTheProtocolAndSelfReview) {
  fs::path dir = fs::temp_directory_path() / ("triad-flat-vis-" + std::to_string(::getpid()));
  Lib b = make(dir, "b.triad", false);
  RowId nia = must(b.lib.add_person("Nia New")).id;
  must(store::add_participant(b.lib, b.session, nia, Role::Nqt));
  agree_protocol(b, default_stems(), Visibility::Everyone);
  for (auto [who, id] : {std::pair{"Alice Smith", b.alice}, std::pair{"Nia New", nia}}) {
    CommentSet set;  // as WebVTT, SRT and EAF give it: no visibility stated; each imports their own
    Comment c;
    c.uuid = new_uuid();
    c.author_id = set.author_id(who);
    c.start_us = 1'000'000;
    c.text = std::string("seen by ") + who;
    set.comments.push_back(c);
    must(import_flat(b.lib, b.session, set, id, 1));
  }
  auto stated = must(parse_flat("start,author,text,visibility\n5,Alice Smith,stated,triad\n", FlatFormat::Csv, "v.csv"));
  must(import_flat(b.lib, b.session, stated, b.alice, 1));
  std::map<std::string, Visibility> vis;
  store::CommentFilter f;
  f.session_id = b.session;
  for (const auto& c : must(b.lib.list_comments(f))) vis[c.text] = c.visibility;
  EXPECT_EQ(vis["seen by Alice Smith"], Visibility::Everyone);
  EXPECT_EQ(vis["seen by Nia New"], Visibility::Private);
  EXPECT_EQ(vis["stated"], Visibility::Triad);
  // Nia's private reflection is hers alone, as if she had typed it.
  for (const auto& c : must(store::list_visible_comments(b.lib, b.session, b.alice)))
    EXPECT_NE(c.text, "seen by Nia New");
  fs::remove_all(dir);
}

TEST(FlatIo_Import, PupilNamesAreRefusedCodesOfTheLanesKept) {
  fs::path dir;
  Lib b = receiving("pupil", dir);
  auto named = must(parse_flat("start,text,pupil\n1,ok,P3\n2,named,Jamie Realname\n", FlatFormat::Csv, "p.csv"));
  auto r = import_flat(b.lib, b.session, named, b.bob, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("comment 2"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("names are never stored"), std::string::npos) << r.error().message;
  EXPECT_EQ(count(b), 0u);
  fs::remove_all(dir);
}

// A session without participants is a plain one: imports take any comment that fits its
// frameworks, and a comment without a stem becomes a note, as before protocols.
TEST(FlatIo_Import, PlainSessionTakesCommentsWithoutStems) {
  fs::path dir = fs::temp_directory_path() / ("triad-flat-plain-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto lib = must(Library::open(dir / "plain.triad"));
  RowId me = must(lib.add_person("Me")).id;
  Session s;
  s.title = "Plain";
  RowId session = must(lib.add_session(s)).id;
  auto set = must(parse_flat("start,text\n1,no stem\n", FlatFormat::Csv, "plain.csv"));
  EXPECT_EQ(must(import_flat(lib, session, set, me, 1)).added, 1);
  store::CommentFilter f;
  f.session_id = session;
  EXPECT_EQ(must(lib.list_comments(f)).front().kind, "note");
  fs::remove_all(dir);
}

// Flat files are unsigned: under a protocol they only ever add the importer's own new
// comments. A file naming another author (here the facilitator's name, as a hostile CSV
// would), or re-using the uuid of someone else's comment ("version 99"), is refused whole
// with one sentence, and the library (`dump`) is exactly as before: no comment, no person,
// no role added or changed.
TEST(FlatIo_Import, OnlyTheImportersOwnNewCommentsEverGoIn) {
  fs::path dir;
  Lib b = receiving("own", dir);
  Comment alices;
  alices.session_id = b.session;
  alices.author_id = b.alice;
  alices.start_us = 3'000'000;
  alices.kind = "note";
  alices.text = "Alice's own words";
  alices.visibility = Visibility::Triad;
  alices = must(b.lib.add_comment(alices));
  const std::string before = must(b.lib.dump());

  auto forged = must(parse_flat("start,author,text\n1,Bob Jones,mine\n2,Fran Facilitator,as the facilitator\n",
                                FlatFormat::Csv, "forged.csv"));
  FlatImportOptions options;
  options.source = "forged.csv";
  auto r1 = import_flat(b.lib, b.session, forged, b.bob, 1, options);
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.error().message,
            "'forged.csv' was not imported, nothing was stored: comment 2 (at 00:00:02.000, by Fran Facilitator) is "
            "Fran Facilitator's, and a file only ever adds Bob Jones's own comments (other people share theirs in a "
            "signed bundle).");
  EXPECT_EQ(must(b.lib.dump()), before);
  EXPECT_FALSE(must(b.lib.find_person("Fran Facilitator")).has_value());

  // Bob's name on Alice's comment, at a higher version: a takeover.
  const std::string takeover_csv = "uuid,start,author,text,version\n" + alices.uuid + ",3,Bob Jones,rewritten,99\n";
  auto takeover = must(parse_flat(takeover_csv, FlatFormat::Csv, "takeover.csv"));
  options.source = "takeover.csv";
  auto r2 = import_flat(b.lib, b.session, takeover, b.bob, 1, options);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().message, "'takeover.csv' was not imported, nothing was stored: comment " + alices.uuid +
                                    " (at 00:00:03.000) is Alice Smith's, and a file never changes a comment already "
                                    "in this library.");
  EXPECT_EQ(must(b.lib.dump()), before);

  // Alice's own file with a new text for her comment: left as it is (a warning), never updated.
  const std::string edit_csv = "uuid,start,author,text,version\n" + alices.uuid + ",3,Alice Smith,changed by file,99\n";
  auto edit = must(parse_flat(edit_csv, FlatFormat::Csv, "edit.csv"));
  auto r3 = must(import_flat(b.lib, b.session, edit, b.alice, 1));
  EXPECT_EQ(r3.added + r3.updated, 0);
  EXPECT_EQ(r3.unchanged, 1);
  EXPECT_EQ(must(b.lib.dump()), before);

  // Bob's own new comment goes in.
  auto own = must(parse_flat("start,author,text\n7,Bob Jones,mine\n8,,also mine\n", FlatFormat::Csv, "own.csv"));
  EXPECT_EQ(must(import_flat(b.lib, b.session, own, b.bob, 1)).added, 2);
  EXPECT_EQ(count(b), 3u);
  fs::remove_all(dir);
}

// A plain session (no participants, so no roles to check) takes a file's comments as the
// importer's too: a name the file gives is kept at the start of the text, said in a
// warning; nobody is created and nobody else's name authors anything.
TEST(FlatIo_Import, PlainSessionAuthorsEveryCommentAsTheImporter) {
  fs::path dir = fs::temp_directory_path() / ("triad-flat-plain-" + std::to_string(::getpid()));
  Lib b = make(dir, "b.triad", false, false);
  const auto people = must(b.lib.list_people()).size();
  auto set = must(parse_flat("start,author,text\n1,Fran Facilitator,as the facilitator\n2,Alice Smith,as Alice\n3,Bob Jones,mine\n4,,unnamed\n",
                             FlatFormat::Csv, "named.csv"));
  FlatImportOptions options;
  options.source = "named.csv";
  auto report = must(import_flat(b.lib, b.session, set, b.bob, 1, options));
  EXPECT_EQ(report.added, 4);
  EXPECT_EQ(must(b.lib.list_people()).size(), people) << "a file creates nobody";
  EXPECT_FALSE(must(b.lib.find_person("Fran Facilitator")).has_value());
  store::CommentFilter f;
  f.session_id = b.session;
  std::vector<std::string> texts;
  for (const auto& c : must(b.lib.list_comments(f))) {
    EXPECT_EQ(c.author_id, b.bob) << c.text;
    texts.push_back(c.text);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"Fran Facilitator: as the facilitator", "Alice Smith: as Alice", "mine", "unnamed"}));
  bool said = false;
  for (const auto& w : report.warnings)
    said |= w.find("2 comments name another author (Alice Smith, Fran Facilitator)") != std::string::npos;
  EXPECT_TRUE(said) << "the renaming is said";
  fs::remove_all(dir);
}

// The one text limit (core/text_limits.hpp) holds for what a flat import stores, the
// author's name it puts in front of a plain session's comment included: a text that fits
// the limit only without "Speaker 2: " refuses the file, naming the comment, and nothing is
// stored (stored, it would be left out of every bundle this library makes). A text exactly
// at the limit, with no name to put in front, goes in.
TEST(FlatIo_Import, ASpeakersNameInFrontNeverPushesATextPastTheLimit) {
  fs::path dir = fs::temp_directory_path() / ("triad-flat-limit-" + std::to_string(::getpid()));
  Lib b = make(dir, "b.triad", false, false);
  const std::string before = must(b.lib.dump());
  const std::string near_limit(kMaxCommentTextBytes - 4, 'w');
  auto set = must(parse_flat("start,author,text\n1,,fits\n2,Speaker 2," + near_limit + "\n", FlatFormat::Csv, "long.csv"));
  FlatImportOptions options;
  options.source = "long.csv";
  auto refused = import_flat(b.lib, b.session, set, b.bob, 1, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "'long.csv' was not imported, nothing was stored: comment 2 (at 00:00:02.000, by Speaker 2)'s text is " +
                std::to_string(kMaxCommentTextBytes + 7) + " bytes with its author's name put in front, and a comment holds at most " +
                std::to_string(kMaxCommentTextBytes) + " bytes of text.");
  EXPECT_EQ(must(b.lib.dump()), before);

  auto exact = must(parse_flat("start,text\n1," + std::string(kMaxCommentTextBytes, 'w') + "\n", FlatFormat::Csv, "exact.csv"));
  options.source = "exact.csv";
  EXPECT_EQ(must(import_flat(b.lib, b.session, exact, b.bob, 1, options)).added, 1);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace triad::exchange
