// Bundles end to end on real library files: export, import, merge laws on `dump`,
// fingerprint refusal, and hostile bundles leaving the library byte-identical.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/framework.hpp"
#include "exchange/bundle.hpp"
#include "store/workflow.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using store::Library;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("triad-bundle-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path operator/(const std::string& s) const { return path_ / s; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

using test::must;

std::string file_bytes(const fs::path& p) { return test::slurp(p); }

constexpr const char* kSessionUuid = "5e551011-0000-4000-8000-000000000001";
constexpr const char* kFingerprint = "tfp1:0123456789abcdef";

struct Origin {
  RowId session = 0, alice = 0, bob = 0, tom = 0, kid = 0;
};

// The library where the lesson was set up: a session, its recording, three staff and a
// learning detective, and comments of every visibility.
Origin make_origin(Library& lib) {
  Origin o;
  o.alice = must(lib.add_person("Alice Smith")).id;
  o.bob = must(lib.add_person("Bob Jones")).id;
  o.tom = must(lib.add_person("Tom Teacher")).id;
  o.kid = must(lib.add_person("Jamie Pupilname")).id;
  Session s;
  s.uuid = kSessionUuid;
  s.title = "Y8 fractions";
  s.date = "2026-03-14";
  s.teacher_id = o.tom;
  s.created_at_ms = 1773400000000;
  o.session = must(lib.add_session(s)).id;
  Recording r;
  r.session_id = o.session;
  r.path = "/videos/lesson.mp4";
  r.fingerprint = kFingerprint;
  r.duration_us = 3'000'000'000;
  must(lib.add_recording(r));
  auto fw = must(lib.ensure_default_framework());
  must(lib.attach_framework(o.session, fw.id));
  must(store::add_participant(lib, o.session, o.tom, Role::Teacher));
  must(store::add_participant(lib, o.session, o.alice, Role::Observer));
  must(store::add_participant(lib, o.session, o.bob, Role::Observer));
  must(store::add_participant(lib, o.session, o.kid, Role::LearningDetective));
  auto add = [&](RowId author, TimeUs at, const char* text, Visibility v, std::vector<std::string> tags = {}) {
    Comment c;
    c.session_id = o.session;
    c.author_id = author;
    c.start_us = at;
    c.kind = "took-away";
    c.text = text;
    c.visibility = v;
    c.tags = std::move(tags);
    return must(lib.add_comment(c));
  };
  add(o.alice, 10'000'000, "Clear start", Visibility::Triad, {"questioning"});
  add(o.alice, 20'000'000, "My private note", Visibility::Private);
  add(o.bob, 30'000'000, "Everyone may read this", Visibility::Everyone, {"pace"});
  return o;
}

json parse(const std::string& s) { return json::parse(s); }

TEST(Bundle_Export, CarriesWhatTheAudienceMaySeeAndNothingPrivate) {
  TempDir dir;
  auto lib = must(Library::open(dir / "origin.triad"));
  Origin o = make_origin(lib);
  json triad = parse(must(export_bundle(lib, o.session, Audience::Triad, o.alice, 1)));
  EXPECT_EQ(triad["format"], "triad-bundle");
  EXPECT_EQ(triad["version"], 1);
  EXPECT_EQ(triad["recording"]["fingerprint"], kFingerprint);
  EXPECT_EQ(triad["comments"].size(), 2u);
  std::string text = triad.dump();
  EXPECT_EQ(text.find("My private note"), std::string::npos);
  EXPECT_EQ(text.find("/videos/lesson.mp4"), std::string::npos) << "no local paths, no video";
  EXPECT_EQ(text.find("Jamie Pupilname"), std::string::npos) << "learning detectives only by pseudonym";
  json everyone = parse(must(export_bundle(lib, o.session, Audience::Everyone, o.alice, 1)));
  ASSERT_EQ(everyone["comments"].size(), 1u);
  EXPECT_EQ(everyone["comments"][0]["text"], "Everyone may read this");
  // The bundle reads back.
  auto b = parse_bundle(triad.dump(), "t.bundle");
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->comments.size(), 2u);
  // Learning detectives cannot export.
  auto refused = export_bundle(lib, o.session, Audience::Triad, o.kid, 1);
  EXPECT_FALSE(refused.ok());
}

