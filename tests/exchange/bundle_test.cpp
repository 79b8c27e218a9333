// Bundles (version 2) on real library files: what an export carries, who may import,
// fingerprint refusal, and hostile bundles leaving the library byte-identical.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "crypto/signing_key.hpp"
#include "exchange/bundle.hpp"
#include "store/signed_changes.hpp"
#include "store/sqlite.hpp"
#include "store/workflow.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using store::Library;
using test::must;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("triad-bundle-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  static inline int n = 0;
};

constexpr const char* kSessionUuid = "5e551011-0000-4000-8000-000000000001";
constexpr const char* kFingerprint = "tfp1:0123456789abcdef";

struct Origin {
  RowId session = 0, alice = 0, bob = 0, tom = 0, kid = 0;
  crypto::KeyPair tom_key = must(crypto::generate_key_pair());
  std::string bundle(Library& lib, Audience a = Audience::Triad) {
    return must(export_bundle(lib, session, a, tom, tom_key.secret_key, 1)).text;
  }
};

// The library where the lesson was set up: Tom the observed teacher (who shares it), two
// observers and a learning detective, comments of every visibility, an action linked to a
// private comment.
Origin make_origin(Library& lib) {
  Origin o;
  o.alice = must(lib.add_person("Alice Smith")).id;
  o.bob = must(lib.add_person("Bob Jones")).id;
  o.tom = must(lib.add_person("Tom Teacher")).id;
  o.kid = must(lib.add_person("Jamie Pupilname")).id;
  must(store::bind_person_key(lib, o.tom, crypto::to_base64(o.tom_key.public_key), 1));
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
  must(store::add_participant(lib, o.session, o.tom, Role::Teacher));
  must(store::add_participant(lib, o.session, o.alice, Role::Observer));
  must(store::add_participant(lib, o.session, o.bob, Role::Observer));
  must(store::add_participant(lib, o.session, o.kid, Role::LearningDetective));
  auto add = [&](RowId author, TimeUs at, const char* text, Visibility v) {
    Comment c;
    c.session_id = o.session;
    c.author_id = author;
    c.start_us = at;
    c.kind = "took-away";
    c.text = text;
    c.visibility = v;
    return must(lib.add_comment(c));
  };
  add(o.tom, 10'000'000, "Clear start", Visibility::Triad);
  Comment priv = add(o.tom, 20'000'000, "My private note", Visibility::Private);
  add(o.tom, 30'000'000, "Everyone may read this", Visibility::Everyone);
  add(o.kid, 40'000'000, "I liked the pizza fractions", Visibility::Triad);
  Action a;
  a.session_id = o.session;
  a.text = "Try the pizza again";
  a.created_by = o.tom;
  a.comment_uuid = priv.uuid;
  must(store::add_action(lib, a));
  return o;
}

std::vector<json> of_kind(const json& doc, const std::string& kind) {
  std::vector<json> out;
  for (const auto& c : doc["changes"])
    if (c["kind"] == kind) out.push_back(c);
  return out;
}

