// Property tests of the merge laws over signed changes (issue 12): with seeded random
// generators, several identities (a facilitator who created the session, the observed
// teacher, two observers) sign random sequences of changes — new comments, edits,
// tombstones, protocol edits, session details edited by the facilitator or the observed
// teacher, role changes among staff, agreed actions (often naming a comment, which may come
// in another bundle) and their done state, and the review itself: reviewers' submissions (a later one loses), reveals by the
// facilitator (the earliest wins), a learning detective's comments (signed by the
// facilitator under the detective's pseudonym) and the facilitator's approvals of them —
// each made only by someone the roster allowed at that moment. The changes are
// dealt at random into three bundles, each also carrying the facilitator's signed roster.
// Then, on `triad dump` of fresh libraries:
//   - commutative: A then B == B then A (all six orders of A, B, C agree);
//   - idempotent: importing a bundle twice == once;
//   - associative: (A ∪ B) then C == A then (B ∪ C), where ∪ is one bundle holding both;
//   - forged events (a bad signature, text changed after signing, a wrong author key, a
//     comment claiming another author, a replay into another session, a role the signer
//     did not have, a submission in another reviewer's name, an observer's approval, a
//     reveal signed in the facilitator's name) are refused and leave the dump exactly as
//     it was.
// Every bundle carries its authors' signed batches (exchange/change_batch.hpp) over their
// honest changes, as exports do, so the laws and refusals hold with batches present.
// The contract on forged events (exchange/BUNDLE_FORMAT.md, "Import"): a bundle holding one
// change that does not verify or is not authorised is refused whole, with one sentence,
// and nothing of it is written; the same bundle without the forged change then imports.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>

#include "core/framework.hpp"
#include "core/protocol.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/bundle.hpp"
#include "exchange/change_batch.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using store::Library;
using test::must;

constexpr const char* kSession = "5e551011-0000-4000-8000-00000000c0de";
constexpr const char* kOtherSession = "5e551011-0000-4000-8000-00000000beef";
const std::vector<std::string> kPeople = {"Fran Facilitator", "Tom Teacher", "Olly Observer", "Oona Observer"};

struct Dir {
  fs::path path = fs::temp_directory_path() / ("triad-sigprop-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  Dir() { fs::create_directories(path); }
  ~Dir() { fs::remove_all(path); }
  static inline int n = 0;
};

// The facilitator's library sets the session up and exports the signed roster every
// bundle starts from: genesis, session, everyone's key, everyone's role, the protocol.
struct World {
  Dir dir;
  std::map<std::string, crypto::KeyPair> keys;
  json doc;                 // the facilitator's bundle (top-level fields reused by every bundle)
  std::vector<Change> base; // its changes
  json protocol;            // the protocol's JSON as the base bundle carries it
  json session;             // the session's details as the base bundle carries them
  std::string detective;    // the learning detective's pseudonym as the roster carries it

  World() {
    for (const auto& p : kPeople) keys.emplace(p, must(crypto::generate_key_pair()));
    Library fran = must(Library::open(dir.path / "fran.triad"));
    std::map<std::string, RowId> id;
    for (const auto& p : kPeople) {
      id[p] = must(fran.add_person(p)).id;
      must(store::bind_person_key(fran, id[p], crypto::to_base64(keys.at(p).public_key), 1));
    }
    Session s;
    s.uuid = kSession;
    s.title = "Y7 area";
    s.created_at_ms = 1773400000000;
    const RowId sid = must(fran.add_session(s)).id;
    must(store::add_participant(fran, sid, id["Fran Facilitator"], Role::Facilitator));
    must(store::add_participant(fran, sid, id["Tom Teacher"], Role::Teacher));
    must(store::add_participant(fran, sid, id["Olly Observer"], Role::Observer));
    must(store::add_participant(fran, sid, id["Oona Observer"], Role::Observer));
    // A learning detective: never signs; travels under a random pseudonym made here.
    must(store::add_participant(fran, sid, must(fran.add_person("Dana Pupil")).id, Role::LearningDetective));
    for (const char* code : {"jpd-peer-observation", "learning-detectives"})
      must(store::import_framework(
          fran, must(framework_from_json(
                    test::slurp(fs::path(TRIAD_SOURCE_DIR) / "assets/frameworks" / (std::string(code) + ".json")), code))));
    Protocol p;
    p.session_id = sid;
    p.framework_code = "jpd-peer-observation";
    p.detective_framework_code = "learning-detectives";
    must(store::set_protocol(fran, p, id["Fran Facilitator"]));
    auto text = must(export_bundle(fran, sid, Audience::Triad, id["Fran Facilitator"], keys.at("Fran Facilitator").secret_key,
                                   1773500000000))
                    .text;
    doc = json::parse(text);
    for (const auto& c : doc["changes"]) {
      base.push_back(must(change_from_json(c, "base")));
      if (c["kind"] == "protocol") protocol = c["data"]["protocol"];
      if (c["kind"] == "session") session = c["data"];
      if (c["kind"] == "participant" && c["data"]["role"] == "learning-detective") detective = c["data"]["person"];
    }
    if (detective.rfind("Learning detective ", 0) != 0) throw std::runtime_error("no detective pseudonym in the roster");
  }

