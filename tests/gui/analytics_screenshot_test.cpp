// Lesson analytics in the real window (issue 16), read back from screenshots:
//  - the talk lane of a synthetic espeak-ng lesson (known timing): the pixel colour at
//    each question's teacher line is teacher talk, just after each wait it is pupil talk,
//    inside each wait it is the wait bar (green over 3 s, grey otherwise), and in the
//    pupils' 12 s writing silence it is silence; the analysis ran in the window's
//    background job (`analyse` + `analyse wait`) and a second start shows it from the
//    cache at once, with the talk figures (OCR);
//  - the agreement view, opened with its key (Shift+A): OCR reads the kappa of a fixture
//    computed by hand (0.27) and the moments seen differently;
//  - the growth charts of a three-lesson cycle, opened with Shift+G: OCR reads the three
//    lesson titles, and the charts hold a wait bar over 3 s (green) and talk columns.
// Runs under Xvfb; skips without a display, ffmpeg, tesseract, espeak-ng or sox.
#include <gtest/gtest.h>
#include <png.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>

#include "../analytics/synthetic_lesson.hpp"
#include "base/uuid.hpp"
#include "screenshot_util.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"

using namespace triad;
using namespace triad::test;

namespace {

// The talk lane's colours (ui/ui_frame.hpp colours::kTeacherTalk ...).
constexpr std::array<int, 3> kTeacher{84, 132, 220};
constexpr std::array<int, 3> kPupil{236, 152, 60};
constexpr std::array<int, 3> kSilence{58, 62, 70};
constexpr std::array<int, 3> kLongWait{120, 204, 110};
constexpr std::array<int, 3> kShortWait{150, 158, 168};
constexpr int kTol = 14;

int count_colour(const Image& img, int x0, int y0, int x1, int y1, std::array<int, 3> c) {
  int n = 0;
  for (int y = std::max(0, y0); y < std::min(img.h, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(img.w, x1); ++x) n += near(img.at(x, y), c, kTol);
  return n;
}

const char* name_of(std::array<int, 3> c) {
  if (c == kTeacher) return "teacher";
  if (c == kPupil) return "pupil";
  if (c == kSilence) return "silence";
  if (c == kLongWait) return "long wait";
  return "short wait";
}

class AnalyticsScreenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = gui_unavailable(); !why.empty()) GTEST_SKIP() << why;
    if (run("tesseract --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "tesseract (OCR) is not installed";
    if (!have_voice_tools()) GTEST_SKIP() << "espeak-ng / sox not installed";
    studio_ = fs::path(TRIAD_BINARY_DIR) / "src/studio/triad-studio";
    cli_ = fs::path(TRIAD_BINARY_DIR) / "src/cli/triad";
    ASSERT_TRUE(fs::exists(studio_)) << studio_;
    dir_ = fs::temp_directory_path() / ("triad-gui-analytics-" + new_uuid());
    fs::create_directories(dir_);
    db_ = dir_ / "lib.triad";
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty() && !std::getenv("TRIAD_KEEP_TEST_DIR")) fs::remove_all(dir_, ec);
  }

  // The lesson's sound under a plain picture, as a camera's file.
  fs::path lesson_video(const LessonAudio& audio, const std::string& name) {
    const fs::path out = dir_ / name;
    const std::string cmd = "ffmpeg -nostdin -v error -y -f lavfi -i color=c=0x404040:size=320x180:rate=10 -i \"" +
                            audio.room.string() + "\" -shortest -c:v libx264 -preset ultrafast -c:a aac \"" +
                            out.string() + "\"";
    EXPECT_EQ(run(cmd), 0) << cmd;
    return out;
  }
  RowId add_session(store::Library& lib, const std::string& title, const fs::path& video, TimeUs duration,
                    const std::string& cycle = {}, int position = 0) {
    Session s;
    s.title = title;
    s.date = "2026-03-1" + std::to_string(std::max(1, position));
    s.cycle = cycle;
    s.cycle_position = position;
    auto added = lib.add_session(s);
    EXPECT_TRUE(added.ok());
    auto fw = lib.ensure_default_framework();  // its tags include questioning
    EXPECT_TRUE(fw.ok() && lib.attach_framework(added->id, fw->id).ok());
    Recording r;
    r.session_id = added->id;
    r.path = video.string();
    // One file, one fingerprint, as the library stores it (lessons sharing a recording share
    // its cached analysis).
    r.fingerprint = "gui-" + video.filename().string();
    r.duration_us = duration;
    EXPECT_TRUE(lib.add_recording(r).ok());
    return added->id;
  }
  void comment(store::Library& lib, RowId session, RowId who, TimeUs at, std::optional<TimeUs> end,
               const std::string& kind, const std::string& tag) {
    Comment c;
    c.session_id = session;
    c.author_id = who;
    c.start_us = at;
    c.end_us = end;
    c.kind = kind;
    if (!tag.empty()) c.tags = {tag};
    c.text = kind + " " + tag;
    auto a = lib.add_comment(c);
    EXPECT_TRUE(a.ok()) << a.error().message;
  }