TEST(Bundle_Export, CarriesWhatTheAudienceMaySeeAndNothingPrivate) {
  TempDir dir;
  auto lib = must(Library::open(dir.path / "origin.triad"));
  Origin o = make_origin(lib);
  const std::string text = o.bundle(lib);
  json triad = json::parse(text);
  EXPECT_EQ(triad["format"], "triad-bundle");
  EXPECT_EQ(triad["version"], 2);
  EXPECT_EQ(triad["recording"]["fingerprint"], kFingerprint);
  EXPECT_EQ(of_kind(triad, "comment").size(), 2u) << "the teacher sees no unapproved detective comment";
  EXPECT_EQ(text.find("My private note"), std::string::npos);
  EXPECT_EQ(text.find("/videos/lesson.mp4"), std::string::npos) << "no local paths, no video";
  EXPECT_EQ(text.find("Jamie Pupilname"), std::string::npos) << "learning detectives only by pseudonym";
  EXPECT_EQ(text.find("secret"), std::string::npos);
  // The action linked to a private comment travels without that comment's uuid.
  auto actions = of_kind(triad, "action");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_TRUE(actions[0]["data"]["comment"].is_null());
  for (const auto& c : must(lib.list_comments({})))
    if (c.visibility == Visibility::Private) {
      EXPECT_EQ(text.find(c.uuid), std::string::npos);
    }
  // Pseudonyms are random, made once: the same in the next export, unrelated to the name.
  std::string pseudonym;
  for (const auto& p : of_kind(triad, "participant"))
    if (p["data"]["role"] == "learning-detective") pseudonym = p["data"]["person"];
  ASSERT_EQ(pseudonym.rfind("Learning detective ", 0), 0u) << pseudonym;
  EXPECT_EQ(json::parse(o.bundle(lib)).dump(), triad.dump()) << "exporting twice gives the same bundle";
  {
    TempDir other;
    auto lib2 = must(Library::open(other.path / "same-names.triad"));
    Origin o2 = make_origin(lib2);
    std::string p2;
    for (const auto& p : of_kind(json::parse(o2.bundle(lib2)), "participant"))
      if (p["data"]["role"] == "learning-detective") p2 = p["data"]["person"];
    EXPECT_NE(p2, pseudonym) << "not derived from the session and the name";
  }
  json everyone = json::parse(o.bundle(lib, Audience::Everyone));
  ASSERT_EQ(of_kind(everyone, "comment").size(), 1u);
  EXPECT_EQ(of_kind(everyone, "comment")[0]["data"]["text"], "Everyone may read this");
  auto b = parse_bundle(text, "t.bundle");
  ASSERT_TRUE(b.ok()) << b.error().message;
  // Learning detectives cannot export.
  EXPECT_FALSE(export_bundle(lib, o.session, Audience::Triad, o.kid, o.tom_key.secret_key, 1).ok());
  // Nor can anyone sign with a key that is not theirs.
  auto other = must(crypto::generate_key_pair());
  EXPECT_FALSE(export_bundle(lib, o.session, Audience::Triad, o.tom, other.secret_key, 1).ok());
}

TEST(Bundle_Export, ValuesOutsideTheLimitsAreLeftOutSoEveryBundleImports) {
  TempDir dir;
  auto lib = must(Library::open(dir.path / "origin.triad"));
  Origin o = make_origin(lib);
  Comment c;
  c.session_id = o.session;
  c.author_id = o.tom;
  c.start_us = 5;
  c.kind = "took-away";
  c.text = "short for now";
  c.visibility = Visibility::Triad;
  const Comment added = must(lib.add_comment(c));
  // A library stores no text over the limit now (core/text_limits.hpp); one written before it
  // existed is still left out of the bundle rather than making it unimportable.
  store::CommentEdit long_edit;
  long_edit.text = std::string(kMaxTextBytes + 10, 'x');
  EXPECT_FALSE(lib.edit_comment(added.id, long_edit).ok());
  ASSERT_TRUE(lib.db().exec("UPDATE comments SET text = '" + std::string(kMaxTextBytes + 10, 'x') + "' WHERE id = " +
                     std::to_string(added.id)).ok());
  auto r = must(export_bundle(lib, o.session, Audience::Triad, o.tom, o.tom_key.secret_key, 1));
  EXPECT_FALSE(r.warnings.empty());
  auto b = parse_bundle(r.text, "big.bundle");
  ASSERT_TRUE(b.ok()) << b.error().message;
  TempDir dir2;
  auto lib2 = must(Library::open(dir2.path / "other.triad"));
  auto me = must(lib2.add_person("Someone"));
  auto imported = import_bundle(lib2, *b, me.id, false, "big.bundle");
  ASSERT_TRUE(imported.ok()) << imported.error().message;
}

