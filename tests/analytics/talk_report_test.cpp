// The talk analysis where people read it: the HTML report's "Talk and wait time" section,
// the meeting agenda's talk line (both through the `triad` CLI) and the session panel's
// figures (the Workstation's view model), all from the analysis cache — never recomputed
// there. The cached labels are written by hand so every figure is known exactly:
//
//   0-10 s teacher (question marked at 5 s), 10-14 s silence, 14-20 s pupil,
//   20-30 s teacher (question marked at 25 s), 30-31 s silence, 31-40 s pupil, 40-60 s silence
//
// teacher 20 s (33%), pupil 15 s (25%), silence 25 s (42%); waits 4.0 s (at 00:05, from
// 00:10 to 00:14) and 1.0 s: mean 2.5 s, median 2.5 s, one of 3 s or more.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/fake_media.hpp"
#include "app/analytics_view.hpp"
#include "app/lesson_agreement.hpp"
#include "app/meeting.hpp"
#include "app/talk_analysis.hpp"
#include "app/workstation.hpp"
#include "exchange/report.hpp"
#include "cli_run.hpp"
#include "store/library.hpp"

using namespace triad;
namespace fs = std::filesystem;

namespace {

using test::CliRun;
// The report and agenda tests read refusals too.
CliRun triad_cli(const fs::path& db, const std::string& args) { return test::triad_cli(db, args, true); }

std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

TalkLabels hand_labels() {
  TalkLabels l;
  l.frame_us = 10'000;
  l.method = "one room microphone (voices clustered)";
  l.confidence = 0.9;
  l.confidence_note = "Two clearly different voices.";
  auto run = [&](double from_s, double to_s, Speaker who) {
    const auto n = static_cast<std::size_t>((to_s - from_s) * 100 + 0.5);
    l.frame_speaker.insert(l.frame_speaker.end(), n, who);
  };
  run(0, 10, Speaker::Teacher);
  run(10, 14, Speaker::Silence);
  run(14, 20, Speaker::Pupil);
  run(20, 30, Speaker::Teacher);
  run(30, 31, Speaker::Silence);
  run(31, 40, Speaker::Pupil);
  run(40, 60, Speaker::Silence);
  return l;
}

struct Fixture {
  fs::path dir, db;
  RowId session = 0;
  std::string me_name;
};

// A library file with one session whose recording is `room.wav` (any bytes: only its
// fingerprint keys the cache), two question marks by the library's own person, and two
// observers' tagged comments for the agreement lines.
Fixture make_fixture(const std::string& name) {
  Fixture f;
  f.dir = fs::temp_directory_path() / ("triad_talk_report_" + std::to_string(::getpid())) / name;
  fs::remove_all(f.dir);
  fs::create_directories(f.dir);
  f.db = f.dir / "lib.triad";
  {
    std::ofstream room(f.dir / "room.wav", std::ios::binary);
    room << "not really sound, but a file with its own fingerprint " << name;
  }
  auto lib = store::Library::open(f.db);
  EXPECT_TRUE(lib.ok());
  auto me = lib->me();
  f.me_name = me->display_name;
  Session s;
  s.title = "Plants";
  s.date = "2026-03-14";
  f.session = lib->add_session(s)->id;
  auto fw = lib->ensure_default_framework();
  EXPECT_TRUE(fw.ok());
  EXPECT_TRUE(lib->attach_framework(f.session, fw->id).ok());
  Recording r;
  r.session_id = f.session;
  r.path = (f.dir / "room.wav").string();
  r.fingerprint = "room";
  r.duration_us = seconds_us(60);
  EXPECT_TRUE(lib->add_recording(r).ok());
  auto comment = [&](RowId author, double start, std::optional<double> end, std::string kind, std::vector<std::string> tags) {
    Comment c;
    c.session_id = f.session;
    c.author_id = author;
    c.start_us = static_cast<TimeUs>(start * 1e6);
    if (end) c.end_us = static_cast<TimeUs>(*end * 1e6);
    c.kind = std::move(kind);
    c.text = "x";
    c.tags = std::move(tags);
    auto added = lib->add_comment(c);
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().message);
  };
  comment(me->id, 5, {}, "question", {});
  comment(me->id, 25, {}, "question", {});
  const RowId ash = lib->add_person("Ash")->id, bo = lib->add_person("Bo")->id;
  comment(ash, 41, 45.0, "strength", {"feedback"});
  comment(bo, 41, 43.0, "strength", {"feedback"});
  return f;
}

void cache_hand_labels(const Fixture& f) {
  auto lib = store::Library::open(f.db);
  ASSERT_TRUE(lib.ok());
  auto sources = app::talk_sources(*lib, f.session);
  ASSERT_TRUE(sources.ok()) << sources.error().message;
  ASSERT_TRUE(app::cache_talk_labels(*lib, *sources, hand_labels()).ok());
}

const char* kSummary =
    "Teacher talk 33% (00:20), pupil talk 25% (00:15), silence 42%; wait time after 2 questions: mean 2.5 s, "
    "median 2.5 s, 1 of 3 s or more.";

}  // namespace

