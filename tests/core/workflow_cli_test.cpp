// End-to-end: the `triad` CLI's workflow commands on a library file set up through the
// store API (sessions, people and comments belong to other areas' commands).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <map>
#include <sstream>

#include "base/uuid.hpp"
#include "store/workflow.hpp"

using namespace triad;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct CliRun {
  int code = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

class WorkflowCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("triad-wf-cli-" + new_uuid());
    fs::create_directories(dir);
    db = dir / "lib.triad";
    binary = fs::path(TRIAD_BINARY_DIR) / "src" / "cli" / "triad";
    ASSERT_TRUE(fs::exists(binary)) << binary;
    auto lib = store::Library::open(db);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    for (const char* name : {"Jo", "Sam", "Alex", "Chris", "Pat"}) ASSERT_TRUE(lib->add_person(name).ok());
    Session s;
    s.title = "Y8 fractions";
    s.date = "2026-03-14";
    s.cycle = "fractions";
    s.cycle_position = 1;
    ASSERT_TRUE(lib->add_session(s).ok());
    s.title = "Y8 fractions 2";
    s.cycle_position = 2;
    ASSERT_TRUE(lib->add_session(s).ok());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  CliRun cli(const std::string& args) {
    std::string cmd = quote(binary.string()) + " --db " + quote(db.string()) + " " + args + " >" +
                      quote((dir / "out").string()) + " 2>" + quote((dir / "err").string());
    int status = std::system(cmd.c_str());
    CliRun r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir / "out");
    r.err = slurp(dir / "err");
    return r;
  }
  void ok(const std::string& args) {
    auto r = cli(args);
    ASSERT_EQ(r.code, 0) << args << "\n" << r.err << r.out;
  }

  // Comments go in through the store with the workflow rules (the comment command is
  // another area's); returns the uuid.
  std::string comment(const char* who, TimeUs at, std::optional<Visibility> vis = std::nullopt, RowId session = 1) {
    auto lib = store::Library::open(db);
    EXPECT_TRUE(lib.ok());
    Comment c;
    c.session_id = session;
    c.author_id = lib->resolve_person(who)->id;
    c.start_us = at;
    c.kind = "note";
    c.text = std::string("seen by ") + who;
    auto added = store::add_checked_comment(*lib, c, vis);
    EXPECT_TRUE(added.ok()) << added.error().message;
    return added.ok() ? added->uuid : std::string{};
  }

  void triad_of_observers() {
    ok("--as Pat participant add --session 1 --person Jo --role teacher");
    // Once the session has a teacher, only the teacher or a facilitator adds people.
    ok("--as Jo participant add --session 1 --person Sam --role observer");
    ok("--as Jo participant add --session 1 --person Alex --role observer");
    ok("--as Jo participant add --session 1 --person Chris --role mentor");
    ok("--as Jo participant add --session 1 --person Pat --role facilitator");
  }

  fs::path dir, db, binary;
};

}  // namespace

