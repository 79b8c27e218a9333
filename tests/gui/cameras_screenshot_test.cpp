// Two cameras in lockstep in the window (issue 15): a 25 fps camera (the session clock) and
// a 30 fps one placed 1.5 s later, both showing a stripe barcode of their own frame index.
// After a seek, frame steps on either camera, reverse play and play, the test reads both
// tiles' counters from the screenshot: each must be the frame a straight decode of that file
// shows at its own time (session time minus its offset). Runs under Xvfb; skips without a
// display or the ffmpeg CLI.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "base/uuid.hpp"
#include "screenshot_util.hpp"
#include "store/library.hpp"

using namespace triad;
using namespace triad::test;

namespace {

constexpr int kRow = 330;             // through the middle of both tiles
constexpr int kSplit = 580;           // side by side: the clock camera left of this x, the other right
constexpr int kVideoRight = 1160;     // the video area's right edge (the comment column follows)
constexpr double kOffsetS = 1.5;      // the second camera's time 0 on the session clock

// The frame a camera at `fps` shows at its own time `t` seconds (frames at n / fps).
int frame_at(double t, int fps) { return static_cast<int>(std::floor(t * fps + 1e-9)); }

class CamerasScreenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = gui_unavailable(); !why.empty()) GTEST_SKIP() << why;
    studio_ = fs::path(TRIAD_BINARY_DIR) / "src/studio/triad-studio";
    triad_ = fs::path(TRIAD_BINARY_DIR) / "src/cli/triad";
    ASSERT_TRUE(fs::exists(studio_)) << studio_;
    dir_ = fs::temp_directory_path() / ("triad-cameras-test-" + new_uuid());
    fs::create_directories(dir_);
    ASSERT_EQ(make_barcode_video(dir_ / "front.mp4", 25, 10), "");
    ASSERT_EQ(make_barcode_video(dir_ / "table.mp4", 30, 8), "");
    const std::string db = " --db \"" + (dir_ / "lib.triad").string() + "\" ";
    const std::string quiet = " >>\"" + (dir_ / "cli.log").string() + "\" 2>&1";
    ASSERT_EQ(run("\"" + triad_.string() + "\"" + db + "session create --title Cameras --date 2026-12-01 --recording \"" +
                  (dir_ / "front.mp4").string() + "\"" + quiet), 0);
    ASSERT_EQ(run("\"" + triad_.string() + "\"" + db + "recording add --session 1 --label \"Pupil table\" \"" +
                  (dir_ / "table.mp4").string() + "\"" + quiet), 0);
    ASSERT_EQ(run("\"" + triad_.string() + "\"" + db + "recording offset --session 1 --recording 2 --set 1.5" + quiet), 0);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  // Runs the studio on session 1 with `script`; reads both tiles.
  void shoot(const std::string& script, const std::string& name) {
    const fs::path shot = dir_ / (name + ".png");
    ASSERT_EQ(run_studio(studio_, dir_, "--db \"" + (dir_ / "lib.triad").string() + "\" --as Tester --session 1", script,
                         shot),
              0)
        << studio_log(dir_);
    keep_screenshot(shot);
    ASSERT_TRUE(read_png(shot, img_));
    front_ = read_barcode_between(img_, kRow, 0, kSplit);
    table_ = read_barcode_between(img_, kRow, kSplit, kVideoRight);
    shot_ = shot;
  }
  // The session time the clock camera's picture stands for, from the saved playhead.
  TimeUs saved_position() {
    auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
    if (!lib) return -1;
    auto v = lib->get_setting("studio.session.1.view");
    if (!v || !*v) return -1;
    auto j = nlohmann::json::parse(**v, nullptr, false);
    return j.is_object() ? j.value("position_us", TimeUs{-1}) : -1;
  }

  fs::path studio_, triad_, dir_, shot_;
  Image img_;
  int front_ = -1, table_ = -1;
};

TEST_F(CamerasScreenshot, SeekShowsEachCamerasOwnFrame) {
  shoot("seek 5.2\n", "seek");
  EXPECT_EQ(front_, frame_at(5.2, 25));             // 130
  EXPECT_EQ(table_, frame_at(5.2 - kOffsetS, 30));  // 111
}

// The timeline shows the second camera's extent: a bar from 1.5 s to 9.5 s of the 10 s
// session, in the row under the waveform.
TEST_F(CamerasScreenshot, TimelineShowsTheOtherCamerasExtent) {
  shoot("seek 5.2\n", "extent");
  constexpr double kTrackX0 = 130, kTrackX1 = 1586;  // the timeline's track at 1600x900
  int best_row = -1, left = -1, right = -1;
  for (int y = 760; y < 830 && best_row < 0; ++y) {
    int l = -1, r = -1;
    for (int x = static_cast<int>(kTrackX0); x < static_cast<int>(kTrackX1); ++x)
      if (near(img_.at(x, y), {102, 170, 176}, 12)) {
        if (l < 0) l = x;
        r = x;
      }
    if (l >= 0 && r - l > 200) best_row = y, left = l, right = r;
  }
  ASSERT_GE(best_row, 0) << "no extent bar under the waveform";
  EXPECT_NEAR((left - kTrackX0) / (kTrackX1 - kTrackX0), 0.15, 0.02);
  EXPECT_NEAR((right - kTrackX0) / (kTrackX1 - kTrackX0), 0.95, 0.02);
}

