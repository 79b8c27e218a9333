// Signed bundles between three libraries (a facilitator and two observers on their own
// laptops): blind review holds until the reveal, the reveal and agreed actions travel,
// tampered and forged changes are refused with nothing written, importing one's own bundle
// changes nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "core/framework.hpp"
#include "core/protocol.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/bundle.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"
#include "signed_triad.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using store::Library;
using test::must;

using namespace signed_triad;

TEST(SignedBundle_ThreeLibraries, BlindUntilRevealThenRevealAndActionTravel) {
  Triad t;
  set_up(t.fran);
  const std::string setup = t.fran.export_bundle();
  ASSERT_TRUE(t.olly.import(setup));
  ASSERT_TRUE(t.oona.import(setup));

  t.olly.comment("Olly: pupils stuck on 3:4", 10'000'000);
  t.oona.comment("Oona: great use of bar models", 20'000'000);
  const std::string from_olly = t.olly.export_bundle();
  const std::string from_oona = t.oona.export_bundle();

  // Straight from Olly to Oona: Olly's key is not bound in Oona's library yet, so his
  // comment waits there unverified and unshown.
  auto direct = t.oona.import(from_olly);
  ASSERT_TRUE(direct) << direct.error().message;
  EXPECT_GT(direct->pending, 0);
  EXPECT_EQ(t.oona.visible_texts(), std::vector<std::string>{"Oona: great use of bar models"});

  // The facilitator's library binds each observer's key at their first signed change.
  ASSERT_TRUE(t.fran.import(from_olly));
  ASSERT_TRUE(t.fran.import(from_oona));

  // Both submit on their own laptops; the submissions reach the facilitator.
  ASSERT_TRUE(store::submit_review(t.olly.lib, t.olly.session(), t.olly.me_id));
  ASSERT_TRUE(store::submit_review(t.oona.lib, t.oona.session(), t.oona.me_id));
  ASSERT_TRUE(t.fran.import(t.olly.export_bundle()));
  ASSERT_TRUE(t.fran.import(t.oona.export_bundle()));
  auto state = must(store::review_state(t.fran.lib, t.fran.session()));
  EXPECT_EQ(state.submissions.size(), 2u);

  // Before the reveal, the facilitator's bundle carries both observers' comments, yet
  // neither observer sees the other's.
  const std::string before_reveal = t.fran.export_bundle();
  ASSERT_TRUE(t.olly.import(before_reveal));
  EXPECT_EQ(t.olly.visible_texts(), std::vector<std::string>{"Olly: pupils stuck on 3:4"});

  ASSERT_TRUE(store::reveal_reviews(t.fran.lib, t.fran.session(), t.fran.me_id));
  Action a;
  a.session_id = t.fran.session();
  a.text = "Model 3:4 with bars first";
  a.created_by = t.fran.me_id;
  a.owner_id = t.fran.person("Olly Observer");
  must(store::add_action(t.fran.lib, a));
  const std::string after_reveal = t.fran.export_bundle();

  for (Laptop* l : {&t.olly, &t.oona}) {
    auto r = l->import(after_reveal);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(l->visible_texts(),
              (std::vector<std::string>{"Olly: pupils stuck on 3:4", "Oona: great use of bar models"}));
    auto rs = must(store::review_state(l->lib, l->session()));
    ASSERT_TRUE(rs.reveal.has_value());
    auto actions = must(store::list_actions(l->lib, l->session()));
    ASSERT_EQ(actions.size(), 1u);
    EXPECT_EQ(actions[0].text, "Model 3:4 with bars first");
  }
  // Olly's comment that waited in Oona's library is now verified through the facilitator's roster.
  EXPECT_EQ(must(store::list_changes(t.oona.lib, kSession, true)).size(), 0u);

  // Marking the action done travels back.
  auto acts = must(store::list_actions(t.olly.lib, t.olly.session()));
  must(store::set_action_done(t.olly.lib, acts[0].id, true, t.olly.me_id));
  ASSERT_TRUE(t.fran.import(t.olly.export_bundle()));
  EXPECT_TRUE(must(store::list_actions(t.fran.lib, t.fran.session()))[0].done);

  // All three converge.
  ASSERT_TRUE(t.olly.import(t.fran.export_bundle()));
  ASSERT_TRUE(t.oona.import(t.fran.export_bundle()));
  ASSERT_TRUE(t.oona.import(t.olly.export_bundle()));
  EXPECT_EQ(must(t.olly.lib.dump()), must(t.fran.lib.dump()));
  EXPECT_EQ(must(t.oona.lib.dump()), must(t.fran.lib.dump()));
}

