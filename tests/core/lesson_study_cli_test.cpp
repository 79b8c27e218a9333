// `triad pupil|phase|prediction` end to end on a library file: the setup rules, predictions
// only before the author's first comment, and predicted vs observed as --json.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/uuid.hpp"
#include "store/workflow.hpp"

using namespace triad;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct CliResult {
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

class LessonStudyCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("triad-ls-cli-" + new_uuid());
    fs::create_directories(dir);
    db = dir / "lib.triad";
    binary = fs::path(TRIAD_BINARY_DIR) / "src" / "cli" / "triad";
    ASSERT_TRUE(fs::exists(binary)) << binary;
    auto lib = store::Library::open(db);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    for (const char* name : {"Jo", "Sam", "Pat"}) ASSERT_TRUE(lib->add_person(name).ok());
    Session s;
    s.title = "Y5 fractions";
    ASSERT_TRUE(lib->add_session(s).ok());
    ASSERT_TRUE(store::add_participant(*lib, 1, lib->resolve_person("Jo")->id, Role::Teacher).ok());
    ASSERT_TRUE(store::add_participant(*lib, 1, lib->resolve_person("Sam")->id, Role::Observer).ok());
    ASSERT_TRUE(store::add_participant(*lib, 1, lib->resolve_person("Pat")->id, Role::Facilitator).ok());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  CliResult cli(const std::string& args) {
    std::string cmd = quote(binary.string()) + " --db " + quote(db.string()) + " " + args + " >" +
                      quote((dir / "out").string()) + " 2>" + quote((dir / "err").string());
    int status = std::system(cmd.c_str());
    CliResult r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir / "out");
    r.err = slurp(dir / "err");
    return r;
  }
  void ok(const std::string& args) {
    auto r = cli(args);
    ASSERT_EQ(r.code, 0) << args << "\n" << r.err << r.out;
  }
  fs::path dir, db, binary;
};

}  // namespace

TEST_F(LessonStudyCli, FacilitatorSetsUpTheCaseAndAnObserverCannot) {
  ok("--as Pat pupil add --session 1 'Pupil A' --description 'quiet, confident with number bonds'");
  ok("--as Pat pupil add --session 1 'Pupil B' --description 'often first to answer'");
  ok("--as Pat phase add --session 1 Starter --at 0");
  ok("--as Pat phase add --session 1 'Main task' --at 10:00");
  auto refused = cli("--as Sam pupil add --session 1 'Pupil C'");
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("Sam (Observer) cannot change the Lesson Study case"), std::string::npos) << refused.err;
  auto named = cli("--as Pat pupil add --session 1 'Emma Smith'");
  EXPECT_EQ(named.code, 1);
  EXPECT_NE(named.err.find("never named"), std::string::npos) << named.err;
  auto list = cli("--json pupil list --session 1");
  ASSERT_EQ(list.code, 0) << list.err;
  auto j = json::parse(list.out);
  ASSERT_EQ(j["pupils"].size(), 2u);
  EXPECT_EQ(j["pupils"][0]["code"], "Pupil A");
  EXPECT_EQ(j["pupils"][0]["description"], "quiet, confident with number bonds");
  ASSERT_EQ(j["phases"].size(), 2u);
  EXPECT_EQ(j["phases"][1]["start_us"], 600'000'000);
  EXPECT_EQ(j["updated_by"], "Pat");
}

TEST_F(LessonStudyCli, PredictionsBeforeWatchingThenPredictedVsObserved) {
  ok("--as Pat pupil add --session 1 'Pupil A' --description 'quiet'");
  ok("--as Pat phase add --session 1 Starter --at 0");
  ok("--as Pat phase add --session 1 'Main task' --at 60");
  auto p = cli("--as Sam --json prediction add --session 1 --pupil 'Pupil A' --phase 'Main task' 'Will wait for a partner'");
  ASSERT_EQ(p.code, 0) << p.err;
  EXPECT_EQ(json::parse(p.out)["author"], "Sam");
  ok("--as Sam comment add --session 1 --at 70 --kind note --pupil 'Pupil A' --text 'Started alone'");
  auto late = cli("--as Sam prediction add --session 1 --pupil 'Pupil A' --phase Starter 'Too late'");
  EXPECT_EQ(late.code, 1);
  EXPECT_NE(late.err.find("before watching"), std::string::npos) << late.err;
  EXPECT_EQ(std::count(late.err.begin(), late.err.end(), '\n'), 1) << late.err;

  auto cmp = cli("--as Pat --json prediction compare --session 1");
  ASSERT_EQ(cmp.code, 0) << cmp.err;
  auto j = json::parse(cmp.out);
  ASSERT_EQ(j["pupils"].size(), 1u);
  const auto& main = j["pupils"][0]["phases"][1];
  EXPECT_EQ(main["phase"], "Main task");
  ASSERT_EQ(main["predicted"].size(), 1u);
  EXPECT_EQ(main["predicted"][0]["text"], "Will wait for a partner");
  ASSERT_EQ(main["observed"].size(), 1u);
  EXPECT_EQ(main["observed"][0]["text"], "Started alone");
  auto text = cli("--as Pat prediction compare --session 1");
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("predicted by Sam: Will wait for a partner"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("by Sam: Started alone"), std::string::npos) << text.out;
}