  Change sign(const std::string& kind, const std::string& signer, json data, const std::string& key_of = {}) const {
    return must(sign_change(kind, kSession, signer, keys.at(key_of.empty() ? signer : key_of).secret_key, std::move(data)));
  }
};

// One library on a fresh laptop of someone outside the session (Rita), who only reads.
struct Reader {
  Library lib;
  RowId me = 0;
  explicit Reader(const fs::path& file) : lib(must(Library::open(file))) { me = must(lib.add_person("Rita Reader")).id; }
  Result<ImportReport> import(const std::string& text) {
    auto b = parse_bundle(text, "p.triad-bundle");
    if (!b) return b.error();
    return import_bundle(lib, *b, me, false, "p.triad-bundle");
  }
  std::string dump() { return must(lib.dump()); }
};

std::string uuid_from(std::mt19937_64& rng) {
  char buf[40];
  const std::uint64_t a = rng(), b = rng();
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-8%03x-%012llx", unsigned(a >> 32), unsigned(a >> 16) & 0xffffu,
                unsigned(a) & 0xfffu, unsigned(b >> 48) & 0xfffu, static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

// A random history of honest signed changes: each is made by someone the roster allows at
// its time (comments by their authors, protocol by the facilitator or teacher, roles by the
// facilitator, actions by staff).
std::vector<Change> random_history(const World& w, std::mt19937_64& rng, int n) {
  std::vector<Change> out;
  std::int64_t t = 1'900'000'000'000;
  std::vector<json> comments, actions, detective_comments;
  json protocol = w.protocol;
  auto pick = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
  const std::vector<std::string> reviewers = {"Tom Teacher", "Olly Observer", "Oona Observer"};  // mentor or observer: both review
  std::set<std::string> submitted;
  bool revealed = false;
  for (int i = 0; i < n; ++i) {
    t += 1 + static_cast<std::int64_t>(rng() % 5000);
    int what = static_cast<int>(rng() % 15);
    const std::string who = kPeople[pick(kPeople.size())];
    // Reveals mostly come once everyone has submitted (so a reviewer's reveal is made too).
    if (what == 11 && submitted.size() < reviewers.size() && rng() % 4) what = 10;
    if (what == 14) {  // the facilitator or the observed teacher edits the session's details
      const std::string by = rng() % 2 ? "Fran Facilitator" : "Tom Teacher";
      json d = w.session;
      d["title"] = "Y7 area, take " + std::to_string(i);
      d["focus"] = "wait time " + std::to_string(i);
      d["updated_at_ms"] = t;
      out.push_back(w.sign("session", by, d));
    } else if (what == 10) {  // a reviewer submits (again: a later submission loses to the first)
      std::vector<std::string> yet;  // mostly someone who has not submitted, so reviewers' reveals happen
      for (const auto& r : reviewers)
        if (!submitted.count(r)) yet.push_back(r);
      const std::string r = !yet.empty() && rng() % 4 ? yet[pick(yet.size())] : reviewers[pick(reviewers.size())];
      submitted.insert(r);
      out.push_back(w.sign("submission", r, json{{"person", r}, {"submitted_at_ms", t}}));
    } else if (what == 11) {  // a reveal (again: the earliest wins): by the facilitator, or by a
                              // reviewer once every reviewer has submitted
      const bool all_submitted = submitted.size() == reviewers.size();
      const std::string by = all_submitted && !revealed && rng() % 4 ? reviewers[pick(reviewers.size())] : "Fran Facilitator";
      revealed = true;
      out.push_back(w.sign("reveal", by, json{{"by", by}, {"revealed_at_ms", t}, {"automatic", by != "Fran Facilitator" || rng() % 2 == 0}}));
    } else if (what == 12 || detective_comments.empty()) {  // the detective's comment, signed by the facilitator
      json d{{"uuid", uuid_from(rng)}, {"author", w.detective}, {"start_us", static_cast<std::int64_t>(rng() % 2'000'000'000)},
             {"end_us", nullptr}, {"kind", "note"}, {"text", "the pupils " + std::to_string(i)}, {"visibility", "triad"},
             {"pupil", ""}, {"parent_uuid", nullptr}, {"created_at_ms", t}, {"updated_at_ms", t}, {"version", 1},
             {"deleted", false}, {"tags", json::array()}};
      detective_comments.push_back(d);
      out.push_back(w.sign("comment", "Fran Facilitator", d));
    } else if (what == 13) {  // the facilitator approves one (again: the earliest approval wins)
      const json& d = detective_comments[pick(detective_comments.size())];
      out.push_back(w.sign("approval", "Fran Facilitator",
                           json{{"comment", d["uuid"]}, {"by", "Fran Facilitator"}, {"approved_at_ms", t}}));
    } else if (what <= 3 || comments.empty()) {  // a new comment
      const std::int64_t start = static_cast<std::int64_t>(rng() % 2'000'000'000);
      json d{{"uuid", uuid_from(rng)}, {"author", who}, {"start_us", start}, {"end_us", rng() % 2 ? json(start + 1000) : json(nullptr)},
             {"kind", "note"}, {"text", "comment " + std::to_string(i) + " by " + who}, {"visibility", "triad"},
             {"pupil", ""}, {"parent_uuid", nullptr}, {"created_at_ms", t}, {"updated_at_ms", t}, {"version", 1},
             {"deleted", false}, {"tags", json::array()}};
      comments.push_back(d);
      out.push_back(w.sign("comment", who, d));
    } else if (what <= 5) {  // its author edits or deletes a comment
      json& d = comments[pick(comments.size())];
      d["version"] = d["version"].get<std::int64_t>() + 1;
      d["updated_at_ms"] = t;
      d["text"] = "edit " + std::to_string(i);
      d["deleted"] = rng() % 4 == 0;
      out.push_back(w.sign("comment", d["author"].get<std::string>(), d));
    } else if (what == 6) {  // the facilitator or the teacher edits the protocol
      const std::string by = rng() % 2 ? "Fran Facilitator" : "Tom Teacher";
      protocol["blind_review"] = rng() % 2 == 0;
      protocol["focus_questions"] = json::array({"question " + std::to_string(i)});
      out.push_back(w.sign("protocol", by, json{{"protocol", protocol}, {"updated_at_ms", t}, {"by", by}}));
    } else if (what == 7) {  // the facilitator changes an observer's role (staff to staff)
      const std::string person = rng() % 2 ? "Olly Observer" : "Oona Observer";
      out.push_back(w.sign("participant", "Fran Facilitator",
                           json{{"person", person}, {"role", rng() % 2 ? "mentor" : "observer"}, {"role_set_at_ms", t}}));
    } else if (what == 8 || actions.empty()) {  // staff record an agreed action, often about a comment
      // The comment it names may be dealt into another bundle, arriving before or after it.
      const json about = !comments.empty() && rng() % 2 ? comments[pick(comments.size())]["uuid"] : json(nullptr);
      json d{{"uuid", uuid_from(rng)}, {"text", "action " + std::to_string(i)}, {"owner", rng() % 2 ? json("Tom Teacher") : json(nullptr)},
             {"comment", about}, {"created_by", who}, {"created_at_ms", t}, {"done", false}, {"done_at_ms", nullptr},
             {"updated_at_ms", t}};
      actions.push_back(d);
      out.push_back(w.sign("action", who, d));
    } else {  // someone marks an action done or not done
      json& d = actions[pick(actions.size())];
      d["done"] = !d["done"].get<bool>();
      d["done_at_ms"] = d["done"].get<bool>() ? json(t) : json(nullptr);
      d["updated_at_ms"] = t;
      out.push_back(w.sign("action", who, d));
    }
  }
  return out;
}

// A bundle of the base roster plus `changes`: one change per (kind, subject), as an export
// carries only the current state — the last given, or for submissions, approvals and
// reveals (where the earliest wins) the first — in kind order.
std::string bundle_text(const World& w, const std::vector<Change>& changes, const std::string& session = kSession,
                        bool with_base = true) {
  std::vector<Change> all;
  if (with_base) all = w.base;
  all.insert(all.end(), changes.begin(), changes.end());
  std::map<std::pair<std::string, std::string>, std::size_t> last;
  auto earliest_wins = [](const std::string& kind) { return kind == "submission" || kind == "approval" || kind == "reveal"; };
  for (std::size_t i = 0; i < all.size(); ++i)
    if (!earliest_wins(all[i].kind) || !last.count({all[i].kind, change_subject(all[i])}))
      last[{all[i].kind, change_subject(all[i])}] = i;
  std::vector<Change> kept;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (last[{all[i].kind, change_subject(all[i])}] == i) kept.push_back(all[i]);
  std::stable_sort(kept.begin(), kept.end(),
                   [](const Change& a, const Change& b) { return change_kind_rank(a.kind) < change_kind_rank(b.kind); });
  json doc = w.doc;  // its attestations: the facilitator's batch over the base roster, for kSession
  doc["session"] = session;
  doc["changes"] = json::array();
  for (const auto& c : kept) doc["changes"].push_back(change_to_json(c));
  // Batches present, as each author's export carries one (exchange/change_batch.hpp): each
  // person's batch vouches for their changes here that they really signed (those that
  // verify alone), never for a forged one, so a forgery is still verified alone and refused.
  json honest = json::array();
  for (const auto& c : kept)
    if (verify_change(c)) honest.push_back(change_to_json(c));
  for (const auto& p : kPeople)
    if (auto batch = must(sign_batch(kSession, p, w.keys.at(p).secret_key, honest)))
      doc["attestations"].push_back(change_to_json(*batch));
  return doc.dump();
}

struct Dealt {
  std::vector<Change> history;
  std::vector<Change> part[3];
};
Dealt deal(const World& w, std::uint64_t seed, int n) {
  std::mt19937_64 rng(seed);
  Dealt d;
  d.history = random_history(w, rng, n);
  for (const auto& c : d.history) d.part[rng() % 3].push_back(c);
  return d;
}

std::string dump_after(const fs::path& file, const std::vector<std::string>& bundles) {
  Reader r(file);
  for (const auto& b : bundles) {
    auto rep = r.import(b);
    if (!rep) ADD_FAILURE() << rep.error().message;
  }
  // A reviewer's reveal may wait for submissions still on their way; once every bundle is
  // in, nothing waits (every key is bound by the roster, every submission has arrived).
  EXPECT_EQ(must(store::list_changes(r.lib, kSession, true)).size(), 0u);
  return r.dump();
}

std::size_t count_lines(const std::string& dump, const std::string& kind) {
  std::size_t n = 0, at = 0;
  const std::string needle = "\n" + kind + " ";
  const std::string text = "\n" + dump;
  while ((at = text.find(needle, at)) != std::string::npos) ++n, ++at;
  return n;
}

constexpr std::uint64_t kSeeds[] = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233};

TEST(SignedMerge_Property, CommutativeIdempotentAssociativeOnDump) {
  World w;
  int reviewer_reveals = 0;  // histories whose reveal a reviewer made (it may arrive before the submissions)
  int teacher_details = 0;   // histories whose last session edit the observed teacher signed
  int links_elsewhere = 0;   // actions naming a comment of which their bundle holds no change
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Dealt d = deal(w, seed, 40);
    const std::string A = bundle_text(w, d.part[0]), B = bundle_text(w, d.part[1]), C = bundle_text(w, d.part[2]);
    Dir dir;
    int k = 0;
    auto file = [&] { return dir.path / ("lib" + std::to_string(k++) + ".triad"); };

    // Every order of A, B, C gives the same dump.
    const std::string abc = dump_after(file(), {A, B, C});
    std::vector<int> order = {0, 1, 2};
    const std::string parts[3] = {A, B, C};
    while (std::next_permutation(order.begin(), order.end()))
      EXPECT_EQ(dump_after(file(), {parts[order[0]], parts[order[1]], parts[order[2]]}), abc)
          << order[0] << order[1] << order[2];

    // Idempotent: each bundle twice (in place) changes nothing more.
    EXPECT_EQ(dump_after(file(), {A, A, B, B, C, C}), abc);
    EXPECT_EQ(dump_after(file(), {A, B, C, C, B, A}), abc);

    // Associative: (A ∪ B) then C == A then (B ∪ C).
    std::vector<Change> ab = d.part[0], bc = d.part[1];
    ab.insert(ab.end(), d.part[1].begin(), d.part[1].end());
    bc.insert(bc.end(), d.part[2].begin(), d.part[2].end());
    // Merged bundles keep the change that wins: the later one of the honest history.
    auto by_history = [&](std::vector<Change>& v) {
      std::map<std::string, std::size_t> pos;
      for (std::size_t i = 0; i < d.history.size(); ++i) pos[d.history[i].sig] = i;
      std::stable_sort(v.begin(), v.end(), [&](const Change& x, const Change& y) { return pos[x.sig] < pos[y.sig]; });
    };
    by_history(ab);
    by_history(bc);
    EXPECT_EQ(dump_after(file(), {bundle_text(w, ab), C}), abc);
    EXPECT_EQ(dump_after(file(), {A, bundle_text(w, bc)}), abc);

    // The merge really merged: one comment line per comment made, one action line per action.
    std::set<std::string> comment_ids, action_ids;
    for (const auto& c : d.history) {
      if (c.kind == "comment") comment_ids.insert(c.data["uuid"].get<std::string>());
      if (c.kind == "action") action_ids.insert(c.data["uuid"].get<std::string>());
    }
    EXPECT_EQ(count_lines(abc, "comment"), comment_ids.size());
    EXPECT_EQ(count_lines(abc, "action"), action_ids.size());

    // The review merged to its earliest events: each reviewer's first submission, the first
    // reveal, each detective comment's first approval (the history's times only grow).
    std::map<std::string, std::int64_t> first_submission, first_approval;
    std::optional<json> first_reveal;
    for (const auto& c : d.history) {
      if (c.kind == "submission") first_submission.emplace(c.data["person"], c.data["submitted_at_ms"]);
      if (c.kind == "approval") first_approval.emplace(c.data["comment"], c.data["approved_at_ms"]);
      if (c.kind == "reveal" && !first_reveal) first_reveal = c.data;
    }
    EXPECT_EQ(count_lines(abc, "submitted"), first_submission.size());
    EXPECT_EQ(count_lines(abc, "approved"), first_approval.size());
    EXPECT_EQ(count_lines(abc, "revealed"), first_reveal ? 1u : 0u);
    for (const auto& [person, at] : first_submission)
      EXPECT_NE(abc.find(json{{"session", kSession}, {"person", person}, {"submitted_at_ms", at}}.dump()), std::string::npos)
          << person << " " << at;
    for (const auto& [comment, at] : first_approval)
      EXPECT_NE(abc.find(json{{"comment", comment}, {"by", "Fran Facilitator"}, {"approved_at_ms", at}}.dump()), std::string::npos)
          << comment;
    if (first_reveal && (*first_reveal)["by"] != "Fran Facilitator") ++reviewer_reveals;

    // The session's details are its last edit's, whether the facilitator or the teacher made it.
    const Change* last_details = nullptr;
    for (const auto& c : d.history)
      if (c.kind == "session") last_details = &c;
    if (last_details) {
      EXPECT_NE(abc.find(json(last_details->data["title"]).dump()), std::string::npos) << last_details->data["title"];
      if (last_details->signer == "Tom Teacher") ++teacher_details;
    }
    // An action names its comment in every library, whichever bundle brought each.
    for (int p = 0; p < 3; ++p)
      for (const auto& a : d.part[p]) {
        if (a.kind != "action" || a.data["comment"].is_null()) continue;
        const bool here = std::any_of(d.part[p].begin(), d.part[p].end(), [&](const Change& c) {
          return c.kind == "comment" && c.data["uuid"] == a.data["comment"];
        });
        links_elsewhere += here ? 0 : 1;
        EXPECT_NE(abc.find("\"comment\":" + a.data["comment"].dump()), std::string::npos) << a.data["uuid"];
      }
    if (first_reveal) {
      EXPECT_NE(abc.find(json{{"session", kSession}, {"by", (*first_reveal)["by"]}, {"revealed_at_ms", (*first_reveal)["revealed_at_ms"]},
                              {"automatic", (*first_reveal)["automatic"]}}.dump()),
                std::string::npos);
    }
  }
  EXPECT_GT(reviewer_reveals, 0) << "the generator made no reviewer's reveal";
  EXPECT_GT(teacher_details, 0) << "the generator made no session edit by the teacher that stood";
  EXPECT_GT(links_elsewhere, 0) << "the generator made no action whose comment came in another bundle";
}

// A reviewer's reveal that reaches a library before every submission does waits there
// (stored, not applied: the review stays blind), and applies when the last submission
// arrives, in whichever order the bundles come.
TEST(SignedMerge_Property, AReviewersRevealWaitsForTheSubmissions) {
  World w;
  const Change tom = w.sign("submission", "Tom Teacher", json{{"person", "Tom Teacher"}, {"submitted_at_ms", 1'900'000'000'001}});
  const Change olly = w.sign("submission", "Olly Observer", json{{"person", "Olly Observer"}, {"submitted_at_ms", 1'900'000'000'002}});
  const Change oona = w.sign("submission", "Oona Observer", json{{"person", "Oona Observer"}, {"submitted_at_ms", 1'900'000'000'003}});
  const Change reveal = w.sign("reveal", "Oona Observer",
                               json{{"by", "Oona Observer"}, {"revealed_at_ms", 1'900'000'000'004}, {"automatic", true}});
  Dir dir;
  Reader early(dir.path / "early.triad");
  auto rep = early.import(bundle_text(w, {tom, olly, reveal}));
  ASSERT_TRUE(rep) << rep.error().message;
  EXPECT_EQ(rep->pending, 1);
  EXPECT_EQ(count_lines(early.dump(), "revealed"), 0u) << "still blind: Oona's submission has not arrived";
  rep = early.import(bundle_text(w, {oona}));
  ASSERT_TRUE(rep) << rep.error().message;
  EXPECT_EQ(must(store::list_changes(early.lib, kSession, true)).size(), 0u);
  EXPECT_EQ(count_lines(early.dump(), "revealed"), 1u);
  EXPECT_EQ(early.dump(), dump_after(dir.path / "late.triad", {bundle_text(w, {oona}), bundle_text(w, {tom, olly, reveal})}));
}

// One forged change put into an otherwise valid bundle, in place of the change it was
// made from (so the bundle's structure stays valid), with the sentence it is refused with.
struct Forgery {
  std::string name;
  std::vector<Change> changes;   // the bundle's changes, one forged
  std::string session = kSession;
  std::string words{};           // part of the refusal sentence
  bool with_base = true;         // false: `changes` hold the roster already
};

std::vector<Forgery> forgeries(const World& w, const std::vector<Change>& part, std::mt19937_64& rng) {
  std::vector<Forgery> out;
  // Comments the bundle will carry: the last change of each (an earlier one is dropped
  // from the bundle as an export would, so forging it would prove nothing).
  std::map<std::string, std::size_t> last;
  for (std::size_t i = 0; i < part.size(); ++i)
    if (part[i].kind == "comment") last[change_subject(part[i])] = i;
  std::vector<std::size_t> comments;
  for (const auto& [subject, i] : last) comments.push_back(i);
  auto other_than = [&](const std::string& name) {
    for (;;) {
      const std::string& p = kPeople[rng() % kPeople.size()];
      if (p != name) return p;
    }
  };
  if (!comments.empty()) {
    const std::size_t i = comments[rng() % comments.size()];
    const Change& c = part[i];
    {  // a bad signature: made by another key over the same bytes
      Forgery f{"bad signature", part};
      Change bad = c;
      bad.sig = w.sign(c.kind, c.signer, c.data, other_than(c.signer)).sig;
      f.changes[i] = bad;
      f.words = "does not match its signature";
      out.push_back(f);
    }
    {  // the text changed after signing
      Forgery f{"text changed after signing", part};
      f.changes[i].data["text"] = "rewritten after signing";
      f.words = "changed after it was signed";
      out.push_back(f);
    }
    {  // the author's name, someone else's key
      Forgery f{"wrong author key", part};
      const std::string holder = other_than(c.signer);
      f.changes[i] = w.sign(c.kind, c.signer, c.data, holder);
      f.words = "carries the signing key of " + holder;
      out.push_back(f);
    }
    {  // a comment of the author's, changed and signed by someone else
      Forgery f{"comment claiming another author", part};
      const std::string forger = other_than(c.signer);
      json d = c.data;
      d["text"] = "words put in " + c.signer + "'s mouth";
      d["version"] = d["version"].get<std::int64_t>() + 50;
      f.changes[i] = w.sign("comment", forger, d);
      f.words = "only its author " + c.data["author"].get<std::string>() + " may";
      out.push_back(f);
    }
  }
  {  // the whole bundle replayed into another session
    Forgery f{"replayed into another session", {}};
    for (const auto& b : w.base) f.changes.push_back(b);
    f.changes.insert(f.changes.end(), part.begin(), part.end());
    for (auto& c : f.changes) c.session = kOtherSession;
    f.session = kOtherSession;
    f.with_base = false;
    f.words = "changed after it was signed";
    out.push_back(f);
  }
  {  // an observer makes herself facilitator
    Forgery f{"observer grants herself the facilitator role", part};
    const std::string who = rng() % 2 ? "Olly Observer" : "Oona Observer";
    f.changes.push_back(w.sign("participant", who, json{{"person", who}, {"role", "facilitator"}, {"role_set_at_ms", 1'950'000'000'000}}));
    f.words = "tried to make " + who + " facilitator, which only the session's facilitator or teacher may";
    out.push_back(f);
  }
  {  // an observer changes the protocol
    Forgery f{"observer edits the protocol", part};
    json p = w.protocol;
    p["blind_review"] = true;
    f.changes.push_back(w.sign("protocol", "Oona Observer", json{{"protocol", p}, {"updated_at_ms", 1'950'000'000'000}, {"by", "Oona Observer"}}));
    f.words = "tried to change the protocol, which only the session's facilitator or teacher may";
    out.push_back(f);
  }
  // Review events in someone else's name or beyond the signer's role. For these kinds the
  // earliest change of a subject is the one a bundle keeps, so the forged one goes first.
  {  // an observer submits the other observer's review
    Forgery f{"submission in another reviewer's name", part};
    f.changes.insert(f.changes.begin(), w.sign("submission", "Olly Observer",
                                               json{{"person", "Oona Observer"}, {"submitted_at_ms", 1'800'000'000'000}}));
    f.words = "tried to submit Oona Observer's review";
    out.push_back(f);
  }
  {  // an observer approves a detective's comment
    Forgery f{"observer approves a detective's comment", part};
    f.changes.insert(f.changes.begin(), w.sign("approval", "Oona Observer",
                                               json{{"comment", uuid_from(rng)}, {"by", "Oona Observer"}, {"approved_at_ms", 1'800'000'000'000}}));
    f.words = "tried to approve a learning detective's comment, which only a facilitator may";
    out.push_back(f);
  }
  {  // an observer reveals, signing in the facilitator's name
    Forgery f{"reveal in the facilitator's name", part};
    f.changes.insert(f.changes.begin(), w.sign("reveal", "Olly Observer",
                                               json{{"by", "Fran Facilitator"}, {"revealed_at_ms", 1'800'000'000'000}, {"automatic", false}}));
    f.words = "signed a reveal in Fran Facilitator's name";
    out.push_back(f);
  }
  {  // an observer demotes the teacher for good
    Forgery f{"observer demotes the teacher", part};
    f.changes.push_back(w.sign("participant", "Olly Observer", json{{"person", "Tom Teacher"}, {"role", "observer"}, {"role_set_at_ms", 0}}));
    f.words = "tried to make Tom Teacher observer";
    out.push_back(f);
  }
  return out;
}

TEST(SignedMerge_Property, ForgedEventsAreRefusedAndLeaveTheDumpUnchanged) {
  World w;
  for (std::uint64_t seed : kSeeds) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Dealt d = deal(w, seed, 30);
    std::mt19937_64 rng(seed * 7919);
    Dir dir;
    Reader r(dir.path / "reader.triad");
    ASSERT_TRUE(r.import(bundle_text(w, d.part[0])));  // the library already holds valid work
    const std::string valid_b = bundle_text(w, d.part[1]);
    for (const Forgery& f : forgeries(w, d.part[1], rng)) {
      SCOPED_TRACE(f.name);
      const std::string before = r.dump();
      const auto waiting = must(store::list_changes(r.lib, kSession, true)).size();  // an honest reveal may wait
      auto rep = r.import(bundle_text(w, f.changes, f.session, f.with_base));
      ASSERT_FALSE(rep) << "a bundle with a forged change was imported";
      EXPECT_NE(rep.error().message.find(f.words), std::string::npos) << rep.error().message;
      EXPECT_EQ(std::count(rep.error().message.begin(), rep.error().message.end(), '\n'), 0);
      EXPECT_EQ(r.dump(), before);
      EXPECT_EQ(must(store::list_changes(r.lib, kSession, true)).size(), waiting) << "nothing forged waits either";
    }
    // The same bundle without its forged change imports (refused whole, not for its other changes).
    auto ok = r.import(valid_b);
    ASSERT_TRUE(ok) << ok.error().message;
  }
}

// Roster at the time of the change: a second facilitator's protocol edit made while she was
// facilitator applies even when her demotion arrived first; one made after her demotion is
// refused; and either order of the first two bundles reaches the same dump.
TEST(SignedMerge_RosterAtTheTime, ChangesAreAuthorisedByTheRoleHeldWhenMade) {
  World w;
  const auto fred = must(crypto::generate_key_pair());
  auto fred_signs = [&](const std::string& kind, json data) {
    return must(sign_change(kind, kSession, "Fred Facilitator", fred.secret_key, std::move(data)));
  };
  const Change bind = w.sign("key", "Fran Facilitator",
                             json{{"person", "Fred Facilitator"}, {"key", crypto::to_base64(fred.public_key)}});
  const Change promote = w.sign("participant", "Fran Facilitator",
                                json{{"person", "Fred Facilitator"}, {"role", "facilitator"}, {"role_set_at_ms", 1'900'000'000'000}});
  const Change demote = w.sign("participant", "Fran Facilitator",
                               json{{"person", "Fred Facilitator"}, {"role", "observer"}, {"role_set_at_ms", 1'920'000'000'000}});
  json p = w.protocol;
  p["blind_review"] = true;
  p["focus_questions"] = json::array({"Fred's question"});
  const Change while_facilitator =
      fred_signs("protocol", json{{"protocol", p}, {"updated_at_ms", 1'910'000'000'000}, {"by", "Fred Facilitator"}});
  p["focus_questions"] = json::array({"Fred's question after his demotion"});
  const Change after_demotion =
      fred_signs("protocol", json{{"protocol", p}, {"updated_at_ms", 1'930'000'000'000}, {"by", "Fred Facilitator"}});

  const std::string roster = bundle_text(w, {bind, promote});
  const std::string demotion = bundle_text(w, {bind, demote});
  const std::string late = bundle_text(w, {bind, while_facilitator});
  Dir dir;
  Reader r1(dir.path / "r1.triad"), r2(dir.path / "r2.triad");
  for (const auto& b : {roster, demotion, late}) {  // the demotion arrives before Fred's earlier edit
    auto rep = r1.import(b);
    ASSERT_TRUE(rep) << rep.error().message;
  }
  for (const auto& b : {roster, late, demotion}) {
    auto rep = r2.import(b);
    ASSERT_TRUE(rep) << rep.error().message;
  }
  EXPECT_EQ(r1.dump(), r2.dump());
  EXPECT_EQ(must(store::get_own_protocol(r1.lib, must(r1.lib.find_session_by_uuid(kSession))->id))->focus_questions,
            std::vector<std::string>{"Fred's question"});
  EXPECT_EQ(must(store::participant_role(r1.lib, must(r1.lib.find_session_by_uuid(kSession))->id,
                                         must(r1.lib.find_person("Fred Facilitator"))->id)),
            Role::Observer);

  const std::string before = r1.dump();
  auto refused = r1.import(bundle_text(w, {bind, after_demotion}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "'p.triad-bundle' was not imported: Fred Facilitator (observer) tried to change the protocol, which only "
            "the session's facilitator or teacher may.");
  EXPECT_EQ(r1.dump(), before);
}

// The roster's chain starts at the creator, but the creator keeps no power of their own once
// the roster gives them a role: Fran (creator and facilitator) demoted to observer by the
// observed teacher's signed roster change is an observer from then on. Her edit made while
// she was facilitator applies in either order; one made after her demotion, and a role she
// hands out after it, are refused (a 'creator' special case let both through).
TEST(SignedMerge_RosterAtTheTime, ADemotedCreatorKeepsNoFacilitatorPowers) {
  World w;
  const Change demote = w.sign("participant", "Tom Teacher",
                               json{{"person", "Fran Facilitator"}, {"role", "observer"}, {"role_set_at_ms", 1'920'000'000'000}});
  json p = w.protocol;
  p["focus_questions"] = json::array({"Fran's question"});
  const Change while_facilitator = w.sign(
      "protocol", "Fran Facilitator", json{{"protocol", p}, {"updated_at_ms", 1'910'000'000'000}, {"by", "Fran Facilitator"}});
  p["focus_questions"] = json::array({"Fran's question after her demotion"});
  const Change after_demotion = w.sign(
      "protocol", "Fran Facilitator", json{{"protocol", p}, {"updated_at_ms", 1'930'000'000'000}, {"by", "Fran Facilitator"}});
  const Change promote_after = w.sign(
      "participant", "Fran Facilitator", json{{"person", "Olly Observer"}, {"role", "facilitator"}, {"role_set_at_ms", 1'940'000'000'000}});

  const std::string roster = bundle_text(w, {});
  const std::string demotion = bundle_text(w, {demote});
  const std::string early = bundle_text(w, {while_facilitator});
  Dir dir;
  Reader r1(dir.path / "r1.triad"), r2(dir.path / "r2.triad");
  for (const auto& b : {roster, demotion, early}) {
    auto rep = r1.import(b);
    ASSERT_TRUE(rep) << rep.error().message;
  }
  for (const auto& b : {roster, early, demotion}) {
    auto rep = r2.import(b);
    ASSERT_TRUE(rep) << rep.error().message;
  }
  EXPECT_EQ(r1.dump(), r2.dump());
  const RowId sid = must(r1.lib.find_session_by_uuid(kSession))->id;
  EXPECT_EQ(must(store::get_own_protocol(r1.lib, sid))->focus_questions, std::vector<std::string>{"Fran's question"});
  EXPECT_EQ(must(store::participant_role(r1.lib, sid, must(r1.lib.find_person("Fran Facilitator"))->id)), Role::Observer);

  const std::string before = r1.dump();
  auto refused = r1.import(bundle_text(w, {demote, after_demotion}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "'p.triad-bundle' was not imported: Fran Facilitator (observer) tried to change the protocol, which only "
            "the session's facilitator or teacher may.");
  auto promoted = r1.import(bundle_text(w, {demote, promote_after}));
  ASSERT_FALSE(promoted);
  EXPECT_EQ(promoted.error().message,
            "'p.triad-bundle' was not imported: Fran Facilitator (observer) tried to make Olly Observer facilitator, which "
            "only the session's facilitator or teacher may.");
  EXPECT_EQ(r1.dump(), before);
}

// Order independence with the observed teacher's signed roster work (issue 12, merge laws):
// her edit of the session's details and a role she gives are authorised by her own place on
// the roster, which the same bundle carries after them (`session` comes before `participant`
// in a bundle, and within `participant` her claim may follow the one she made: a library
// lists its participants in the order it added them). A library that had the roster before
// took the bundle; a fresh one refused it whole ("Tom Teacher (not in the session here)
// tried to..."), and so did any library given its participants in the other order. Any
// order of the changes in the bundle, or of the two bundles, must give the same dump.
TEST(SignedMerge_RosterOrder, TheTeachersDetailsAndRolesApplyWhateverTheOrder) {
  World w;
  json details;
  for (const auto& c : w.base)
    if (c.kind == "session") details = c.data;
  details["title"] = "Y7 area (Tom's title)";
  details["updated_at_ms"] = 1'900'000'000'000;
  const Change title = w.sign("session", "Tom Teacher", details);
  const Change mentor = w.sign(
      "participant", "Tom Teacher", json{{"person", "Olly Observer"}, {"role", "mentor"}, {"role_set_at_ms", 1'900'000'000'001}});
  const std::string roster = bundle_text(w, {});
  const std::string toms = bundle_text(w, {title, mentor});
  auto with_participants_reversed = [](const std::string& text) {
    json doc = json::parse(text), out = json::array(), parts = json::array();
    for (const auto& c : doc["changes"])
      if (c["kind"] == "participant") parts.push_back(c);
    std::reverse(parts.begin(), parts.end());
    bool placed = false;
    for (const auto& c : doc["changes"]) {
      if (c["kind"] != "participant") {
        out.push_back(c);
      } else if (!placed) {
        for (const auto& p : parts) out.push_back(p);
        placed = true;
      }
    }
    doc["changes"] = out;
    return doc.dump();
  };
  const std::string reversed = with_participants_reversed(toms);
  ASSERT_NE(reversed, toms);
  Dir dir;
  const std::string expected = dump_after(dir.path / "roster-first.triad", {roster, toms});
  EXPECT_NE(expected.find("Tom's title"), std::string::npos);
  EXPECT_EQ(dump_after(dir.path / "alone.triad", {toms}), expected) << "a fresh library";
  EXPECT_EQ(dump_after(dir.path / "roster-after.triad", {toms, roster}), expected);
  EXPECT_EQ(dump_after(dir.path / "reversed.triad", {reversed}), expected) << "the participants in the other order";
  EXPECT_EQ(dump_after(dir.path / "reversed-after.triad", {roster, reversed}), expected);
  // Still only with the authority the roster gives: Olly's own edit of the details is refused.
  details["title"] = "Y7 area (Olly's title)";
  details["updated_at_ms"] = 1'900'000'000'002;
  Reader r(dir.path / "refused.triad");
  ASSERT_TRUE(r.import(roster));  // Olly's key bound here, so his change is checked at once
  const std::string before = r.dump();
  auto refused = r.import(bundle_text(w, {w.sign("session", "Olly Observer", details)}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "'p.triad-bundle' was not imported: Olly Observer (observer) tried to change the session's details, which only "
            "the session's facilitator or teacher may.");
  EXPECT_EQ(r.dump(), before) << "nothing written";
}

// Issue 12 (d): an edit dated after its author was made a learning detective must not apply
// or not by arrival order. Triad makes a learning detective only under a random pseudonym
// (exchange/bundle_data.hpp TravelNames), so a staff member's name never carries the role;
// a signed claim that does (here the facilitator's, "Olly Observer: learning-detective")
// made every later change of Olly's refused when it came first and kept when it came after.
// Such a claim is refused with one sentence, nothing written, so Olly's edit applies in
// either order; a pseudonym is likewise never given a staff role.
TEST(SignedMerge_RosterAtTheTime, AStaffNameIsNeverMadeALearningDetective) {
  World w;
  const Change demote = w.sign("participant", "Fran Facilitator",
                               json{{"person", "Olly Observer"}, {"role", "learning-detective"}, {"role_set_at_ms", 1'920'000'000'000}});
  json d{{"uuid", "0d0d0d0d-0000-4000-8000-000000000001"}, {"author", "Olly Observer"}, {"start_us", 1'000'000},
         {"end_us", nullptr}, {"kind", "note"}, {"text", "Olly: first words"}, {"visibility", "triad"}, {"pupil", ""},
         {"parent_uuid", nullptr}, {"created_at_ms", 1'910'000'000'000}, {"updated_at_ms", 1'910'000'000'000},
         {"version", 1}, {"deleted", false}, {"tags", json::array()}};
  d["text"] = "Olly: edited after the claim";
  d["version"] = 2;
  d["updated_at_ms"] = 1'930'000'000'000;
  const Change edit = w.sign("comment", "Olly Observer", d);
  const std::string demotion = bundle_text(w, {demote});
  const std::string edited = bundle_text(w, {edit});
  Dir dir;
  Reader r1(dir.path / "r1.triad"), r2(dir.path / "r2.triad");
  auto refused = r1.import(demotion);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "'p.triad-bundle' was not imported: Fran Facilitator (facilitator) tried to make Olly Observer learning-detective, "
            "but a learning detective takes part only under the pseudonym Triad makes for them, never under a name.");
  EXPECT_EQ(must(r1.lib.list_sessions()).size(), 0u);
  ASSERT_TRUE(r1.import(edited));
  EXPECT_FALSE(r1.import(demotion));
  ASSERT_TRUE(r2.import(edited));
  EXPECT_FALSE(r2.import(demotion));
  EXPECT_EQ(r1.dump(), r2.dump());
  EXPECT_NE(r1.dump().find("Olly: edited after the claim"), std::string::npos);
  // And a pseudonym is never given a staff role.
  const Change promote = w.sign("participant", "Fran Facilitator",
                                json{{"person", w.detective}, {"role", "observer"}, {"role_set_at_ms", 1'940'000'000'000}});
  auto staff = r1.import(bundle_text(w, {promote}));
  ASSERT_FALSE(staff);
  EXPECT_NE(staff.error().message.find("tried to make " + w.detective + " observer"), std::string::npos) << staff.error().message;
}

// Issue 12 (b), the receiving side: an approval, or an action's link, naming a comment this
// library does not have (it is in another bundle, or waits for its signer's key) would be
// left dangling. They wait for it, unapplied, and apply when it arrives: either order of the
// two bundles gives the same dump, and no library ever holds a dangling one.
TEST(SignedMerge_Waiting, AnApprovalOrActionLinkWaitsForItsComment) {
  World w;
  json d{{"uuid", "0e0e0e0e-0000-4000-8000-000000000001"}, {"author", w.detective}, {"start_us", 1'000'000},
         {"end_us", nullptr}, {"kind", "note"}, {"text", "the pupils paired up"}, {"visibility", "triad"}, {"pupil", ""},
         {"parent_uuid", nullptr}, {"created_at_ms", 1'910'000'000'000}, {"updated_at_ms", 1'910'000'000'000},
         {"version", 1}, {"deleted", false}, {"tags", json::array()}};
  const Change comment = w.sign("comment", "Fran Facilitator", d);
  const Change approval = w.sign("approval", "Fran Facilitator",
                                 json{{"comment", d["uuid"]}, {"by", "Fran Facilitator"}, {"approved_at_ms", 1'910'000'000'001}});
  const Change action = w.sign("action", "Tom Teacher",
                               json{{"uuid", "0e0e0e0e-0000-4000-8000-0000000000ac"}, {"text", "Pair them again"}, {"owner", nullptr},
                                    {"comment", d["uuid"]}, {"created_by", "Tom Teacher"}, {"created_at_ms", 1'910'000'000'002},
                                    {"done", false}, {"done_at_ms", nullptr}, {"updated_at_ms", 1'910'000'000'002}});
  const std::string links = bundle_text(w, {approval, action}), commented = bundle_text(w, {comment});
  Dir dir;
  Reader early(dir.path / "early.triad");
  auto rep = early.import(links);
  ASSERT_TRUE(rep) << rep.error().message;
  EXPECT_EQ(rep->pending, 2);
  EXPECT_EQ(count_lines(early.dump(), "approved"), 0u) << "an approval of a comment not here";
  EXPECT_EQ(count_lines(early.dump(), "action"), 0u) << "an action linked to a comment not here";
  rep = early.import(commented);
  ASSERT_TRUE(rep) << rep.error().message;
  EXPECT_EQ(count_lines(early.dump(), "approved"), 1u);
  EXPECT_EQ(count_lines(early.dump(), "action"), 1u);
  EXPECT_EQ(early.dump(), dump_after(dir.path / "late.triad", {commented, links}));
}

// A change that waited for its signer's key and is refused once the key is bound (its
// signer never took part in the session) stays unapplied, and the import that found it
// refused says so: counted in the report, with a sentence naming who made what.
TEST(SignedMerge_Waiting, ARefusedWaitingChangeIsCountedAndSaid) {
  World w;
  const auto nina = must(crypto::generate_key_pair());
  json d{{"uuid", "9a9a9a9a-0000-4000-8000-00000000a11a"}, {"author", "Nina Newcomer"}, {"start_us", 1000}, {"end_us", nullptr},
         {"kind", "note"}, {"text", "not in this session"}, {"visibility", "triad"}, {"pupil", ""}, {"parent_uuid", nullptr},
         {"created_at_ms", 1'900'000'000'000}, {"updated_at_ms", 1'900'000'000'000}, {"version", 1}, {"deleted", false},
         {"tags", json::array()}};
  const Change comment = must(sign_change("comment", kSession, "Nina Newcomer", nina.secret_key, d));
  const Change bind = w.sign("key", "Fran Facilitator", json{{"person", "Nina Newcomer"}, {"key", crypto::to_base64(nina.public_key)}});
  Dir dir;
  Reader r(dir.path / "r.triad");
  auto first = r.import(bundle_text(w, {comment}));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->pending, 1);
  EXPECT_EQ(first->refused_waiting, 0);
  const std::string before = r.dump();

  auto second = r.import(bundle_text(w, {bind}));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->refused_waiting, 1);
  ASSERT_EQ(second->warnings.size(), 1u);
  EXPECT_NE(second->warnings[0].find("waiting comment change signed by Nina Newcomer"), std::string::npos) << second->warnings[0];
  EXPECT_NE(second->warnings[0].find("without taking part in the session"), std::string::npos) << second->warnings[0];
  EXPECT_EQ(count_lines(r.dump(), "comment"), count_lines(before, "comment")) << "the refused change is not applied";
  EXPECT_EQ(must(store::list_changes(r.lib, kSession, true)).size(), 1u) << "it keeps waiting";
}

}  // namespace
}  // namespace triad::exchange