TEST(SignedBundle_Reimport, OwnBundleChangesNothing) {
  Triad t;
  set_up(t.fran);
  t.fran.comment("Fran: pace good", 5'000'000);
  const std::string before = must(t.fran.lib.dump());
  auto r = t.fran.import(t.fran.export_bundle());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(must(t.fran.lib.dump()), before);
  // And the same for an observer who got the session by bundle.
  ASSERT_TRUE(t.olly.import(t.fran.export_bundle()));
  t.olly.comment("Olly: note", 6'000'000);
  const std::string olly_before = must(t.olly.lib.dump());
  ASSERT_TRUE(t.olly.import(t.olly.export_bundle()));
  EXPECT_EQ(must(t.olly.lib.dump()), olly_before);
}

// A waiting change read back from an edited library file, its fields of the wrong type, is
// checked against its kind's schema like a bundle's and said refused: the import goes on and
// nothing throws (a genesis whose creator is a number once ended the import with a JSON
// type error while the refusal sentence was made).
TEST(SignedBundle_Waiting, AnEditedWaitingChangeIsRefusedNotRead) {
  Triad t;
  set_up(t.fran);
  const std::string bundle = t.fran.export_bundle();
  const std::string key = crypto::to_base64(t.fran.key.public_key);
  ASSERT_TRUE(store::put_change(t.fran.lib, {kSession, "genesis", kSession, t.fran.me, key, "{\"creator\":5,\"created_at_ms\":1}",
                                             "sig-edited", true}));
  const std::string before = must(t.fran.lib.dump());
  auto r = t.fran.import(bundle);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->refused_waiting, 1);
  ASSERT_FALSE(r->warnings.empty());
  EXPECT_NE(r->warnings.back().find("creator"), std::string::npos) << r->warnings.back();
  EXPECT_EQ(must(t.fran.lib.dump()), before);
}

// Issue 12: "an action never exposes a private comment's UUID to someone who cannot see that
// comment", and no library is left with an action or approval naming a comment it does not
// have. Any comment left out of a bundle — here Olly's words typed on the facilitator's
// computer, never signed by him, and a learning detective's reply to them (a reply never
// travels without its comment) — is named neither by the action that came from it nor by
// the facilitator's approval of the reply; the action itself still travels.
TEST(SignedBundle_LeftOut, ActionsAndApprovalsNeverNameALeftOutComment) {
  Triad t;
  set_up(t.fran);
  ASSERT_TRUE(t.olly.import(t.fran.export_bundle()));
  const RowId sid = t.fran.session();
  const RowId dana = must(t.fran.lib.add_person("Dana Pupil")).id;
  must(store::add_participant(t.fran.lib, sid, dana, Role::LearningDetective));
  ASSERT_TRUE(store::reveal_reviews(t.fran.lib, sid, t.fran.me_id));  // her bundles carry everyone's comments
  Comment c;
  c.session_id = sid;
  c.author_id = t.fran.person("Olly Observer");
  c.start_us = 4'000'000;
  c.kind = "note";
  c.text = "Typed here for Olly";
  c.visibility = Visibility::Triad;
  const std::string unsigned_uuid = must(t.fran.lib.add_comment(c)).uuid;
  Comment reply = c;
  reply.author_id = dana;
  reply.parent_uuid = unsigned_uuid;
  reply.text = "Dana: we did pair up";
  const std::string reply_uuid = must(t.fran.lib.add_comment(reply)).uuid;
  ASSERT_TRUE(store::approve_detective_comment(t.fran.lib, reply_uuid, t.fran.me_id));
  Action a;
  a.session_id = sid;
  a.text = "Try a longer pause";
  a.comment_uuid = unsigned_uuid;
  a.created_by = t.fran.me_id;
  must(store::add_action(t.fran.lib, a));

  const std::string text = t.fran.export_bundle();
  EXPECT_NE(text.find("Try a longer pause"), std::string::npos) << "the action still travels";
  EXPECT_EQ(text.find(unsigned_uuid), std::string::npos) << "the left-out comment's uuid leaked through its action";
  EXPECT_EQ(text.find(reply_uuid), std::string::npos) << "the left-out reply's uuid leaked through its approval";
  auto r = t.olly.import(text);
  ASSERT_TRUE(r) << r.error().message;
  const std::string dump = must(t.olly.lib.dump());
  EXPECT_NE(dump.find("Try a longer pause"), std::string::npos);
  EXPECT_EQ(dump.find(unsigned_uuid), std::string::npos) << "a dangling action link";
  EXPECT_EQ(dump.find(reply_uuid), std::string::npos) << "a dangling approval";
}

