// The `triad` CLI of the analytics area, end to end on a library file: agreement against a
// hand-computed kappa, analyse (and its `analyze` spelling), growth of a three-lesson cycle.
#include <gtest/gtest.h>

#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/talk.hpp"
#include "cli_run.hpp"
#include "store/library.hpp"
#include "synthetic_lesson.hpp"

using namespace triad;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using test::CliRun;
using test::triad_cli;

fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("triad_analytics_cli_" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

Comment make(RowId session, RowId author, double start, std::optional<double> end, std::string tag, std::string kind) {
  Comment c;
  c.session_id = session;
  c.author_id = author;
  c.start_us = static_cast<TimeUs>(start * 1e6);
  if (end) c.end_us = static_cast<TimeUs>(*end * 1e6);
  c.kind = std::move(kind);
  c.text = "x";
  c.tags = {std::move(tag)};
  return c;
}

}  // namespace

TEST(AnalyticsCli, AgreementKappaEqualsTheHandComputation) {
  const fs::path dir = fresh_dir("agreement");
  RowId session = 0;
  {
    auto lib = store::Library::open(dir / "lib.triad");
    ASSERT_TRUE(lib.ok());
    Session s;
    s.title = "Fractions";
    s.date = "2026-03-14";
    session = lib->add_session(s)->id;
    auto fw = lib->ensure_default_framework();
    ASSERT_TRUE(fw.ok());
    ASSERT_TRUE(lib->attach_framework(session, fw->id).ok());
    const RowId ash = lib->add_person("Ash")->id, bo = lib->add_person("Bo")->id;
    // The fixture of tests/core/agreement_test.cpp: kappa = 26/70 by hand.
    for (const auto& c : {make(session, ash, 0, 5.0, "questioning", "strength"), make(session, ash, 7.0, {}, "feedback", "try"),
                          make(session, bo, 0, 3.0, "questioning", "note"), make(session, bo, 7.4, {}, "feedback", "strength"),
                          make(session, bo, 8.0, 10.0, "questioning", "strength")})
      ASSERT_TRUE(lib->add_comment(c).ok()) << lib->add_comment(c).error().message;
  }
  auto r = triad_cli(dir / "lib.triad", "--as Ash --json agreement --session " + std::to_string(session));
  ASSERT_EQ(r.rc, 0) << r.out;
  auto j = json::parse(r.out);
  ASSERT_EQ(j["kappa"].size(), 1u);
  EXPECT_NEAR(j["kappa"][0]["kappa"].get<double>(), 26.0 / 70.0, 0.001);
  EXPECT_EQ(j["kappa"][0]["a"], "Ash");
  bool line = false;
  for (const auto& l : j["lines"])
    line = line || l.get<std::string>() == "Ash and Bo both marked questioning at 1 of 2 moments; they saw 00:03 differently.";
  EXPECT_TRUE(line) << j["lines"].dump();
  // Another unit, and the plain text form.
  auto two = json::parse(triad_cli(dir / "lib.triad", "--as Ash --json agreement --session 1 --unit 2").out);
  EXPECT_NEAR(two["kappa"][0]["kappa"].get<double>(), 0.5, 0.001);
  auto text = triad_cli(dir / "lib.triad", "--as Ash agreement --session 1");
  EXPECT_NE(text.out.find("both marked questioning"), std::string::npos) << text.out;
  EXPECT_NE(triad_cli(dir / "lib.triad", "--as Ash agreement --session 1 --unit 0").rc, 0);
  // The meeting agenda carries the disagreements as "seen differently".
  auto agenda = json::parse(triad_cli(dir / "lib.triad", "--as Ash --json meeting agenda --session 1").out);
  bool seen = false;
  for (const auto& it : agenda["items"]) seen = seen || it["note"] == "seen differently";
  EXPECT_TRUE(seen) << agenda.dump();
}

TEST(AnalyticsCli, GrowthOfAThreeLessonCycleListsEachLessonsWaitTime) {
  if (!test::have_voice_tools()) GTEST_SKIP() << "espeak-ng / sox not installed";
  const fs::path dir = fresh_dir("growth");
  const double waits[] = {1.0, 2.0, 3.5};
  {
    auto lib = store::Library::open(dir / "lib.triad");
    ASSERT_TRUE(lib.ok());
    const RowId me = lib->add_person("Sam")->id;
    for (int i = 0; i < 3; ++i) {
      using test::Line;
      using test::Who;
      auto audio = test::build_lesson(dir / ("l" + std::to_string(i)),
                                      {{Who::Teacher, 0, "Who can tell me what a plant needs to grow?", waits[i], true},
                                       {Who::Pupil, 0, "Water and sunlight.", 1.0, false}});
      ASSERT_TRUE(audio);
      Session s;
      s.title = "Lesson " + std::to_string(i + 1);
      s.date = "2026-03-1" + std::to_string(i + 1);
      s.cycle = "Wait time";
      s.cycle_position = i + 1;
      const RowId sid = lib->add_session(s)->id;
      auto fw = lib->ensure_default_framework();
      ASSERT_TRUE(fw.ok());
      ASSERT_TRUE(lib->attach_framework(sid, fw->id).ok());
      Recording r;
      r.session_id = sid;
      r.path = audio->room.string();
      r.fingerprint = "l" + std::to_string(i);
      ASSERT_TRUE(lib->add_recording(r).ok());
      ASSERT_TRUE(lib->add_comment(make(sid, me, to_seconds(audio->truth.questions[0].asked_at_us) + 0.5, {}, "questioning", "note")).ok());
    }
  }
  // One lesson analysed through `analyze` (the other spelling); growth analyses the rest.
  auto an = triad_cli(dir / "lib.triad", "--as Sam --json analyze --session 1");
  ASSERT_EQ(an.rc, 0) << an.out;
  auto a = json::parse(an.out);
  for (const char* k : {"teacher_talk_s", "pupil_talk_s", "silence_s", "wait_times"}) EXPECT_TRUE(a.contains(k)) << k;
  auto g = triad_cli(dir / "lib.triad", "--as Sam --json growth --cycle \"Wait time\" --html \"" + (dir / "c.html").string() +
                                            "\" --csv \"" + (dir / "c.csv").string() + "\"");
  ASSERT_EQ(g.rc, 0) << g.out;
  auto j = json::parse(g.out);
  ASSERT_EQ(j["lessons"].size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const auto& l = j["lessons"][static_cast<std::size_t>(i)];
    EXPECT_EQ(l["position"], i + 1);
    ASSERT_TRUE(l["wait_time_mean_s"].is_number()) << l.dump();
    EXPECT_NEAR(l["wait_time_mean_s"].get<double>(), waits[i], 0.3) << "lesson " << i + 1;
    EXPECT_TRUE(l["teacher_share"].is_number());
    EXPECT_TRUE(l.contains("tag_counts") && l.contains("actions"));
  }
  std::ifstream html(dir / "c.html");
  const std::string page((std::istreambuf_iterator<char>(html)), {});
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_EQ(page.find("http://"), page.find("http://www.w3.org/2000/svg")) << "the report must not reach the network";
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_TRUE(fs::file_size(dir / "c.csv") > 0);
}