  int studio(const std::string& script_text, const fs::path& shot, RowId session, const std::string& as) {
    return run_studio(studio_, dir_,
                      "--db \"" + db_.string() + "\" --session " + std::to_string(session) + " --as \"" + as +
                          "\" --width 1600 --height 900",
                      script_text, shot);
  }
  std::string log() { return studio_log(dir_); }
  void keep(const fs::path& shot) { keep_screenshot(shot); }
  std::string ocr(const fs::path& shot) {
    std::string text = ocr_text(shot, dir_);
    EXPECT_FALSE(text.empty()) << "no text read from " << shot;
    return text;
  }

  fs::path studio_, cli_, dir_, db_;
};

// The talk lane: the row of the timeline with the most teacher-talk pixels, and its ends.
struct Lane {
  int y = -1, x0 = -1, x1 = -1;
};
Lane find_lane(const Image& img) {
  Lane lane;
  int best = 0;
  for (int y = img.h / 2; y < img.h; ++y) {
    const int n = count_colour(img, 0, y, img.w, y + 1, kTeacher);
    if (n > best) best = n, lane.y = y;
  }
  if (best < 50) return {};
  // Rows of the lane with as many teacher pixels: take the middle one (the lane's centre).
  int top = lane.y, bottom = lane.y;
  while (top > 0 && count_colour(img, 0, top - 1, img.w, top, kTeacher) >= best - 2) --top;
  while (bottom + 1 < img.h && count_colour(img, 0, bottom + 1, img.w, bottom + 2, kTeacher) >= best - 2) ++bottom;
  lane.y = (top + bottom) / 2;
  // The lane starts and ends in silence (the lead-in, the last pause): the first and last
  // runs of five silence pixels (a lone pixel of that grey may belong to a border).
  auto silent_run = [&](int x, int step) {
    for (int k = 0; k < 5; ++k)
      if (x + k * step < 0 || x + k * step >= img.w || !near(img.at(x + k * step, lane.y), kSilence, 6)) return false;
    return true;
  };
  for (int x = 0; x < img.w && lane.x0 < 0; ++x)
    if (silent_run(x, 1)) lane.x0 = x;
  for (int x = img.w - 1; x >= 0 && lane.x1 < 0; --x)
    if (silent_run(x, -1)) lane.x1 = x + 1;
  return lane;
}