int of_kind_count(const json& doc, const std::string& kind) {
  int n = 0;
  for (const auto& c : doc["changes"]) n += c["kind"] == kind;
  return n;
}

// Fixture for hostile bundles: the facilitator's library already holds both observers' work.
struct Hostile : ::testing::Test {
  Triad t;
  std::string from_olly;
  void SetUp() override {
    set_up(t.fran);
    const std::string setup = t.fran.export_bundle();
    ASSERT_TRUE(t.olly.import(setup));
    ASSERT_TRUE(t.oona.import(setup));
    t.olly.comment("Olly: original words", 10'000'000);
    from_olly = t.olly.export_bundle();
    ASSERT_TRUE(t.fran.import(from_olly));
    ASSERT_TRUE(t.fran.import(t.oona.export_bundle()));
    ASSERT_TRUE(t.oona.import(t.fran.export_bundle()));
  }
  json comment_change(json& doc) {
    for (auto& c : doc["changes"])
      if (c["kind"] == "comment") return c;
    return nullptr;
  }
  // Imports `text` into `l` and checks it is refused with `words` and nothing written.
  void expect_refused(Laptop& l, const std::string& text, const std::string& words) {
    const std::string before = must(l.lib.dump());
    auto r = l.import(text);
    ASSERT_FALSE(r) << "imported: " << text.substr(0, 200);
    EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
    EXPECT_EQ(must(l.lib.dump()), before);
  }
};

TEST_F(Hostile, TextEditedAfterExportChangesNothing) {
  json doc = json::parse(from_olly);
  std::string uuid;
  for (auto& c : doc["changes"])
    if (c["kind"] == "comment") {
      c["data"]["text"] = "Olly: rewritten by someone else";
      uuid = c["data"]["uuid"];
    }
  // One sentence naming who and what (the grammar was "...change (uuid) it does not match").
  const std::string why = "b.triad-bundle' was not imported: Olly Observer's comment change (" + uuid +
                          ") was refused because it does not match its signature: it was changed after it was signed.";
  expect_refused(t.fran, doc.dump(), why);
  expect_refused(t.oona, doc.dump(), why);
}

// Where the recordings sit on the session clock travels signed (a `recordings` change, by
// the facilitator or teacher): the bundle's unsigned `recordings` list, edited, places
// nothing; the signed placements edited after export, or signed by an observer, are refused
// whole and nothing is written.
TEST_F(Hostile, ForgedRecordingPlacementsAreRefusedOrIgnored) {
  const std::string genuine = t.fran.export_bundle();
  json doc = json::parse(genuine);
  ASSERT_EQ(of_kind_count(doc, "recordings"), 1);
  // The unsigned list edited (another label, a camera added): a new library takes the signed placements only.
  doc["recordings"][0]["label"] = "Forged";
  doc["recordings"].push_back({{"fingerprint", "tfp1:ffff"}, {"duration_us", 1000}, {"label", "Planted"},
                               {"role", "camera"}, {"offset_us", 5}, {"drift_ppb", 0}, {"clock", false}});
  Laptop rita(t.dir.path / "rita.triad", "Rita Reader");
  auto read = rita.import(doc.dump());
  ASSERT_TRUE(read) << read.error().message;
  auto recs = must(rita.lib.recordings_for_session(rita.session()));
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fingerprint, "tfp1:00aa");
  EXPECT_EQ(recs[0].label, "");
  EXPECT_TRUE(recs[0].primary);

  // The signed placements edited after export: refused, in a library new to the session too.
  json edited = json::parse(genuine);
  for (auto& c : edited["changes"])
    if (c["kind"] == "recordings") c["data"]["recordings"][0]["label"] = "Forged";
  Laptop sam(t.dir.path / "sam.triad", "Sam Reader");
  expect_refused(sam, edited.dump(), "Fran Facilitator's recordings change (" + std::string(kSession) +
                                         ") was refused because it does not match its signature");
  expect_refused(t.oona, edited.dump(), "does not match its signature");

  // Placements signed by an observer: refused with who tried what.
  json by_olly = json::parse(t.fran.export_bundle());
  for (auto& c : by_olly["changes"])
    if (c["kind"] == "recordings") {
      c["data"]["recordings"][0]["label"] = "Olly's camera";
      c = change_to_json(must(sign_change("recordings", kSession, "Olly Observer", t.olly.key.secret_key, c["data"])));
    }
  expect_refused(t.oona, by_olly.dump(),
                 "Olly Observer (observer) tried to place the session's recordings, which only the session's facilitator "
                 "or teacher may.");
}