// Two reviewers work on copies, each exports; merging in either order gives the same library.
TEST(Bundle_Merge, IdempotentAndCommutativeOnDump) {
  TempDir dir;
  auto origin = must(Library::open(dir / "origin.triad"));
  Origin o = make_origin(origin);
  // An agreed protocol travels too (with the frameworks it names, pupil lanes included), so
  // the merge laws below cover the workflow tables in the dump: protocol and participants.
  {
    std::string text = test::slurp(fs::path(TRIAD_SOURCE_DIR) / "assets" / "frameworks" / "learning-detectives.json");
    must(store::import_framework(origin, must(parse_framework(text, "learning-detectives.json"))));
    std::string ls = test::slurp(fs::path(TRIAD_SOURCE_DIR) / "assets" / "frameworks" / "lesson-study.json");
    must(store::import_framework(origin, must(parse_framework(ls, "lesson-study.json"))));
    must(origin.attach_framework(o.session, must(origin.find_framework("lesson-study"))->id));
    Protocol p;
    p.session_id = o.session;
    p.framework_code = "triad-default";
    p.focus_questions = {"Do pupils explain their reasoning?"};
    p.blind_review = false;
    must(store::set_protocol(origin, p, o.tom));
  }
  std::string base = must(export_bundle(origin, o.session, Audience::Triad, o.alice, 1));
  auto base_b = must(parse_bundle(base, "base"));
  EXPECT_EQ(base.find("Jamie"), std::string::npos) << "pupil names never travel";

  auto work = [&](const std::string& file, const std::string& who, const std::string& text_edit,
                  std::int64_t updated) -> std::string {
    auto lib = must(Library::open(dir / file));
    RowId me = must(lib.add_person(who)).id;
    must(import_bundle(lib, base_b, me, false, "base"));
    auto session = must(lib.find_session_by_uuid(kSessionUuid));
    EXPECT_TRUE(session.has_value());
    store::CommentFilter f;
    f.session_id = session->id;
    auto comments = must(lib.list_comments(f));
    // Both edit the same comment once (equal versions: the tie-break decides), and add one.
    auto target = std::find_if(comments.begin(), comments.end(), [](const Comment& c) { return c.text == "Clear start"; });
    EXPECT_NE(target, comments.end());
    Comment edited = *target;
    edited.text = text_edit;
    edited.version += 1;
    edited.updated_at_ms = updated;
    must(lib.put_comment_exact(edited));
    Comment mine;
    mine.session_id = session->id;
    mine.author_id = must(lib.resolve_person(who)).id;
    mine.start_us = 40'000'000;
    mine.kind = "try";
    mine.text = who + " suggests a mini-whiteboard check";
    mine.visibility = Visibility::Triad;
    must(lib.add_comment(mine));
    RowId exporter = must(lib.resolve_person(who)).id;
    return must(export_bundle(lib, session->id, Audience::Triad, exporter, 2));
  };
  // Different libraries name the same people the same way: Alice and Bob exist in both.
  std::string a = work("alice.triad", "Alice Smith", "Clear start, good hook", 5000);
  std::string b = work("bob.triad", "Bob Jones", "Clear start; objectives shown", 5000);
  auto A = must(parse_bundle(a, "a")), B = must(parse_bundle(b, "b"));

  auto fresh = [&](const std::string& file) {
    auto lib = must(Library::open(dir / file));
    RowId me = must(lib.add_person("Carol Facilitator")).id;
    return std::make_pair(std::move(lib), me);
  };
  auto [x, xme] = fresh("x.triad");
  must(import_bundle(x, A, xme, false, "a"));
  must(import_bundle(x, B, xme, false, "b"));
  auto [y, yme] = fresh("y.triad");
  must(import_bundle(y, B, yme, false, "b"));
  must(import_bundle(y, A, yme, false, "a"));
  std::string dx = must(x.dump()), dy = must(y.dump());
  EXPECT_EQ(dx, dy);
  for (const char* workflow : {"\nparticipant {\"person\":\"Tom Teacher\",\"role\":\"teacher\"",
                               "\nprotocol {", "Do pupils explain their reasoning?",
                               "\"pupils\":[\"Pupil A\",\"Pupil B\",\"Pupil C\"]"})
    EXPECT_NE(dx.find(workflow), std::string::npos) << workflow << "\n" << dx;
  EXPECT_NE(dx.find("mini-whiteboard"), std::string::npos);
  // The new session carries the recording's fingerprint, so a bundle for another video is refused.
  EXPECT_NE(dx.find(kFingerprint), std::string::npos);
  json other = parse(a);
  other["recording"]["fingerprint"] = "tfp1:another-video";
  EXPECT_FALSE(import_bundle(x, must(parse_bundle(other.dump(), "o")), xme, false, "o").ok());

  // Importing again changes nothing.
  auto again = must(import_bundle(x, A, xme, false, "a"));
  EXPECT_EQ(again.added + again.updated, 0);
  EXPECT_EQ(must(x.dump()), dx);

  // A deletion (a tombstone with a higher version) wins wherever it arrives.
  auto s = must(y.find_session_by_uuid(kSessionUuid));
  store::CommentFilter f;
  f.session_id = s->id;
  auto list = must(y.list_comments(f));
  auto victim = std::find_if(list.begin(), list.end(), [](const Comment& c) { return c.kind == "try"; });
  ASSERT_NE(victim, list.end());
  std::string victim_uuid = victim->uuid;
  must(y.delete_comment(victim->id));
  // Exported by a participant: someone outside the session would see only "everyone" comments.
  RowId y_alice = must(y.resolve_person("Alice Smith")).id;
  auto D = must(parse_bundle(must(export_bundle(y, s->id, Audience::Triad, y_alice, 3)), "d"));
  must(import_bundle(x, D, xme, false, "d"));
  must(import_bundle(x, A, xme, false, "a"));  // the older version arriving late does not resurrect it
  auto gone = must(x.find_comment_by_uuid(victim_uuid));
  ASSERT_TRUE(gone.has_value());
  EXPECT_TRUE(gone->deleted);
}