TEST_F(CamerasScreenshot, StepOnTheClockCameraMovesTheOther) {
  shoot("seek 5.2\nstep\nstep\n", "step-clock");
  EXPECT_EQ(front_, 132);                                 // 5.28 s
  EXPECT_EQ(table_, frame_at(132 / 25.0 - kOffsetS, 30)); // 3.78 s -> 113
}

// `camera 2` makes the other camera the one that steps: it moves one of its own (30 fps)
// frames each time, and the clock camera shows its frame at that session time.
TEST_F(CamerasScreenshot, StepOnTheSecondCameraMovesTheClock) {
  shoot("seek 5.2\ncamera 2\nstep\nstep\n", "step-second");
  EXPECT_EQ(table_, 113);                                // 111 + 2
  EXPECT_EQ(front_, frame_at(113 / 30.0 + kOffsetS, 25)); // 5.2667 s -> 131
  shoot("seek 5.2\ncamera 2\nstep -1\n", "step-second-back");
  EXPECT_EQ(table_, 110);
  EXPECT_EQ(front_, frame_at(110 / 30.0 + kOffsetS, 25)); // 5.1667 s -> 129
}

// Backwards (J) then stopped (K): both cameras stop on the frames of one session time.
TEST_F(CamerasScreenshot, ReversePlayKeepsBothInStep) {
  shoot("seek 7\nkey J\nwait 800\nkey K\n", "reverse");
  ASSERT_GE(front_, 0);
  EXPECT_LT(front_, 175) << "the clock camera went backwards";
  const TimeUs at = saved_position();
  ASSERT_GE(at, 0);
  EXPECT_EQ(front_, frame_at(static_cast<double>(at) / 1e6, 25));
  EXPECT_EQ(table_, frame_at(static_cast<double>(at) / 1e6 - kOffsetS, 30));
}

TEST_F(CamerasScreenshot, PlayThenPauseKeepsBothInStep) {
  shoot("seek 3\nplay 700\npause\n", "play");
  const TimeUs at = saved_position();
  ASSERT_GT(at, 3'000'000) << "it played";
  EXPECT_EQ(front_, frame_at(static_cast<double>(at) / 1e6, 25));
  EXPECT_EQ(table_, frame_at(static_cast<double>(at) / 1e6 - kOffsetS, 30));
}

// Placing the second camera by hand in the window: a nudge of +500 ms, then a typed offset;
// its tile follows at once and the placement is stored for the session.
TEST_F(CamerasScreenshot, NudgeAndTypedOffsetMoveTheSecondCamera) {
  shoot("seek 5.2\ncamera-offset 2 +500\n", "nudged");
  EXPECT_EQ(front_, frame_at(5.2, 25));
  EXPECT_EQ(table_, frame_at(5.2 - 2.0, 30));  // 96
  shoot("seek 5.2\ncamera-offset 2 1.0\n", "typed");
  EXPECT_EQ(table_, frame_at(5.2 - 1.0, 30));  // 126
}

// Before the second camera starts its tile says when it does, and shows no picture.
TEST_F(CamerasScreenshot, BeforeTheSecondCameraStartsItsTileSaysSo) {
  if (const std::string why = ocr_unavailable(); !why.empty()) GTEST_SKIP() << why;
  shoot("seek 1\n", "before");
  EXPECT_EQ(front_, 25);
  EXPECT_EQ(table_, -1) << "no picture before it starts";
  const std::string text = ocr_text(shot_, dir_);
  EXPECT_NE(text.find("starts at 00:00:01.500"), std::string::npos) << text;
}

// Shift+V cycles the layout and V the large camera; both are kept for the session: a new
// start shows the second camera large on the left.
TEST_F(CamerasScreenshot, LayoutAndLargeCameraAreKeptPerSession) {
  shoot("seek 5.2\nlayout large\ncamera 2\n", "large");
  // Large: the focused camera fills the left three quarters.
  EXPECT_EQ(read_barcode_between(img_, kRow, 0, 860), frame_at(5.2 - kOffsetS, 30));
  shoot("seek 5.2\n", "large-again");
  EXPECT_EQ(read_barcode_between(img_, kRow, 0, 860), frame_at(5.2 - kOffsetS, 30));
}

}  // namespace