TEST_F(WorkflowCli, AgendaGroupsTheIssueExampleAndHidesPrivateComments) {
  triad_of_observers();
  ok("--as Pat protocol set --session 1 --focus 'Wait time after questions'");
  std::string a = comment("Sam", 10'000'000);
  std::string b = comment("Alex", 11'500'000);
  comment("Chris", 40'000'000);
  std::string secret = comment("Alex", 10'500'000, Visibility::Private);

  auto r = cli("--as Sam --json meeting agenda --session 1 --window 3");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = json::parse(r.out);
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_TRUE(j["items"][0]["shared"].get<bool>());
  EXPECT_EQ(j["items"][0]["authors"], (json{"Sam", "Alex"}));
  EXPECT_EQ(j["items"][0]["loop_start_us"], 7'000'000);
  EXPECT_FALSE(j["items"][1]["shared"].get<bool>());
  EXPECT_EQ(r.out.find(secret), std::string::npos);  // never listed for another person

  auto alex = cli("--as Alex meeting agenda --session 1 --window 3");
  ASSERT_EQ(alex.code, 0) << alex.err;
  EXPECT_NE(alex.out.find(secret), std::string::npos);  // the author sees it
  EXPECT_NE(alex.out.find("[2 people]"), std::string::npos);

  // Replies thread under the comment they answer.
  ok("--as Jo reply --to " + a + " --text 'I will count to five'");
  auto with_reply = json::parse(cli("--as Sam --json meeting agenda --session 1 --window 3").out);
  auto& first = with_reply["items"][0]["comments"][0];
  EXPECT_EQ(first["uuid"], a);
  ASSERT_EQ(first["replies"].size(), 1u);
  EXPECT_EQ(first["replies"][0]["text"], "I will count to five");
  EXPECT_EQ(first["replies"][0]["author"], "Jo");
  auto hidden_reply = cli("--as Jo reply --to " + secret + " --text 'what is this?'");
  EXPECT_EQ(hidden_reply.code, 1);
  EXPECT_NE(hidden_reply.err.find("No comment with uuid"), std::string::npos);
}

TEST_F(WorkflowCli, BlindReviewThenRevealThroughTheCli) {
  triad_of_observers();
  ok("--as Pat protocol set --session 1 --blind on");
  comment("Sam", 10'000'000);
  comment("Alex", 11'000'000);
  comment("Chris", 12'000'000);
  comment("Jo", 13'000'000, Visibility::Triad);

  auto before = json::parse(cli("--as Sam --json meeting agenda --session 1").out);
  ASSERT_EQ(before["items"].size(), 1u);
  EXPECT_EQ(before["items"][0]["comments"].size(), 1u);  // only Sam's own

  auto early = cli("--as Sam review reveal --session 1");
  EXPECT_EQ(early.code, 1);
  EXPECT_NE(early.err.find("Only a facilitator"), std::string::npos) << early.err;

  for (const char* who : {"Sam", "Alex", "Chris"}) ok(std::string("--as ") + who + " review submit --session 1");
  auto last = cli("--as Jo review submit --session 1");
  ASSERT_EQ(last.code, 0) << last.err;
  EXPECT_NE(last.out.find("revealed"), std::string::npos);

  auto after = json::parse(cli("--as Sam --json meeting agenda --session 1").out);
  ASSERT_EQ(after["items"].size(), 1u);
  EXPECT_EQ(after["items"][0]["comments"].size(), 4u);
  auto shown = json::parse(cli("--as Pat --json protocol show --session 1").out);
  EXPECT_EQ(shown["reveal"]["by"], "Jo");
  EXPECT_TRUE(shown["reveal"]["automatic"].get<bool>());
  EXPECT_EQ(shown["submissions"].size(), 4u);
}

TEST_F(WorkflowCli, BadInputIsOneLineAndChangesNothing) {
  triad_of_observers();
  for (const char* bad : {"--as Pat protocol set --session 1 --visibility secret",
                          "--as Pat protocol set --session 1 --stem 'Bad Code=x'",
                          "--as Pat protocol set --session 1 --require nosuchstem",
                          "--as Pat protocol set --session 1 --framework no-such-framework",
                          "--as Pat protocol set --session 1 --retention 2026-13-01",
                          "--as Pat protocol set --session 99 --blind on"}) {
    auto r = cli(bad);
    EXPECT_EQ(r.code, 1) << bad << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("triad: ", 0), 0u) << r.err;
  }
  EXPECT_EQ(cli("--as Pat protocol set --session 1 --blind maybe").code, 2);
  // A refused protocol leaves no shipped framework imported behind it.
  // (The library's owner, acting without --as, is not a participant: refused by set_protocol
  // after the shipped framework was read.)
  auto outsider = cli("protocol set --session 1 --framework lesson-study");
  EXPECT_EQ(outsider.code, 1);
  EXPECT_NE(outsider.err.find("not a participant"), std::string::npos) << outsider.err;
  {
    auto lib = store::Library::open(db);
    ASSERT_TRUE(lib.ok());
    EXPECT_FALSE(lib->find_framework("lesson-study")->has_value());
  }
  auto shown = json::parse(cli("--json protocol show --session 1").out);
  EXPECT_TRUE(shown["is_default"].get<bool>());
  EXPECT_FALSE(shown["blind_review"].get<bool>());

  auto role = cli("participant add --session 1 --person Jo --role wizard");
  EXPECT_EQ(role.code, 1);
  EXPECT_NE(role.err.find("wizard"), std::string::npos);
  auto twice = cli("participant add --session 1 --person Jo --role observer");
  EXPECT_EQ(twice.code, 1);
  auto people = json::parse(cli("--json participant list --session 1").out);
  EXPECT_EQ(people.size(), 5u);
  EXPECT_EQ(people[0]["role"], "teacher");
  EXPECT_EQ(cli("--as Nobody protocol show --session 1").code, 1);
}