TEST_F(AnalyticsScreenshot, TalkLaneShowsWhoTalksAndTheWaitsOfASyntheticLesson) {
  auto audio = build_lesson(dir_ / "lesson", standard_lesson());
  ASSERT_TRUE(audio) << "espeak-ng / sox failed to build the lesson";
  const fs::path video = lesson_video(*audio, "lesson.mp4");
  const LessonTruth& truth = audio->truth;
  ASSERT_EQ(truth.questions.size(), 5u);
  RowId session = 0;
  {
    auto lib = store::Library::open(db_);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    const RowId sam = lib->add_person("Sam Patel")->id;
    session = add_session(*lib, "Plants", video, truth.duration_us);
    for (const auto& q : truth.questions) comment(*lib, session, sam, q.asked_at_us + 500'000, std::nullopt, "question", "");
  }
  // The silence while pupils write (12 s before the fourth question); the playhead sits in
  // it, away from where the test reads.
  const TimeUs writing_end = truth.questions[3].asked_at_us;
  const fs::path shot = dir_ / "talk-lane.png";
  ASSERT_EQ(studio("analyse\nanalyse wait\nanalytics off\nseek " + format_seconds(writing_end - seconds_us(3)) + "\n",
                   shot, session, "Sam Patel"),
            0)
      << log();
  keep(shot);
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  const Lane lane = find_lane(img);
  ASSERT_GE(lane.y, 0) << "no talk lane with teacher talk in the screenshot";
  ASSERT_GT(lane.x1 - lane.x0, img.w / 2) << "the talk lane is not as wide as the timeline";
  auto x_at = [&](TimeUs t) {
    return lane.x0 + static_cast<int>(static_cast<double>(t) / static_cast<double>(truth.duration_us) *
                                      (lane.x1 - lane.x0));
  };
  // Most of three pixels around t on the lane's centre row have colour c.
  auto expect_colour = [&](TimeUs t, std::array<int, 3> c, const std::string& what) {
    const int x = x_at(t);
    const int n = count_colour(img, x - 1, lane.y, x + 2, lane.y + 1, c);
    const auto p = img.at(x, lane.y);
    EXPECT_GE(n, 2) << what << " at " << format_time(t) << " (x " << x << "): expected " << name_of(c) << ", got rgb("
                    << p[0] << "," << p[1] << "," << p[2] << ")";
  };
  for (std::size_t i = 0; i < truth.questions.size(); ++i) {
    const auto& q = truth.questions[i];
    const std::string which = "question " + std::to_string(i + 1);
    expect_colour((q.asked_at_us + q.ended_us) / 2, kTeacher, which + ", the teacher asking");
    expect_colour(q.ended_us + q.wait_us / 5, q.wait_us > seconds_us(3) ? kLongWait : kShortWait,
                  which + ", the wait after it");
    expect_colour(q.ended_us + q.wait_us + 450'000, kPupil, which + ", the pupil answering");
  }
  expect_colour(writing_end - seconds_us(8), kSilence, "pupils writing");
  expect_colour(writing_end - seconds_us(5), kSilence, "pupils writing");

  // A second start: the labels come from the library's cache at once (no wait), and the
  // figures name the talk shares and the wait times.
  const fs::path again = dir_ / "talk-cached.png";
  ASSERT_EQ(studio("analyse\n", again, session, "Sam Patel"), 0) << log();
  keep(again);
  Image img2;
  ASSERT_TRUE(read_png(again, img2));
  EXPECT_GE(find_lane(img2).y, 0) << "the cached analysis did not show at once";
  const std::string text = ocr(again);
  EXPECT_NE(text.find("teacher talk"), std::string::npos) << text;
  EXPECT_NE(text.find("pupil talk"), std::string::npos) << text;
  EXPECT_NE(text.find("mean wait"), std::string::npos) << text;
  EXPECT_NE(text.find("(cached)"), std::string::npos) << text;
}

TEST_F(AnalyticsScreenshot, AgreementViewReadsTheKappaComputedByHand) {
  const fs::path video = dir_ / "barcode.mp4";
  const std::string failed = make_barcode_video(video);
  ASSERT_TRUE(failed.empty()) << failed;
  RowId session = 0;
  {
    auto lib = store::Library::open(db_);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    const RowId sam = lib->add_person("Sam Patel")->id;
    const RowId alex = lib->add_person("Alex Morgan")->id;
    session = add_session(*lib, "Y8 Fractions", video, seconds_us(10));
    ASSERT_TRUE(store::add_participant(*lib, session, sam, Role::Observer).ok());
    ASSERT_TRUE(store::add_participant(*lib, session, alex, Role::Mentor).ok());
    // 1 s units: slices at t = 0, 1, ..., 10 s (11: from the first comment to the last
    // moment any covers, that moment included). Sam: questioning at 0..5; Alex: at 0..3 and
    // 8..9. Equal at 0-3, 6-7 and 10 (7 of 11): Po = 7/11; each codes 6 of 11:
    // Pe = (6/11)^2 + (5/11)^2 = 61/121; kappa = (77/121 - 61/121) / (60/121) = 16/60 = 0.267.
    comment(*lib, session, sam, 0, seconds_us(6), "note", "questioning");
    comment(*lib, session, alex, 0, seconds_us(4), "note", "questioning");
    comment(*lib, session, alex, seconds_us(8), seconds_us(10), "note", "questioning");
  }
  const fs::path shot = dir_ / "agreement.png";
  ASSERT_EQ(studio("key Shift+A\n", shot, session, "Sam Patel"), 0) << log();
  keep(shot);
  const std::string text = ocr(shot);
  EXPECT_NE(text.find("kappa 0.27"), std::string::npos) << text;
  EXPECT_NE(text.find("sam patel and alex morgan"), std::string::npos) << text;
  EXPECT_NE(text.find("saw it differently"), std::string::npos) << text;
  EXPECT_NE(text.find("00:04"), std::string::npos) << "the first moment seen differently\n" << text;
  EXPECT_NE(text.find("00:08"), std::string::npos) << "the second moment seen differently\n" << text;
}

TEST_F(AnalyticsScreenshot, GrowthChartsListTheCyclesThreeLessons) {
  using test::Line;
  using test::Who;
  // One recording, three questions waiting 1, 2 and 4.2 s; each lesson of the cycle marks
  // one of them, so each lesson has its own wait time from one cached analysis.
  auto audio = build_lesson(dir_ / "cycle",
                            {{Who::Teacher, 0, "Who can tell me what a plant needs to grow?", 1.0, true},
                             {Who::Pupil, 0, "Water and sunlight.", 1.0, false},
                             {Who::Teacher, 0, "What else does it take from the air?", 2.0, true},
                             {Who::Pupil, 1, "Is it carbon dioxide?", 1.0, false},
                             {Who::Teacher, 0, "Why are most leaves green?", 4.2, true},
                             {Who::Pupil, 2, "Because of chlorophyll.", 1.0, false}});
  ASSERT_TRUE(audio);
  const fs::path video = lesson_video(*audio, "cycle.mp4");
  const char* titles[] = {"Seeds Monday", "Roots Wednesday", "Leaves Friday"};
  RowId first = 0;
  {
    auto lib = store::Library::open(db_);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    const RowId sam = lib->add_person("Sam Patel")->id;
    for (int i = 0; i < 3; ++i) {
      const RowId s = add_session(*lib, titles[i], video, audio->truth.duration_us, "Wait time", i + 1);
      if (i == 0) first = s;
      ASSERT_TRUE(store::add_participant(*lib, s, sam, Role::Observer).ok());
      comment(*lib, s, sam, audio->truth.questions[static_cast<std::size_t>(i)].asked_at_us + 300'000, std::nullopt,
              "question", "");
    }
  }
  // The CLI analyses (and caches) the recording once; the window never analyses for growth.
  ASSERT_EQ(run("\"" + cli_.string() + "\" --db \"" + db_.string() + "\" --as \"Sam Patel\" analyse --session " +
                std::to_string(first) + " >/dev/null 2>&1"),
            0);
  const fs::path shot = dir_ / "growth.png";
  ASSERT_EQ(studio("key Shift+G\n", shot, first, "Sam Patel"), 0) << log();
  keep(shot);
  const std::string text = ocr(shot);
  for (const char* t : titles) EXPECT_NE(text.find(lower(t)), std::string::npos) << t << "\n" << text;
  EXPECT_EQ(text.find("not analysed"), std::string::npos) << text;
  EXPECT_NE(text.find("mean wait time"), std::string::npos) << text;
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  // The 4.2 s lesson's bar is green (over 3 s): far more green than the 3 s line alone.
  EXPECT_GT(count_colour(img, 0, 0, img.w, img.h, kLongWait), 2500);
  // Three talk columns: teacher and pupil shares drawn.
  EXPECT_GT(count_colour(img, 0, 0, img.w, img.h, kTeacher), 1500);
  EXPECT_GT(count_colour(img, 0, 0, img.w, img.h, kPupil), 300);
}

}  // namespace