// Bundles that disagree about the session's own records — its metadata, its protocol, the
// role of a person the other side never saw — still converge: each library keeps the
// newest edit (ties broken by content), whatever order the bundles arrive in.
TEST(Bundle_Merge, ConflictingBundlesConvergeInAnyOrder) {
  TempDir dir;
  auto origin = must(Library::open(dir / "origin.triad"));
  Origin o = make_origin(origin);
  {
    std::string text = test::slurp(fs::path(TRIAD_SOURCE_DIR) / "assets" / "frameworks" / "learning-detectives.json");
    must(store::import_framework(origin, must(parse_framework(text, "learning-detectives.json"))));
    must(origin.attach_framework(o.session, must(origin.find_framework("learning-detectives"))->id));
  }
  auto base_b = must(parse_bundle(must(export_bundle(origin, o.session, Audience::Triad, o.alice, 1)), "base"));

  // Edit times after the base's own (the session was made at 1773400000000).
  constexpr std::int64_t t0 = 1773400000000;
  struct Edits {
    std::string file, who, title, focus_question;
    std::int64_t title_at, protocol_at;
    Role dee_role;
    std::int64_t dee_at;
    Role eve_role;
  };
  auto work = [&](const Edits& e) -> Bundle {
    auto lib = must(Library::open(dir / e.file));
    RowId me = must(lib.add_person(e.who)).id;
    must(import_bundle(lib, base_b, me, false, "base"));
    Session s = *must(lib.find_session_by_uuid(kSessionUuid));
    s.title = e.title;
    must(lib.put_session_metadata(s, e.title_at));
    Protocol p;
    p.session_id = s.id;
    p.framework_code = "triad-default";
    p.focus_questions = {e.focus_question};
    p.updated_at_ms = e.protocol_at;
    p.updated_by = me;
    must(store::put_protocol_exact(lib, p));
    // Dee and Eve joined after the base bundle; each side gave them a role.
    must(store::put_participant_claim(lib, s.id, must(lib.add_person("Dee New")).id, {e.dee_role, e.dee_at}));
    must(store::put_participant_claim(lib, s.id, must(lib.add_person("Eve New")).id, {e.eve_role, 6000}));
    return must(parse_bundle(must(export_bundle(lib, s.id, Audience::Triad, me, 2)), e.file));
  };
  // Alice renamed the session last; Bob and Alice set the protocol in the same
  // millisecond (the tie-break decides); Dee's newer role is Bob's; Eve's roles tie on time.
  Bundle A = work({"alice.triad", "Alice Smith", "Y8 fractions (renamed by Alice)", "Alice's question", t0 + 9000,
                   t0 + 7000, Role::Observer, 5000, Role::Observer});
  Bundle B = work({"bob.triad", "Bob Jones", "Y8 fractions (renamed by Bob)", "Bob's question", t0 + 8000, t0 + 7000,
                   Role::Mentor, 6500, Role::Mentor});

  auto fresh = [&](const std::string& file) {
    auto lib = must(Library::open(dir / file));
    RowId me = must(lib.add_person("Carol Facilitator")).id;
    return std::make_pair(std::move(lib), me);
  };
  auto [x, xme] = fresh("x.triad");
  must(import_bundle(x, A, xme, false, "a"));
  must(import_bundle(x, B, xme, false, "b"));
  auto [y, yme] = fresh("y.triad");
  must(import_bundle(y, B, yme, false, "b"));
  must(import_bundle(y, A, yme, false, "a"));
  std::string dx = must(x.dump());
  EXPECT_EQ(dx, must(y.dump()));
  EXPECT_NE(dx.find("\"title\":\"Y8 fractions (renamed by Alice)\""), std::string::npos) << "newest metadata";
  EXPECT_NE(dx.find("\"created_at_ms\":1773400000000"), std::string::npos) << "creation time kept";
  // The learning detective passed through Alice's and Bob's libraries under one pseudonym.
  auto detectives = [](const std::string& d) {
    int n = 0;
    for (std::size_t at = 0; (at = d.find("person {\"name\":\"Learning detective ", at)) != std::string::npos; ++at) ++n;
    return n;
  };
  EXPECT_EQ(detectives(dx), 1) << dx;
  const std::string question = must(parse_bundle(must(export_bundle(x, must(x.find_session_by_uuid(kSessionUuid))->id,
                                                                      Audience::Triad, xme, 3)),
                                                 "x")).protocol_json.value_or("");
  // Equal times: "Bob Jones" sorts after "Alice Smith", so Bob's protocol wins everywhere.
  EXPECT_NE(question.find("Bob's question"), std::string::npos) << question;
  EXPECT_NE(dx.find("\"person\":\"Dee New\",\"role\":\"mentor\",\"role_set_at_ms\":6500"), std::string::npos) << dx;
  EXPECT_NE(dx.find("\"person\":\"Eve New\",\"role\":\"observer\",\"role_set_at_ms\":6000"), std::string::npos) << dx;

  // Importing either again changes nothing; nor does an older bundle arriving last.
  must(import_bundle(x, A, xme, false, "a"));
  must(import_bundle(x, base_b, xme, false, "base"));
  EXPECT_EQ(must(x.dump()), dx);
  // Alice's and Bob's own libraries, each merging the other's bundle, agree with x on
  // everything the bundles carry (their people differ only by the importer row).
  auto alice = must(Library::open(dir / "alice.triad"));
  must(import_bundle(alice, B, must(alice.resolve_person("Alice Smith")).id, false, "b"));
  auto bob = must(Library::open(dir / "bob.triad"));
  must(import_bundle(bob, A, must(bob.resolve_person("Bob Jones")).id, false, "a"));
  auto without_people = [](const std::string& d) {
    std::string out;
    std::size_t pos = 0;
    for (std::size_t nl; (nl = d.find('\n', pos)) != std::string::npos; pos = nl + 1)
      if (d.compare(pos, 7, "person ") != 0) out += d.substr(pos, nl + 1 - pos);
    return out;
  };
  EXPECT_EQ(without_people(must(alice.dump())), without_people(must(bob.dump())));
}

