// Lesson Study in the real window (triad-studio under Xvfb), scripted without the CLI: the
// facilitator sets up case pupils and phases, an observer writes a prediction before
// watching, then comments with the composer's pupil picker. The screenshots are read back
// with tesseract (pupil lanes on the timeline, the Lesson Study panel's predicted vs
// observed) and by pixels (the pupil lanes' warm background); the library is checked after.
// Skips without a display, ffmpeg or tesseract.
#include <gtest/gtest.h>
#include <png.h>

#include <algorithm>
#include <vector>

#include "base/uuid.hpp"
#include "screenshot_util.hpp"
#include "store/lesson_study.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"

using namespace triad;
using namespace triad::test;

namespace {

int count_colour(const Image& img, int x0, int y0, int x1, int y1, std::array<int, 3> c, int tol) {
  int n = 0;
  for (int y = std::max(0, y0); y < std::min(img.h, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(img.w, x1); ++x) n += near(img.at(x, y), c, tol);
  return n;
}

class LessonStudyScreenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = gui_unavailable(); !why.empty()) GTEST_SKIP() << why;
    if (run("tesseract --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "tesseract (OCR) is not installed";
    studio_ = fs::path(TRIAD_BINARY_DIR) / "src/studio/triad-studio";
    ASSERT_TRUE(fs::exists(studio_)) << studio_;
    dir_ = fs::temp_directory_path() / ("triad-gui-lesson-study-" + new_uuid());
    fs::create_directories(dir_);
    video_ = dir_ / "barcode.mp4";
    const std::string failed = make_barcode_video(video_);
    ASSERT_TRUE(failed.empty()) << failed;
    auto lib = store::Library::open(dir_ / "lib.triad");
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    jo_ = lib->add_person("Jo Williams")->id;
    sam_ = lib->add_person("Sam Patel")->id;
    pat_ = lib->add_person("Pat Okafor")->id;
    Session s;
    s.title = "Y5 Fractions research lesson";
    s.date = "2026-03-14";
    session_ = lib->add_session(s)->id;
    Recording r;
    r.session_id = session_;
    r.path = video_.string();
    r.fingerprint = "gui-" + new_uuid();
    r.duration_us = seconds_us(10);
    ASSERT_TRUE(lib->add_recording(r).ok());
    ASSERT_TRUE(store::add_participant(*lib, session_, jo_, Role::Teacher).ok());
    ASSERT_TRUE(store::add_participant(*lib, session_, sam_, Role::Observer).ok());
    ASSERT_TRUE(store::add_participant(*lib, session_, pat_, Role::Facilitator).ok());
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  int studio(const std::string& script_text, const fs::path& shot, const std::string& as) {
    return run_studio(studio_, dir_,
                      "--db \"" + (dir_ / "lib.triad").string() + "\" --session " + std::to_string(session_) +
                          " --as \"" + as + "\"",
                      script_text, shot);
  }
  std::string log() { return studio_log(dir_); }

  // The facilitator's setup, in the window.
  void set_up_case() {
    const std::string setup =
        "case-pupil add \"Pupil A\" --description \"quiet, confident with number bonds\"\n"
        "case-pupil add \"Pupil B\" --description \"often first to answer\"\n"
        "lesson-phase add Starter --at 0\n"
        "lesson-phase add \"Main task\" --at 5\n"
        "lesson-study on\nwait 300\n";
    ASSERT_EQ(studio(setup, dir_ / "setup.png", "Pat Okafor"), 0) << log();
    keep_screenshot(dir_ / "setup.png");
  }

  fs::path studio_, dir_, video_;
  RowId jo_ = 0, sam_ = 0, pat_ = 0, session_ = 0;
};

}  // namespace

TEST_F(LessonStudyScreenshot, SetupPanelSaysDescribeNeverNameAndListsTheCase) {
  set_up_case();
  const fs::path panel = crop(dir_ / "setup.png", 0, 40, 1118, 660);
  ASSERT_FALSE(panel.empty());
  const std::string text = ocr_text(panel, dir_);
  EXPECT_NE(text.find("describe, never name"), std::string::npos) << text;
  EXPECT_NE(text.find("number bonds"), std::string::npos) << text;
  EXPECT_NE(text.find("main task"), std::string::npos) << text;
}

TEST_F(LessonStudyScreenshot, PupilLanesPredictionsAndPredictedVsObserved) {
  set_up_case();
  // Sam predicts before watching, then comments on Pupil A with the composer's pupil picker.
  const fs::path shot = dir_ / "lanes.png";
  const std::string script =
      "predict \"Pupil A\" \"Main task\" \"Will wait for a partner\"\n"
      "seek 6\n"
      "compose\n"
      "compose-pupil \"Pupil A\"\n"
      "compose-text \"Started alone at once\"\n"
      "submit\n"
      "predict \"Pupil B\" Starter \"Too late now\"\n";
  EXPECT_EQ(studio(script, dir_ / "refused.png", "Sam Patel"), 1) << "a prediction after commenting fails the script";
  EXPECT_NE(log().find("before watching"), std::string::npos) << log();
  ASSERT_EQ(studio("lesson-study on\nwait 400\n", shot, "Sam Patel"), 0) << log();
  keep_screenshot(shot);

  Image img;
  ASSERT_TRUE(read_png(shot, img));
  // The pupil lanes' warm background across the timeline (bottom of the window).
  EXPECT_GT(count_colour(img, 140, img.h - 300, img.w, img.h, {56, 48, 40}, 3), 4000) << "no pupil lanes drawn";
  // The Lesson Study panel covers the video column (1120 points wide at most, under the bar).
  const fs::path panel = crop(shot, 0, 40, 1118, 575);
  ASSERT_FALSE(panel.empty());
  const std::string text = ocr_text(panel, dir_);
  EXPECT_NE(text.find("predicted vs observed"), std::string::npos) << text;
  EXPECT_NE(text.find("will wait for a partner"), std::string::npos) << text;
  EXPECT_NE(text.find("started alone at once"), std::string::npos) << text;
  EXPECT_NE(text.find("pupil b"), std::string::npos) << text;
  // Sam may no longer predict (he has commented) and may not change the case: both said.
  EXPECT_NE(text.find("already commented"), std::string::npos) << text;
  EXPECT_NE(text.find("cannot change the lesson study"), std::string::npos) << text;

  // The comment was stored with its pupil, at the paused frame; only one prediction.
  auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok());
  store::CommentFilter all;
  auto comments = lib->list_comments(all);
  ASSERT_TRUE(comments.ok());
  ASSERT_EQ(comments->size(), 1u);
  EXPECT_EQ((*comments)[0].pupil, "Pupil A");
  EXPECT_EQ((*comments)[0].start_us, seconds_us(6));
  auto predictions = store::list_predictions(*lib, session_);
  ASSERT_TRUE(predictions.ok());
  ASSERT_EQ(predictions->size(), 1u);
  EXPECT_EQ((*predictions)[0].author_id, sam_);
}

TEST_F(LessonStudyScreenshot, ComposerOffersTheCasePupils) {
  set_up_case();
  const fs::path shot = dir_ / "composer.png";
  ASSERT_EQ(studio("seek 3\ncompose\ncompose-pupil \"Pupil B\"\nwait 300\n", shot, "Jo Williams"), 0) << log();
  keep_screenshot(shot);
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  const std::string text = ocr_text(shot, dir_);
  // The picker's row in the composer: "Pupil  [Pupil A] [Pupil B] [None]" (the chosen one
  // is highlighted, which OCR reads badly, so the others are what is read).
  EXPECT_NE(text.find("pupil a"), std::string::npos) << text;
  EXPECT_NE(text.find("none"), std::string::npos) << "the picker's None button" << text;
  // The timeline has a lane per case pupil, labelled in orange at its left, over the lanes'
  // warm background.
  EXPECT_GT(count_colour(img, 0, img.h - 300, 120, img.h, {236, 152, 60}, 40), 60) << "no pupil lane labels";
  EXPECT_GT(count_colour(img, 140, img.h - 300, img.w, img.h, {56, 48, 40}, 3), 4000) << "no pupil lanes drawn";
}