TEST_F(WorkflowCli, FrameworkExportEditImportRoundTrip) {
  auto exported = cli("framework export lesson-study -o " + quote((dir / "ls.json").string()));
  ASSERT_EQ(exported.code, 0) << exported.err;
  std::string text = slurp(dir / "ls.json");
  auto j = json::parse(text);
  EXPECT_EQ(j["pupils"], (json{"Pupil A", "Pupil B", "Pupil C"}));
  j["code"] = "our-lesson-study";
  j["name"] = "Our lesson study";
  std::ofstream(dir / "ours.json") << j.dump(2);
  ok("framework import " + quote((dir / "ours.json").string()));
  auto again = cli("framework import " + quote((dir / "ours.json").string()));
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("already has a framework"), std::string::npos);
  std::ofstream(dir / "broken.json") << R"({"format":"triad-framework","version":1,"code":"x","name":"X",
    "tags":[{"code":"a","label":"A","color":"#000000"}]})";
  auto broken = cli("framework import " + quote((dir / "broken.json").string()));
  EXPECT_EQ(broken.code, 1);
  EXPECT_NE(broken.err.find("broken.json"), std::string::npos);
  EXPECT_NE(broken.err.find("'color'"), std::string::npos);

  auto list = json::parse(cli("--json framework list").out);
  bool found = false;
  for (const auto& f : list)
    if (f["code"] == "our-lesson-study") {
      found = true;
      EXPECT_EQ(f["source"], "library");
      EXPECT_EQ(f["pupils"].size(), 3u);
    }
  EXPECT_TRUE(found);
  auto back = cli("framework export our-lesson-study");
  ASSERT_EQ(back.code, 0);
  EXPECT_EQ(json::parse(back.out)["tags"], json::parse(text)["tags"]);
}

TEST_F(WorkflowCli, ActionsCarriedIntoTheNextLessonOfTheCycle) {
  triad_of_observers();
  ok("--as Pat participant add --session 2 --person Pat --role facilitator");
  ok("--as Pat participant add --session 2 --person Jo --role teacher");
  ok("--as Pat protocol set --session 1 --framework lesson-study --focus 'Do pupils explain?' --require try");
  auto add = cli("--as Pat --json action add --session 1 --text 'Pause three seconds after questions' --owner Jo");
  ASSERT_EQ(add.code, 0) << add.err;
  RowId id = json::parse(add.out)["id"].get<RowId>();
  EXPECT_EQ(cli("--as Pat action add --session 1 --text '   '").code, 1);
  EXPECT_EQ(cli("--as Pat action add --session 1 --text x --owner Nobody").code, 1);

  auto shown = json::parse(cli("--as Jo --json protocol show --session 2").out);
  EXPECT_EQ(shown["inherited_from_session"], 1);
  EXPECT_EQ(shown["framework"], "lesson-study");
  EXPECT_EQ(shown["focus_questions"], json{"Do pupils explain?"});
  ASSERT_EQ(shown["carried_actions"].size(), 1u);
  EXPECT_EQ(shown["carried_actions"][0]["text"], "Pause three seconds after questions");
  auto text = cli("--as Jo protocol show --session 2");
  EXPECT_NE(text.out.find("Carried from earlier lessons"), std::string::npos);
  EXPECT_NE(text.out.find("Reviewing as: Jo (Teacher (observed))"), std::string::npos);
  auto list = cli("action list --session 2");
  EXPECT_NE(list.out.find("carried from session 1"), std::string::npos);

  ok("--as Jo action done " + std::to_string(id));
  auto after = json::parse(cli("--json protocol show --session 2").out);
  EXPECT_TRUE(after["carried_actions"].empty());
}

