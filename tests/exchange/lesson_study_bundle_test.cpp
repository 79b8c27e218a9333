// Lesson Study in signed bundles: the case (pupils and phases) and predictions travel as
// signed changes under the same rules as every other change (exchange/BUNDLE_FORMAT.md):
// a facilitator's case and an observer's prediction reach the other libraries and converge;
// an edited, forged or unauthorised one is refused with nothing written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <nlohmann/json.hpp>

#include "core/framework.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/bundle.hpp"
#include "exchange/flat_io.hpp"
#include "exchange/report.hpp"
#include "store/lesson_study.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using store::Library;
using test::must;

constexpr const char* kSession = "1e550000-0000-4000-8000-0000000000b1";

struct Dir {
  fs::path path = fs::temp_directory_path() / ("triad-ls-bundle-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  Dir() { fs::create_directories(path); }
  ~Dir() { fs::remove_all(path); }
  static inline int n = 0;
};

struct Laptop {
  Library lib;
  std::string me;
  RowId me_id = 0;
  crypto::KeyPair key;
  Laptop(const fs::path& file, std::string name)
      : lib(must(Library::open(file))), me(std::move(name)), key(must(crypto::generate_key_pair())) {
    me_id = must(lib.add_person(me)).id;
    must(store::bind_person_key(lib, me_id, crypto::to_base64(key.public_key), 1));
  }
  RowId session() { return must(lib.find_session_by_uuid(kSession))->id; }
  std::string export_bundle() {
    auto r = exchange::export_bundle(lib, session(), Audience::Triad, me_id, key.secret_key, 1773500000000);
    if (!r) throw std::runtime_error(r.error().message);
    return r->text;
  }
  Result<ImportReport> import(const std::string& text) {
    auto b = parse_bundle(text, "ls.triad-bundle");
    if (!b) return b.error();
    return import_bundle(lib, *b, me_id, false, "ls.triad-bundle");
  }
  void predict(const std::string& pupil, const std::string& phase, const std::string& text, std::int64_t at_ms) {
    Prediction p;
    p.session_id = session();
    p.author_id = me_id;
    p.pupil = pupil;
    p.phase = phase;
    p.text = text;
    p.created_at_ms = p.updated_at_ms = at_ms;
    must(store::put_prediction(lib, p));
  }
};

struct Triad {
  Dir dir;
  Laptop fran{dir.path / "fran.triad", "Fran Facilitator"};
  Laptop olly{dir.path / "olly.triad", "Olly Observer"};
  Laptop oona{dir.path / "oona.triad", "Oona Observer"};