// A learning detective cannot bring comments into a session from a bundle (nor from a file:
// flat_io_test), and the refusal leaves the library as it was.
TEST(Bundle_Import, LearningDetectiveCannotImport) {
  TempDir dir;
  auto lib = must(Library::open(dir / "lib.triad"));
  Origin o = make_origin(lib);
  json doc = parse(must(export_bundle(lib, o.session, Audience::Triad, o.alice, 1)));
  doc["comments"][0]["version"] = 5;
  doc["comments"][0]["text"] = "changed by someone";
  auto b = must(parse_bundle(doc.dump(), "kid.bundle"));
  std::string before = must(lib.dump());
  auto refused = import_bundle(lib, b, o.kid, false, "kid.bundle");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("kid.bundle"), std::string::npos) << refused.error().message;
  EXPECT_EQ(must(lib.dump()), before);
  EXPECT_TRUE(import_bundle(lib, b, o.alice, false, "kid.bundle").ok());
}

TEST(Bundle_Import, RefusesAnotherRecordingUnlessForced) {
  TempDir dir;
  auto lib = must(Library::open(dir / "lib.triad"));
  Origin o = make_origin(lib);
  json doc = parse(must(export_bundle(lib, o.session, Audience::Triad, o.alice, 1)));
  doc["recording"]["fingerprint"] = "tfp1:ffffffffffffffff";
  doc["comments"][0]["version"] = 9;
  doc["comments"][0]["text"] = "changed elsewhere";
  auto b = must(parse_bundle(doc.dump(), "other.bundle"));
  std::string before = must(lib.dump());
  auto refused = import_bundle(lib, b, o.alice, false, "other.bundle");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("other.bundle"), std::string::npos);
  EXPECT_NE(refused.error().message.find("--force"), std::string::npos);
  EXPECT_EQ(must(lib.dump()), before);
  auto forced = import_bundle(lib, b, o.alice, true, "other.bundle");
  ASSERT_TRUE(forced.ok()) << forced.error().message;
  EXPECT_EQ(forced->updated, 1);
  EXPECT_NE(must(lib.dump()).find("changed elsewhere"), std::string::npos);
}