TEST_F(WorkflowCli, ReviewTimeShownPerPerson) {
  triad_of_observers();
  ok("--as Sam review log --session 1 --duration 25:00");
  ok("--as Alex review log --session 1 --duration 90");
  EXPECT_EQ(cli("--as Sam review log --session 1 --duration 0").code, 1);
  auto t = json::parse(cli("--json review time --session 1").out);
  EXPECT_EQ(t["total_ms"], 25 * 60'000 + 90'000);
  auto shown = cli("protocol show --session 1");
  EXPECT_NE(shown.out.find("Sam - Observer, review time 25 min 00 s"), std::string::npos) << shown.out;
}

TEST_F(WorkflowCli, ParticipantRemoveAndRoleActAsTheGivenPerson) {
  triad_of_observers();
  ok("--as Pat protocol set --session 1 --framework jpd-peer-observation");
  std::string sams = comment("Sam", seconds_us(7));
  auto roles = [&] {
    std::map<std::string, std::string> out;
    for (const auto& p : json::parse(cli("--json participant list --session 1").out))
      out[p["person"].get<std::string>()] = p["role"].get<std::string>();
    return out;
  };
  const auto before = roles();

  // An observer may not; the refusal is one line, exit 1, and changes nothing.
  for (const char* bad : {"--as Alex participant remove --session 1 --person Sam",
                          "--as Alex participant role --session 1 --person Sam --role mentor",
                          "--as Pat participant role --session 1 --person Sam --role wizard",
                          "--as Pat participant remove --session 1 --person Nobody",
                          "--as Pat participant remove --session 9 --person Sam"}) {
    auto r = cli(bad);
    EXPECT_EQ(r.code, 1) << bad << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("triad: ", 0), 0u) << r.err;
  }
  EXPECT_EQ(roles(), before);
  EXPECT_EQ(cli("--as Pat participant remove --session 1").code, 2);  // --person is required

  // The facilitator changes a role; the observed teacher removes someone.
  auto changed = cli("--as Pat --json participant role --session 1 --person Alex --role mentor");
  ASSERT_EQ(changed.code, 0) << changed.err;
  EXPECT_EQ(json::parse(changed.out)["role"], "mentor");
  auto removed = cli("--as Jo participant remove --session 1 --person Sam");
  ASSERT_EQ(removed.code, 0) << removed.err;
  EXPECT_NE(removed.out.find("their comments stay"), std::string::npos) << removed.out;
  auto now = roles();
  EXPECT_EQ(now.count("Sam"), 0u);
  EXPECT_EQ(now["Alex"], "mentor");
  // Sam's comment is still in the library.
  auto lib = store::Library::open(db);
  ASSERT_TRUE(lib.ok());
  auto kept = lib->find_comment_by_uuid(sams);
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_FALSE((*kept)->deleted);
}