TEST_F(Hostile, CommentClaimingAnotherAuthorChangesNothing) {
  // Oona edits Olly's comment and signs it herself, as herself...
  json doc = json::parse(from_olly);
  json c = comment_change(doc);
  json data = c["data"];
  data["text"] = "Oona's words in Olly's comment";
  data["version"] = 99;
  auto forged = must(sign_change("comment", kSession, "Oona Observer", t.oona.key.secret_key, data));
  doc["changes"] = json::array({doc["changes"][0], change_to_json(forged)});
  expect_refused(t.fran, doc.dump(), "only its author Olly Observer may");
  // ...or as Olly, with her own key.
  auto as_olly = must(sign_change("comment", kSession, "Olly Observer", t.oona.key.secret_key, data));
  doc["changes"] = json::array({doc["changes"][0], change_to_json(as_olly)});
  expect_refused(t.fran, doc.dump(), "carries a different key from Olly Observer's");
  // A comment of her own whose author field names Olly.
  data["uuid"] = "0badc0de-0000-4000-8000-000000000001";
  auto claims = must(sign_change("comment", kSession, "Oona Observer", t.oona.key.secret_key, data));
  doc["changes"] = json::array({doc["changes"][0], change_to_json(claims)});
  expect_refused(t.fran, doc.dump(), "only its author Olly Observer may");
}

TEST_F(Hostile, ObserverCannotHandOutRolesOrBecomeTheTeacher) {
  json doc = json::parse(t.oona.export_bundle());
  auto genesis = doc["changes"][0];
  auto role = must(sign_change("participant", kSession, "Oona Observer", t.oona.key.secret_key,
                               json{{"person", "Oona Observer"}, {"role", "facilitator"}, {"role_set_at_ms", 1900000000000}}));
  doc["changes"] = json::array({genesis, change_to_json(role)});
  expect_refused(t.fran, doc.dump(), "Oona Observer (observer) tried to make Oona Observer facilitator");
  {
    // In Olly's library Oona's key is not bound yet: the change waits, unapplied and unshown,
    // and stays waiting once her key arrives, because an observer may not hand out roles.
    const std::string before = must(t.olly.lib.dump());
    auto r = t.olly.import(doc.dump());
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->pending, 1);
    EXPECT_EQ(must(t.olly.lib.dump()), before);
    ASSERT_TRUE(t.olly.import(t.fran.export_bundle()));
    EXPECT_EQ(must(store::participant_role(t.olly.lib, t.olly.session(), t.olly.person("Oona Observer"))), Role::Observer);
    EXPECT_EQ(must(store::list_changes(t.olly.lib, kSession, true)).size(), 1u);
  }

  json sdata = json{{"title", "Y9 ratio"}, {"date", "2026-03-20"}, {"school", ""}, {"teacher", "Oona Observer"},
                    {"subject", ""}, {"year_group", ""}, {"class_label", ""}, {"focus", ""}, {"cycle", ""},
                    {"cycle_position", 0}, {"updated_at_ms", 1900000000000}};
  auto teacher = must(sign_change("session", kSession, "Oona Observer", t.oona.key.secret_key, sdata));
  doc["changes"] = json::array({genesis, change_to_json(teacher)});
  expect_refused(t.fran, doc.dump(), "tried to change the session's details");

  // A facilitator's change replayed into another session does not verify there.
  json fdoc = json::parse(t.fran.export_bundle());
  for (auto& c : fdoc["changes"]) c["session"] = "5e551011-0000-4000-8000-0000000000bb";
  fdoc["session"] = "5e551011-0000-4000-8000-0000000000bb";
  Dir d;
  Laptop other(d.path / "other.triad", "Someone");
  const std::string before = must(other.lib.dump());
  auto r = other.import(fdoc.dump());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("changed after it was signed"), std::string::npos) << r.error().message;
  // A claim to have created the session, by anyone else, is refused where the session is known.
  auto genesis2 = must(sign_change("genesis", kSession, "Oona Observer", t.oona.key.secret_key,
                                   json{{"creator", "Oona Observer"}, {"created_at_ms", 1}}));
  doc["changes"] = json::array({change_to_json(genesis2)});
  expect_refused(t.fran, doc.dump(), "claims to have created session");
}

TEST_F(Hostile, VersionOneBundlesAreRefusedWithHowToReexport) {
  const std::string v1 = R"({"format":"triad-bundle","version":1,"audience":"triad","session":{},"comments":[]})";
  auto b = parse_bundle(v1, "old.triad-bundle");
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("export it again"), std::string::npos);
}

}  // namespace
}  // namespace triad::exchange