// A reply travels only with the comment it answers: Alice wrote a comment on Tom's laptop
// (not signed here: she must export it herself) and Tom replied to it, and to his reply.
// Tom's bundle leaves out both replies with Alice's comment, saying so once, so no receiver
// gets a reply to a comment it never sees.
TEST(Bundle_Export, RepliesToALeftOutCommentAreLeftOutToo) {
  TempDir dir;
  auto lib = must(Library::open(dir.path / "origin.triad"));
  Origin o = make_origin(lib);
  auto add = [&](RowId author, const std::optional<std::string>& parent, const char* text) {
    Comment c;
    c.session_id = o.session;
    c.author_id = author;
    c.start_us = 50'000'000;
    c.kind = "note";
    c.text = text;
    c.visibility = Visibility::Triad;
    c.parent_uuid = parent;
    return must(lib.add_comment(c));
  };
  const Comment alices = add(o.alice, std::nullopt, "Alice's point");
  const Comment reply = add(o.tom, alices.uuid, "Tom's answer");
  const Comment reply2 = add(o.tom, reply.uuid, "Tom again");
  const Comment own = add(o.tom, std::nullopt, "Tom's own point");
  const Comment own_reply = add(o.tom, own.uuid, "Tom answers himself");
  auto r = must(export_bundle(lib, o.session, Audience::Triad, o.tom, o.tom_key.secret_key, 1));
  const json doc = json::parse(r.text);
  std::set<std::string> uuids;
  for (const auto& c : of_kind(doc, "comment")) uuids.insert(c["data"]["uuid"].get<std::string>());
  EXPECT_FALSE(uuids.count(alices.uuid));
  EXPECT_FALSE(uuids.count(reply.uuid)) << "a reply to a comment left out is left out";
  EXPECT_FALSE(uuids.count(reply2.uuid)) << "and a reply to that reply";
  EXPECT_TRUE(uuids.count(own.uuid));
  EXPECT_TRUE(uuids.count(own_reply.uuid)) << "a reply whose comment travels travels";
  int said = 0;
  for (const auto& w : r.warnings)
    said += w == "left out: 2 replies whose comment is not in this bundle (a reply never travels without the comment it answers)";
  EXPECT_EQ(said, 1);
  TempDir dir2;
  auto lib2 = must(Library::open(dir2.path / "other.triad"));
  auto me = must(lib2.add_person("Someone"));
  auto imported = import_bundle(lib2, must(parse_bundle(r.text, "r.bundle")), me.id, false, "r.bundle");
  ASSERT_TRUE(imported.ok()) << imported.error().message;
}

TEST(Bundle_Import, LearningDetectiveCannotImport) {
  TempDir dir;
  auto lib = must(Library::open(dir.path / "lib.triad"));
  Origin o = make_origin(lib);
  auto b = must(parse_bundle(o.bundle(lib), "kid.bundle"));
  std::string before = must(lib.dump());
  auto refused = import_bundle(lib, b, o.kid, false, "kid.bundle");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("kid.bundle"), std::string::npos) << refused.error().message;
  EXPECT_EQ(must(lib.dump()), before);
  EXPECT_TRUE(import_bundle(lib, b, o.alice, false, "kid.bundle").ok());
  EXPECT_EQ(must(lib.dump()), before) << "importing its own bundle changes nothing";
}