namespace {

// Roles cannot be forged or self-granted from the CLI (app/session_rules.hpp
// may_set_up_session): an observer cannot hand out the facilitator role, make himself
// facilitator or the observed teacher, or change the protocol. Each refusal is one exact
// sentence, exit 1, and `triad dump` is byte for byte what it was.
class WorkflowCliRoles : public WorkflowCli {};

TEST_F(WorkflowCliRoles, AnObserverCannotGrantRolesBecomeTheTeacherOrChangeTheProtocol) {
  triad_of_observers();
  ok("--as Pat protocol set --session 1 --blind on");
  {
    auto lib = store::Library::open(db);
    ASSERT_TRUE(lib.ok());
    ASSERT_TRUE(lib->add_person("Kim").ok());
  }
  const std::string before = cli("dump").out;
  ASSERT_FALSE(before.empty());
  const std::map<std::string, std::string> refusals = {
      {"--as Alex participant add --session 1 --person Kim --role facilitator",
       "triad: Alex (Observer) cannot add Kim as Facilitator in session 'Y8 fractions': only its facilitator or "
       "observed teacher may.\n"},
      {"--as Alex participant role --session 1 --person Alex --role facilitator",
       "triad: Alex (Observer) cannot make Alex Facilitator in session 'Y8 fractions': only its facilitator or observed "
       "teacher may.\n"},
      {"--as Alex participant role --session 1 --person Pat --role observer",
       "triad: Alex (Observer) cannot make Pat Observer in session 'Y8 fractions': only its facilitator or observed "
       "teacher may.\n"},
      {"--as Alex session edit 1 --teacher Alex",
       "triad: Alex (Observer) cannot make Alex the observed teacher in session 'Y8 fractions': only its facilitator or "
       "observed teacher may.\n"},
      {"--as Alex session edit 1 --title Renamed --date 2026-01-01",
       "triad: Alex (Observer) cannot change the session's details in session 'Y8 fractions': only its facilitator "
       "or observed teacher may.\n"},
      {"--as Alex session edit 1 --focus \"Wait time\"",
       "triad: Alex (Observer) cannot change the session's details in session 'Y8 fractions': only its facilitator "
       "or observed teacher may.\n"},
      {"--as Alex protocol set --session 1 --blind off",
       "triad: Alex (Observer) cannot change the protocol in session 'Y8 fractions': only its facilitator or observed "
       "teacher may.\n"},
      {"--as Kim participant add --session 1 --person Kim --role teacher",
       "triad: Kim (not a participant) cannot add Kim as Teacher (observed) in session 'Y8 fractions': only its "
       "facilitator or observed teacher may.\n"},
  };
  for (const auto& [args, sentence] : refusals) {
    auto r = cli(args);
    EXPECT_EQ(r.code, 1) << args;
    EXPECT_EQ(r.err, sentence) << args;
    EXPECT_EQ(cli("dump").out, before) << args;
  }
  // The facilitator and the observed teacher may.
  ok("--as Pat participant add --session 1 --person Kim --role observer");
  ok("--as Jo session edit 1 --teacher Jo");
  ok("--as Pat session edit 1 --focus \"Wait time\"");
}

// A session with participants but no facilitator or teacher lets staff fix it, but nobody
// gives themselves the leader's place.
TEST_F(WorkflowCliRoles, InALeaderlessSessionNobodyPromotesThemselves) {
  ok("--as Sam participant add --session 2 --person Sam --role observer");
  ok("--as Sam participant add --session 2 --person Alex --role observer");
  const std::string before = cli("dump").out;
  for (const auto& [args, sentence] : std::map<std::string, std::string>{
           {"--as Sam participant role --session 2 --person Sam --role facilitator",
            "triad: Sam (Observer) cannot make Sam Facilitator in session 'Y8 fractions 2': nobody gives themselves the "
            "facilitator's or the observed teacher's place.\n"},
           {"--as Sam session edit 2 --teacher Sam",
            "triad: Sam (Observer) cannot make Sam the observed teacher in session 'Y8 fractions 2': nobody gives "
            "themselves the facilitator's or the observed teacher's place.\n"}}) {
    auto r = cli(args);
    EXPECT_EQ(r.code, 1) << args;
    EXPECT_EQ(r.err, sentence) << args;
    EXPECT_EQ(cli("dump").out, before) << args;
  }
  ok("--as Sam participant add --session 2 --person Pat --role facilitator");
}

}  // namespace