// Each hostile bundle is rejected with its reason, and the library file keeps every byte.
TEST(Bundle_Import, HostileBundlesAreRejectedAndTheLibraryIsUntouched) {
  TempDir dir;
  fs::path db = dir / "lib.triad";
  std::string good;
  {
    auto lib = must(Library::open(db));
    Origin o = make_origin(lib);
    good = must(export_bundle(lib, o.session, Audience::Triad, o.alice, 1));
  }
  json g = parse(good);
  auto with = [&](auto edit) {
    json d = g;
    edit(d);
    return d.dump();
  };
  std::string deep = "{\"format\":\"triad-bundle\",\"version\":1,\"x\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  struct Case {
    std::string name, bytes, reason;
  };
  std::vector<Case> cases = {
      {"bad version", with([](json& d) { d["version"] = 2; }), "version 2"},
      {"not a bundle", "{\"format\":\"something\"}", "triad-bundle"},
      {"truncated", good.substr(0, good.size() / 2), "not complete JSON"},
      {"invalid utf-8", with([](json& d) { d["session"]["title"] = "x"; }).replace(good.find('{'), 1, "{\"a\":\"\xC3\x28\","),
       "UTF-8"},
      {"duplicate ids", with([](json& d) { d["comments"].push_back(d["comments"][0]); }), "appears twice"},
      {"absurd time", with([](json& d) { d["comments"][0]["start_us"] = std::int64_t{1} << 60; }), "out of range"},
      {"negative time", with([](json& d) { d["comments"][0]["start_us"] = -5; }), "out of range"},
      {"end before start", with([](json& d) { d["comments"][0]["end_us"] = 1; }), "ends before it starts"},
      {"huge text", with([](json& d) { d["comments"][0]["text"] = std::string(kMaxTextBytes + 1, 'x'); }), "too long"},
      {"deep nesting", deep, "nested too deeply"},
      {"private comment", with([](json& d) { d["comments"][0]["visibility"] = "private"; }), "private"},
      {"pupil name", with([](json& d) { d["comments"][0]["pupil"] = "Jamie Pupilname"; }), "pupil code"},
      {"bad uuid", with([](json& d) { d["comments"][0]["uuid"] = "1; DROP TABLE comments"; }), "not a UUID"},
      {"wrong type", with([](json& d) { d["comments"][0]["version"] = "3"; }), "not an integer"},
      {"empty", "", "empty"},
  };
  std::string before = file_bytes(db);
  ASSERT_FALSE(before.empty());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto b = parse_bundle(c.bytes, "hostile.bundle");
    ASSERT_FALSE(b.ok());
    EXPECT_NE(b.error().message.find("hostile.bundle"), std::string::npos) << b.error().message;
    EXPECT_NE(b.error().message.find(c.reason), std::string::npos) << b.error().message;
  }
  // A bundle that passes the checks but fails while being stored rolls back entirely:
  // the first comment is new (would be added), the second has a kind the store refuses.
  json bad = g;
  bad["comments"][0]["uuid"] = "abcdefab-0000-4000-8000-000000000099";
  bad["comments"][0]["version"] = 50;
  bad["comments"][1]["kind"] = "NOT A STEM";
  bad["comments"][1]["version"] = 50;
  auto parsed = parse_bundle(bad.dump(), "late-failure.bundle");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  {
    auto lib = must(Library::open(db, store::OpenMode::ExistingOnly));
    auto me = must(lib.find_person("Alice Smith"));
    auto r = import_bundle(lib, *parsed, me->id, false, "late-failure.bundle");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("late-failure.bundle"), std::string::npos);
  }
  EXPECT_TRUE(file_bytes(db) == before) << "library file changed";
}

}  // namespace
}  // namespace triad::exchange