// Issue 15: every camera and microphone travels with its label, role, offset and drift
// (never the file or its path), and a new library places them exactly so.
TEST(Bundle_Recordings, CamerasTravelWithLabelRoleOffsetAndDrift) {
  TempDir dir;
  auto lib = must(Library::open(dir.path / "origin.triad"));
  Origin o = make_origin(lib);
  Recording table;
  table.session_id = o.session;
  table.path = "/videos/table.mp4";
  table.fingerprint = "tfp1:1111111111111111";
  table.duration_us = 2'900'000'000;
  table.label = "Pupil table";
  table.sync_offset_us = -3'200'000;
  table.drift_ppb = 100'000;
  table.primary = false;
  must(lib.add_recording(table));
  Recording mic = table;
  mic.path = "/videos/lapel.m4a";
  mic.fingerprint = "tfp1:2222222222222222";
  mic.label = "Teacher mic";
  mic.role = RecordingRole::TeacherMic;
  mic.sync_offset_us = 1'750'000;
  mic.drift_ppb = -40'000;
  must(lib.add_recording(mic));
  const std::string text = o.bundle(lib);
  EXPECT_EQ(text.find("/videos/"), std::string::npos) << "no local paths";
  auto b = parse_bundle(text, "cams.bundle");
  ASSERT_TRUE(b.ok()) << b.error().message;
  ASSERT_EQ(b->recordings.size(), 3u);
  EXPECT_TRUE(b->recordings[0].clock);
  TempDir dir2;
  auto lib2 = must(Library::open(dir2.path / "other.triad"));
  auto me = must(lib2.add_person("Someone"));
  ASSERT_TRUE(import_bundle(lib2, *b, me.id, false, "cams.bundle").ok());
  auto s2 = must(lib2.resolve_session(kSessionUuid));
  auto recs = must(lib2.recordings_for_session(s2.id));
  ASSERT_EQ(recs.size(), 3u);
  std::map<std::string, Recording> by_fp;
  for (const auto& r : recs) by_fp[r.fingerprint] = r;
  EXPECT_TRUE(by_fp[kFingerprint].primary);
  EXPECT_EQ(by_fp["tfp1:1111111111111111"].label, "Pupil table");
  EXPECT_EQ(by_fp["tfp1:1111111111111111"].sync_offset_us, -3'200'000);
  EXPECT_EQ(by_fp["tfp1:1111111111111111"].drift_ppb, 100'000);
  EXPECT_FALSE(by_fp["tfp1:1111111111111111"].primary);
  EXPECT_EQ(by_fp["tfp1:2222222222222222"].role, RecordingRole::TeacherMic);
  EXPECT_EQ(by_fp["tfp1:2222222222222222"].sync_offset_us, 1'750'000);
  EXPECT_EQ(by_fp["tfp1:2222222222222222"].drift_ppb, -40'000);
  // The dump says so too, on both sides alike.
  const std::string dump = must(lib2.dump());
  EXPECT_NE(dump.find("\"label\":\"Pupil table\""), std::string::npos);
  EXPECT_NE(dump.find("\"drift_ppb\":-40000"), std::string::npos);
  EXPECT_NE(dump.find("\"role\":\"teacher-mic\""), std::string::npos);

  // Placements outside what a library accepts are refused with the reason.
  json doc = json::parse(text);
  auto refused = [&](auto edit, const char* reason) {
    json d = doc;
    edit(d["recordings"]);
    auto r = parse_bundle(d.dump(), "placed.bundle");
    ASSERT_FALSE(r.ok()) << reason;
    EXPECT_NE(r.error().message.find(reason), std::string::npos) << r.error().message;
  };
  refused([](json& r) { r[1]["drift_ppb"] = 5'000'000'000LL; }, "drift is out of range");
  refused([](json& r) { r[1]["offset_us"] = "soon"; }, "offset is out of range");
  refused([](json& r) { r[1]["clock"] = true; }, "two session clocks");
  {
    std::string bad = text;  // JSON cannot carry the byte itself: put it in the bytes
    bad.replace(bad.find("Pupil table"), 11, "Pupil \xff");
    auto r = parse_bundle(bad, "placed.bundle");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("UTF-8"), std::string::npos) << r.error().message;
  }
  refused([](json& r) { r[1]["role"] = "drone"; }, "role");
  refused([](json& r) { r[1]["path"] = "/etc/passwd"; }, "unknown field");
}

TEST(Bundle_Import, RefusesAnotherRecordingUnlessForced) {
  TempDir dir;
  auto lib = must(Library::open(dir.path / "lib.triad"));
  Origin o = make_origin(lib);
  json doc = json::parse(o.bundle(lib));
  doc["recording"]["fingerprint"] = "tfp1:ffffffffffffffff";
  auto b = must(parse_bundle(doc.dump(), "other.bundle"));
  std::string before = must(lib.dump());
  auto refused = import_bundle(lib, b, o.alice, false, "other.bundle");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("--force"), std::string::npos);
  EXPECT_EQ(must(lib.dump()), before);
  EXPECT_TRUE(import_bundle(lib, b, o.alice, true, "other.bundle").ok());
}

// Each hostile bundle is rejected with its reason, and the library file keeps every byte.
TEST(Bundle_Import, HostileBundlesAreRejectedAndTheLibraryIsUntouched) {
  TempDir dir;
  fs::path db = dir.path / "lib.triad";
  std::string good;
  {
    auto lib = must(Library::open(db));
    Origin o = make_origin(lib);
    good = o.bundle(lib);
  }
  json g = json::parse(good);
  std::size_t first_comment = 0;
  for (std::size_t i = 0; i < g["changes"].size(); ++i)
    if (g["changes"][i]["kind"] == "comment" && !first_comment) first_comment = i;
  auto with = [&](auto edit) {
    json d = g;
    edit(d, d["changes"][first_comment]["data"]);
    return d.dump();
  };
  std::string deep = "{\"format\":\"triad-bundle\",\"version\":2,\"x\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  struct Case {
    std::string name, bytes, reason;
  };
  std::vector<Case> cases = {
      {"future version", with([](json& d, json&) { d["version"] = 3; }), "version 3"},
      {"v1 downgrade", with([](json& d, json&) { d["version"] = 1; }), "export it again"},
      {"not a bundle", "{\"format\":\"something\"}", "triad-bundle"},
      {"truncated", good.substr(0, good.size() / 2), "not complete JSON"},
      {"invalid utf-8", "{\"a\":\"\xC3\x28\"}", "UTF-8"},
      {"duplicate change", with([](json& d, json&) { d["changes"].push_back(d["changes"].back()); }), "repeats"},
      {"duplicate key", "{\"format\":\"triad-bundle\",\"format\":\"triad-bundle\"}", "twice"},
      {"absurd time", with([](json&, json& c) { c["start_us"] = std::int64_t{1} << 60; }), "out of range"},
      {"negative time", with([](json&, json& c) { c["start_us"] = -5; }), "out of range"},
      {"float time", with([](json&, json& c) { c["start_us"] = 1.5; }), "out of range"},
      {"end before start", with([](json&, json& c) { c["end_us"] = 1; }), "ends before it starts"},
      {"huge text", with([](json&, json& c) { c["text"] = std::string(kMaxTextBytes + 1, 'x'); }), "too long"},
      {"deep nesting", deep, "nested too deeply"},
      {"private comment", with([](json&, json& c) { c["visibility"] = "private"; }), "private"},
      {"pupil name", with([](json&, json& c) { c["pupil"] = "Jamie Pupilname"; }), "pupil"},
      {"bad uuid", with([](json&, json& c) { c["uuid"] = "1; DROP TABLE comments"; }), "uuid"},
      {"unknown data field", with([](json&, json& c) { c["role"] = "facilitator"; }), "unknown field"},
      {"unknown envelope field", with([](json& d, json&) { d["changes"][0]["extra"] = 1; }), "unknown field"},
      {"unknown kind", with([](json& d, json&) { d["changes"][1]["kind"] = "grant"; }), "unknown kind"},
      {"no genesis", with([](json& d, json&) { d["changes"].erase(0); }), "genesis"},
      {"other session", with([](json& d, json&) { d["changes"][1]["session"] = "5e551011-0000-4000-8000-000000000002"; }), "another session"},
      {"empty", "", "empty"},
  };
  std::string before = test::slurp(db);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto b = parse_bundle(c.bytes, "hostile.bundle");
    ASSERT_FALSE(b.ok());
    EXPECT_NE(b.error().message.find("hostile.bundle"), std::string::npos) << b.error().message;
    EXPECT_NE(b.error().message.find(c.reason), std::string::npos) << b.error().message;
  }
  EXPECT_TRUE(test::slurp(db) == before) << "library file changed";
}

}  // namespace
}  // namespace triad::exchange