TEST(TalkReport, HtmlReportShowsTheCachedTalkFiguresAndAgreement) {
  const Fixture f = make_fixture("report");
  const fs::path html_path = f.dir / "report.html";
  const std::string as = "--as \"" + f.me_name + "\" ";
  // Not analysed: the section says so and how to do it.
  auto before = triad_cli(f.db, as + "report --session " + std::to_string(f.session) + " -o \"" + html_path.string() + "\"");
  ASSERT_EQ(before.rc, 0) << before.out;
  std::string html = read_all(html_path);
  EXPECT_NE(html.find("<h2>Talk and wait time</h2>"), std::string::npos);
  EXPECT_NE(html.find("not analysed yet — run Analyse"), std::string::npos);
  EXPECT_EQ(html.find("Teacher talk 33%"), std::string::npos);

  cache_hand_labels(f);
  auto after = triad_cli(f.db, as + "report --session " + std::to_string(f.session) + " -o \"" + html_path.string() + "\"");
  ASSERT_EQ(after.rc, 0) << after.out;
  html = read_all(html_path);
  EXPECT_EQ(html.find("not analysed yet"), std::string::npos);
  EXPECT_NE(html.find(kSummary), std::string::npos) << "the summary line from the cached labels";
  for (const char* row : {"<td>Teacher talk</td><td>20.0</td><td>33%</td>", "<td>Pupil talk</td><td>15.0</td><td>25%</td>",
                          "<td>Silence</td><td>25.0</td><td>42%</td>", "<td>Mean</td><td>2.5 s</td>",
                          "<td>Median</td><td>2.5 s</td>", "<td>Questions with a wait</td><td>2</td>"})
    EXPECT_NE(html.find(row), std::string::npos) << row;
  // The one wait over 3 s, with its times; the 1 s wait is not listed.
  EXPECT_NE(html.find("<li>00:05: 4.0 s (00:10–00:14)</li>"), std::string::npos);
  EXPECT_EQ(html.find("<li>00:25:"), std::string::npos);
  EXPECT_NE(html.find("Read from the room sound room.wav alone (voices clustered)."), std::string::npos);
  // The agreement's plain-language lines, as `triad agreement` computes them.
  {
    auto lib = store::Library::open(f.db);
    ASSERT_TRUE(lib.ok());
    auto viewer = lib->me();
    auto agreement = app::session_agreement(*lib, f.session, viewer->id);
    ASSERT_TRUE(agreement.ok());
    ASSERT_FALSE(agreement->lines.empty());
    for (const auto& line : agreement->lines)
      EXPECT_NE(html.find("<li>" + exchange::html_escape(line) + "</li>"), std::string::npos) << line;
  }
  // Still self-contained.
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(TalkReport, MeetingAgendaShowsTheTalkLine) {
  const Fixture f = make_fixture("meeting");
  const std::string args = "--as \"" + f.me_name + "\" meeting agenda --session " + std::to_string(f.session);
  auto before = triad_cli(f.db, args);
  ASSERT_EQ(before.rc, 0) << before.out;
  EXPECT_NE(before.out.find("Talk: not analysed yet — run Analyse."), std::string::npos) << before.out;
  cache_hand_labels(f);
  auto after = triad_cli(f.db, args);
  ASSERT_EQ(after.rc, 0) << after.out;
  EXPECT_NE(after.out.find(std::string("Talk: ") + kSummary), std::string::npos) << after.out;
  auto j = nlohmann::json::parse(triad_cli(f.db, "--json " + args).out, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["talk"], std::string("Talk: ") + kSummary);
  EXPECT_EQ(j["talk_analysed"], true);
}

// The window: opening the session reads the cached analysis (no Analyse pressed), and the
// session panel's rows and the meeting line come from it.
TEST(TalkReport, SessionPanelFiguresComeFromTheCache) {
  const Fixture f = make_fixture("panel");
  auto lib = store::Library::open(f.db);
  ASSERT_TRUE(lib.ok());
  test::FakeMedia media;
  {
    app::Workstation ws(*lib, media);
    ASSERT_TRUE(ws.execute("session " + std::to_string(f.session)).ok());
    ws.update();
    EXPECT_FALSE(ws.analytics().talk()) << "nothing cached yet";
    EXPECT_EQ(app::meeting_talk_line(ws.analytics().talk()), "Talk: not analysed yet — run Analyse.");
  }
  cache_hand_labels(f);
  app::Workstation ws(*lib, media);
  ASSERT_TRUE(ws.execute("session " + std::to_string(f.session)).ok());
  ws.update();
  const auto& talk = ws.analytics().talk();
  ASSERT_TRUE(talk);
  EXPECT_FALSE(ws.analytics().talk_running()) << "read from the cache, never recomputed";
  EXPECT_FALSE(ws.analytics().window_open()) << "the figures window stays closed";
  const std::vector<std::pair<std::string, std::string>> want = {
      {"Teacher talk", "33% (00:20)"}, {"Pupil talk", "25% (00:15)"}, {"Mean wait time", "2.5 s after 2 questions"}};
  EXPECT_EQ(app::talk_figure_rows(*talk), want);
  EXPECT_EQ(app::meeting_talk_line(talk), std::string("Talk: ") + kSummary);
  EXPECT_EQ(ws.analytics().talk_source(), "the room sound room.wav alone (voices clustered)");
  // `analyse` then shows them (from the cache) instead of starting a job.
  auto r = ws.execute("analyse");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->message, "Talk analysis (cached): the room sound room.wav alone (voices clustered).");
  EXPECT_FALSE(ws.analytics().talk_running());
}