  // Fran sets up a Lesson Study session with two case pupils and three phases, shares it,
  // and Olly predicts for Pupil A; the facilitator's library holds Olly's prediction.
  std::string olly_bundle;
  void set_up() {
    Session s;
    s.uuid = kSession;
    s.title = "Y5 fractions research lesson";
    s.created_at_ms = 1773400000000;
    const RowId sid = must(fran.lib.add_session(s)).id;
    must(store::add_participant(fran.lib, sid, fran.me_id, Role::Facilitator));
    must(store::add_participant(fran.lib, sid, must(fran.lib.add_person("Olly Observer")).id, Role::Observer));
    must(store::add_participant(fran.lib, sid, must(fran.lib.add_person("Oona Observer")).id, Role::Observer));
    LessonStudyCase c;
    c.session_id = sid;
    c.pupils = {{"Pupil A", "quiet, confident with number bonds"}, {"Pupil B", "often first to answer"}};
    c.phases = {{"Starter", 0}, {"Main task", 600'000'000}, {"Plenary", 2'400'000'000}};
    c.updated_at_ms = 1773400001000;
    c.updated_by = fran.me_id;
    must(store::put_case(fran.lib, c));
    const std::string setup = fran.export_bundle();
    auto o = olly.import(setup);
    ASSERT_TRUE(o) << o.error().message;
    ASSERT_TRUE(oona.import(setup));
    olly.predict("Pupil A", "Main task", "Will wait for a partner before starting.", 1773400002000);
    olly_bundle = olly.export_bundle();
    auto f = fran.import(olly_bundle);
    ASSERT_TRUE(f) << f.error().message;
  }
};

json change_of(json& doc, const char* kind) {
  for (auto& c : doc["changes"])
    if (c["kind"] == kind) return c;
  return nullptr;
}

// `text` imported into `l` is refused with `words`, and nothing is written.
void expect_refused(Laptop& l, const std::string& text, const std::string& words) {
  const std::string before = must(l.lib.dump());
  auto r = l.import(text);
  ASSERT_FALSE(r) << "imported: " << text.substr(0, 300);
  EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
  EXPECT_EQ(must(l.lib.dump()), before);
}

TEST(LessonStudyBundle_RoundTrip, CaseAndPredictionsTravelSignedAndConverge) {
  Triad t;
  t.set_up();
  // The case reached the observers exactly.
  auto olly_case = must(store::get_case(t.olly.lib, t.olly.session()));
  ASSERT_EQ(olly_case.pupils.size(), 2u);
  EXPECT_EQ(olly_case.pupils[0].description, "quiet, confident with number bonds");
  ASSERT_EQ(olly_case.phases.size(), 3u);
  EXPECT_EQ(olly_case.phases[1].start_us, 600'000'000);
  EXPECT_EQ(olly_case.updated_at_ms, 1773400001000);
  // Olly's prediction reached the facilitator, signed by Olly.
  auto at_fran = must(store::list_predictions(t.fran.lib, t.fran.session()));
  ASSERT_EQ(at_fran.size(), 1u);
  EXPECT_EQ(at_fran[0].text, "Will wait for a partner before starting.");
  EXPECT_EQ(at_fran[0].author_id, must(t.fran.lib.find_person("Olly Observer"))->id);
  json doc = json::parse(t.olly_bundle);
  json p = change_of(doc, "prediction");
  ASSERT_FALSE(p.is_null()) << "no prediction change in the bundle";
  EXPECT_EQ(p["signer"], "Olly Observer");
  // Forwarded by the facilitator to Oona, with Olly's signature; everyone converges.
  t.oona.predict("Pupil B", "Starter", "Will answer before anyone else.", 1773400003000);
  auto from_oona = t.fran.import(t.oona.export_bundle());  // Fran binds Oona's key at her first signed change
  ASSERT_TRUE(from_oona) << from_oona.error().message;
  EXPECT_EQ(from_oona->applied_by_kind["prediction"], 1);  // what the Import summary says besides comments
  EXPECT_EQ(from_oona->applied_by_kind.count("case"), 0u);  // Fran's own case, unchanged
  ASSERT_TRUE(t.oona.import(t.fran.export_bundle()));
  EXPECT_EQ(must(store::list_predictions(t.oona.lib, t.oona.session())).size(), 2u);
  ASSERT_TRUE(t.olly.import(t.fran.export_bundle()));
  EXPECT_EQ(must(t.olly.lib.dump()), must(t.fran.lib.dump()));
  EXPECT_EQ(must(t.oona.lib.dump()), must(t.fran.lib.dump()));
  // A later edit of the case by the facilitator wins everywhere; importing one's own
  // bundle changes nothing.
  LessonStudyCase c = must(store::get_case(t.fran.lib, t.fran.session()));
  c.pupils.push_back({"Pupil C", "new to the school"});
  c.updated_at_ms += 10;
  must(store::put_case(t.fran.lib, c));
  const std::string before = must(t.fran.lib.dump());
  ASSERT_TRUE(t.fran.import(t.fran.export_bundle()));
  EXPECT_EQ(must(t.fran.lib.dump()), before);
  ASSERT_TRUE(t.olly.import(t.fran.export_bundle()));
  EXPECT_EQ(must(store::get_case(t.olly.lib, t.olly.session())).pupils.size(), 3u);
  // An older copy arriving later loses the merge.
  ASSERT_TRUE(t.olly.import(t.olly_bundle));
  EXPECT_EQ(must(store::get_case(t.olly.lib, t.olly.session())).pupils.size(), 3u);
}

TEST(LessonStudyBundle_Hostile, PredictionEditedAfterSigningChangesNothing) {
  Triad t;
  t.set_up();
  json doc = json::parse(t.olly_bundle);
  for (auto& c : doc["changes"])
    if (c["kind"] == "prediction") c["data"]["text"] = "Will misbehave.";
  expect_refused(t.fran, doc.dump(), "changed after it was signed");
  expect_refused(t.oona, doc.dump(), "changed after it was signed");
}

TEST(LessonStudyBundle_Hostile, PredictionInAnotherPersonsNameChangesNothing) {
  Triad t;
  t.set_up();
  json doc = json::parse(t.olly_bundle);
  json data = change_of(doc, "prediction")["data"];
  data["text"] = "Oona's words as Olly's prediction";
  data["updated_at_ms"] = 1773400009000;
  auto forged = must(sign_change("prediction", kSession, "Oona Observer", t.oona.key.secret_key, data));
  doc["changes"] = json::array({doc["changes"][0], change_to_json(forged)});
  expect_refused(t.fran, doc.dump(), "in Olly Observer's name");
  // Signed as Olly with Oona's key.
  auto as_olly = must(sign_change("prediction", kSession, "Olly Observer", t.oona.key.secret_key, data));
  doc["changes"] = json::array({doc["changes"][0], change_to_json(as_olly)});
  expect_refused(t.fran, doc.dump(), "carries a different key from Olly Observer's");
}

TEST(LessonStudyBundle_Hostile, ObserverCannotChangeTheCase) {
  Triad t;
  t.set_up();
  json doc = json::parse(t.olly_bundle);
  json fran_doc = json::parse(t.fran.export_bundle());
  json c = change_of(fran_doc, "case");
  ASSERT_FALSE(c.is_null());
  json data = c["data"];
  data["pupils"] = json::array({json{{"code", "Pupil A"}, {"description", "replaced by Olly"}}});
  data["by"] = "Olly Observer";
  data["updated_at_ms"] = 1773400009000;
  auto forged = must(sign_change("case", kSession, "Olly Observer", t.olly.key.secret_key, data));
  doc["changes"] = json::array({doc["changes"][0], change_to_json(forged)});
  expect_refused(t.fran, doc.dump(), "tried to change the Lesson Study case pupils or phases, which only the session's facilitator or teacher may");
  ASSERT_TRUE(t.oona.import(t.fran.export_bundle()));  // Oona learns Olly's key from the roster
  expect_refused(t.oona, doc.dump(), "only the session's facilitator or teacher may");
}

TEST(LessonStudyBundle_Hostile, ACaseNamingAPupilIsRefusedEvenFromTheFacilitator) {
  Triad t;
  t.set_up();
  json doc = json::parse(t.fran.export_bundle());
  json data = change_of(doc, "case")["data"];
  data["pupils"] = json::array({json{{"code", "Emma Smith"}, {"description", ""}}});
  data["updated_at_ms"] = 1773400009000;
  auto named = must(sign_change("case", kSession, "Fran Facilitator", t.fran.key.secret_key, data));
  for (auto& ch : doc["changes"])
    if (ch["kind"] == "case") ch = change_to_json(named);
  const std::string before = must(t.olly.lib.dump());
  auto r = t.olly.import(doc.dump());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("never named"), std::string::npos) << r.error().message;
  EXPECT_EQ(must(t.olly.lib.dump()), before);
}

// The merge laws with Lesson Study in them: the facilitator's case and a later edit of it,
// and an observer's prediction that waits for his key, imported in every order into a
// fresh library, end in the same `triad dump`.
TEST(LessonStudyBundle_Merge, AnyImportOrderGivesTheSameLibrary) {
  Triad t;
  t.set_up();
  const std::string first = t.fran.export_bundle();  // case v1, Olly's prediction, Olly's key
  LessonStudyCase c = must(store::get_case(t.fran.lib, t.fran.session()));
  c.pupils.push_back({"Pupil C", "new to the school"});
  c.phases.erase(c.phases.begin() + 2);
  c.updated_at_ms += 60'000;
  must(store::put_case(t.fran.lib, c));
  const std::string later = t.fran.export_bundle();  // case v2
  t.olly.predict("Pupil B", "Starter", "Will shout out the answer.", 1773400004000);
  const std::string from_olly = t.olly.export_bundle();  // case v1 forwarded, two predictions
  std::vector<std::string> bundles = {first, later, from_olly};
  std::vector<int> order = {0, 1, 2};
  std::optional<std::string> expected;
  int n = 0;
  do {
    Laptop reader(t.dir.path / ("reader-" + std::to_string(n++) + ".triad"), "Oona Observer");
    for (int i : order) {
      auto r = reader.import(bundles[i]);
      ASSERT_TRUE(r) << r.error().message;
    }
    // Each reader is a new laptop with its own key for Oona: that line alone may differ.
    std::string dump = must(reader.lib.dump());
    const auto own = dump.find("key {\"person\":\"Oona Observer\"");
    ASSERT_NE(own, std::string::npos);
    dump.erase(own, dump.find('\n', own) + 1 - own);
    EXPECT_NE(dump.find("Pupil C"), std::string::npos) << "the later case wins";
    EXPECT_NE(dump.find("Will shout out the answer."), std::string::npos) << "the waiting prediction applied";
    if (!expected) expected = dump;
    else EXPECT_EQ(dump, *expected) << "order " << order[0] << order[1] << order[2];
  } while (std::next_permutation(order.begin(), order.end()));
}

// A flat file's pupils follow the case as the window's and the CLI's comments do: a pupil
// the case does not follow is refused, and nothing is written.
// Predictions are written before watching (core check_prediction_timing), on import too: one
// whose last edit comes after its author's first comment on the session is not applied,
// whichever order the prediction and the comment arrive in (a comment arriving later removes
// it), and the bundle's other changes apply. Olly's library writes one past the app's check.
TEST(LessonStudyBundle_Merge, APredictionMadeAfterWatchingIsNotAppliedInAnyOrder) {
  Triad t;
  t.set_up();
  ASSERT_TRUE(t.oona.import(t.fran.export_bundle()));  // Olly's key, bound by the facilitator
  Comment c;
  c.session_id = t.olly.session();
  c.author_id = t.olly.me_id;
  c.start_us = 700'000'000;
  c.kind = "note";
  c.text = "Pupil B waited for a partner";
  c.visibility = Visibility::Triad;
  const Comment watched = must(t.olly.lib.add_comment(c));
  t.olly.predict("Pupil B", "Plenary", "Will explain the method.", watched.created_at_ms + 1000);
  const std::string both = t.olly.export_bundle();
  json doc = json::parse(both);
  json only_prediction = doc, only_comment = doc;
  only_prediction["changes"] = json::array();
  only_comment["changes"] = json::array();
  for (auto& ch : doc["changes"]) {
    if (ch["kind"] != "comment") only_prediction["changes"].push_back(ch);
    if (ch["kind"] != "prediction") only_comment["changes"].push_back(ch);
  }
  const std::string late = "Olly Observer's prediction for Pupil B in Plenary was made after their first comment on the "
                           "session, so it was not applied (predictions are written before watching)";
  auto said = [](const ImportReport& r, const std::string& words) {
    return std::count(r.warnings.begin(), r.warnings.end(), words) == 1;
  };
  const std::string roster = t.fran.export_bundle();  // before Olly's comment reaches her
  // One bundle holding both, at the facilitator's.
  auto at_fran = t.fran.import(both);
  ASSERT_TRUE(at_fran) << at_fran.error().message;
  EXPECT_TRUE(said(*at_fran, late));
  auto preds = must(store::list_predictions(t.fran.lib, t.fran.session()));
  ASSERT_EQ(preds.size(), 1u);
  EXPECT_EQ(preds[0].pupil, "Pupil A") << "the prediction made before watching stays";
  // Two bundles, both orders, in two fresh copies of Oona's library.
  Laptop rita(t.dir.path / "rita.triad", "Rita Reader"), sam(t.dir.path / "sam.triad", "Rita Reader");
  for (Laptop* l : {&rita, &sam}) ASSERT_TRUE(l->import(roster));
  auto r1 = rita.import(only_prediction.dump());
  ASSERT_TRUE(r1) << r1.error().message;
  EXPECT_EQ(must(store::list_predictions(rita.lib, rita.session())).size(), 2u) << "not known yet to come after a comment";
  auto r2 = rita.import(only_comment.dump());
  ASSERT_TRUE(r2) << r2.error().message;
  EXPECT_TRUE(said(*r2, "Olly Observer's prediction for Pupil B in Plenary was removed: it was made after their first "
                        "comment on the session, which arrived now (predictions are written before watching)"));
  auto s1 = sam.import(only_comment.dump());
  ASSERT_TRUE(s1) << s1.error().message;
  auto s2 = sam.import(only_prediction.dump());
  ASSERT_TRUE(s2) << s2.error().message;
  EXPECT_TRUE(said(*s2, late)) << (s2->warnings.empty() ? "" : s2->warnings[0]);
  EXPECT_EQ(must(store::list_predictions(rita.lib, rita.session())).size(), 1u);
  auto shared = [](Laptop& l) {  // the dump without the reader's own key (each copy made its own)
    std::string out, line;
    std::istringstream in(must(l.lib.dump()));
    while (std::getline(in, line))
      if (line.find("\"Rita Reader\",\"public_key\"") == std::string::npos) out += line + "\n";
    return out;
  };
  EXPECT_EQ(shared(rita), shared(sam)) << "the order the bundles arrived in decided";
  const std::string before = must(sam.lib.dump());
  ASSERT_TRUE(sam.import(both));
  EXPECT_TRUE(must(sam.lib.dump()) == before) << "importing again changes nothing";
}

TEST(LessonStudyFlatImport, PupilsMustBeTheCasesPupils) {
  Triad t;
  t.set_up();
  const std::string csv =
      "start,author,kind,text,pupil\n"
      "700,Fran Facilitator,note,Started alone,Pupil A\n"
      "710,Fran Facilitator,note,Asked for help,Pupil C\n";
  must(store::import_framework(t.fran.lib, must(framework_from_json(test::slurp(fs::path(TRIAD_SOURCE_DIR) /
                                                                                "assets/frameworks/jpd-peer-observation.json"),
                                                                    "jpd-peer-observation"))));
  auto set = must(parse_flat(csv, FlatFormat::Csv, "notes.csv"));
  FlatImportOptions options;
  options.source = "notes.csv";
  const std::string before = must(t.fran.lib.dump());
  auto refused = import_flat(t.fran.lib, t.fran.session(), set, t.fran.me_id, 1, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("case-study pupils (Pupil A, Pupil B)"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(must(t.fran.lib.dump()), before);
  set.comments.pop_back();
  auto ok = import_flat(t.fran.lib, t.fran.session(), set, t.fran.me_id, 1, options);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->added, 1);
}

TEST(LessonStudyReport, PredictedVsObservedSectionPutsPredictionsBesideThePupilsComments) {
  Triad t;
  t.set_up();
  // Olly's prediction reached Fran; Fran comments on Pupil A in the main task.
  Comment c;
  c.session_id = t.fran.session();
  c.author_id = t.fran.me_id;
  c.start_us = 700'000'000;
  c.kind = "note";
  c.pupil = "Pupil A";
  c.text = "Started alone, no partner";
  c.visibility = Visibility::Triad;
  must(t.fran.lib.add_comment(c));
  ReportOptions opt;
  opt.session_id = t.fran.session();
  opt.viewer_id = t.fran.me_id;
  const std::string html = must(build_report(t.fran.lib, opt));
  const auto section = html.find("<h2>Lesson Study: predicted vs observed</h2>");
  ASSERT_NE(section, std::string::npos) << html.substr(0, 400);
  const auto end = html.find("</table>", section);
  const std::string table = html.substr(section, end - section);
  EXPECT_NE(table.find("quiet, confident with number bonds"), std::string::npos) << table;
  EXPECT_NE(table.find("<th>Main task"), std::string::npos) << table;
  // In Pupil A's row, the main task's cell holds Olly's prediction and then Fran's observation.
  const auto predicted = table.find("<b>Predicted</b> (Olly Observer): Will wait for a partner before starting.");
  const auto observed = table.find("<b>Observed</b> 11:40 (Fran Facilitator): Started alone, no partner");
  ASSERT_NE(predicted, std::string::npos) << table;
  ASSERT_NE(observed, std::string::npos) << table;
  EXPECT_LT(predicted, observed);
  EXPECT_LT(table.find("Pupil A"), predicted);
  EXPECT_GT(table.find("Pupil B"), observed) << "Pupil B's row comes after Pupil A's";
}

}  // namespace
}  // namespace triad::exchange
