// End-to-end: triad-studio runs a script on a generated video whose frames carry a
// stripe barcode of their index, writes a screenshot, and the test reads the shown
// frame from the PNG, finds the comment on the timeline (next to the playhead) and
// in the list, and checks the library holds it. Runs under Xvfb; skips without a
// display or without the ffmpeg CLI.
#include <gtest/gtest.h>
#include <png.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/uuid.hpp"
#include "screenshot_util.hpp"
#include "store/library.hpp"

using namespace triad;
using namespace triad::test;

namespace {

class StudioScreenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = gui_unavailable(); !why.empty()) GTEST_SKIP() << why;
    studio_ = fs::path(TRIAD_BINARY_DIR) / "src/studio/triad-studio";
    ASSERT_TRUE(fs::exists(studio_)) << studio_;
    dir_ = fs::temp_directory_path() / ("triad-gui-test-" + new_uuid());
    fs::create_directories(dir_);
    video_ = dir_ / "barcode.mp4";
    const std::string failed = make_barcode_video(video_);
    ASSERT_TRUE(failed.empty()) << failed;
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  int studio(const std::string& script_text, const fs::path& shot, const std::string& extra = "") {
    const fs::path script = dir_ / "script.txt";
    std::ofstream(script) << script_text;
    const std::string cmd = "\"" + studio_.string() + "\" --db \"" + (dir_ / "lib.triad").string() + "\" --as Tester --script \"" +
                            script.string() + "\" --screenshot \"" + shot.string() + "\" " + extra +
                            " >\"" + (dir_ / "studio.log").string() + "\" 2>&1";
    return run(cmd);
  }
  std::string log() {
    std::ifstream in(dir_ / "studio.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  std::string setting(const std::string& key) {
    auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
    EXPECT_TRUE(lib.ok());
    if (!lib.ok()) return {};
    auto v = lib->get_setting(key);
    return v.ok() && *v ? **v : std::string();
  }
  // Where the studio left the playhead (the view state saved on quitting).
  TimeUs saved_position() {
    auto j = nlohmann::json::parse(setting("studio.session.1.view"), nullptr, false);
    return j.is_object() ? j.value("position_us", TimeUs{-1}) : -1;
  }

  fs::path studio_, dir_, video_;
};

// Video rows to read: the middle of the video panel (below the 38 px session bar).
constexpr int kVideoRow = 300;

}  // namespace

TEST_F(StudioScreenshot, SeekStepCommentShowRightFrameAndMarker) {
  const fs::path shot = dir_ / "shot.png";
  const std::string script =
      "open " + video_.string() + "\n"
      "seek 00:00:05.2\n"
      "step +1\n"
      "comment took-away \"Pupils paired up straight after the question\"\n"
      "seek 9\n"
      "marker 1\n"
      "seek 00:00:05.24\n";
  ASSERT_EQ(studio(script, shot), 0) << log();
  Image img;
  ASSERT_TRUE(read_png(shot, img)) << "no readable screenshot";
  ASSERT_EQ(img.w, 1600);
  ASSERT_EQ(img.h, 900);
  // 5.24 s at 25 fps is frame 131: the comment's time (paused, so no reaction lag).
  EXPECT_EQ(read_barcode(img, kVideoRow), 131);

  // The library holds both comments, at the right times.
  auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  store::CommentFilter all;
  auto comments = lib->list_comments(all);
  ASSERT_TRUE(comments.ok());
  ASSERT_EQ(comments->size(), 2u);
  EXPECT_EQ((*comments)[0].start_us, 5'240'000) << "paused on a frame, the comment takes that frame";
  EXPECT_EQ((*comments)[0].kind, "took-away");
  EXPECT_EQ((*comments)[1].start_us, 9'000'000);
  ASSERT_EQ((*comments)[1].tags.size(), 1u);

  // Timeline (bottom 230 px): the playhead (amber) and the took-away marker (its kind's
  // green) at the same x; the tag-1 marker further right in its colour.
  const int y0 = img.h - 200;
  double playhead_x = -1, marker_x = 0;
  int marker_n = 0;
  for (int y = y0; y < img.h - 10; ++y)
    for (int x = 0; x < img.w; ++x) {
      auto p = img.at(x, y);
      if (near(p, {240, 196, 96}, 6) && playhead_x < 0) playhead_x = x;
      if (near(p, {120, 180, 150}, 4)) {
        marker_x += x;
        ++marker_n;
      }
    }
  ASSERT_GE(playhead_x, 0) << "no playhead on the timeline";
  ASSERT_GT(marker_n, 20) << "no took-away marker on the timeline";
  EXPECT_NEAR(marker_x / marker_n, playhead_x + 1, 4.0);

  // The comment list (right column) shows the took-away marker dot of that comment.
  int list_dots = 0;
  for (int y = 60; y < 500; ++y)
    for (int x = img.w - 440; x < img.w; ++x) list_dots += near(img.at(x, y), {120, 180, 150}, 4);
  EXPECT_GT(list_dots, 20) << "the comment is not in the list";
}

TEST_F(StudioScreenshot, StepBackLandsOnPreviousFrame) {
  const fs::path shot = dir_ / "back.png";
  ASSERT_EQ(studio("open " + video_.string() + "\nseek 3\nstep -1\nstep -1\n", shot), 0) << log();
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  EXPECT_EQ(read_barcode(img, kVideoRow), 73);
}

TEST_F(StudioScreenshot, UnplayableFileShowsReasonInWindow) {
  const fs::path bad = dir_ / "notes.mp4";
  std::ofstream(bad) << "these are lesson notes, not a video";
  const fs::path shot = dir_ / "bad.png";
  const int rc = studio("", shot, "\"" + bad.string() + "\"");
  EXPECT_NE(rc, 0) << "opening an unplayable file is reported in the exit code";
  Image img;
  ASSERT_TRUE(read_png(shot, img)) << "the window is still drawn: " << log();
  int error_px = 0;
  for (int y = 40; y < 620; ++y)
    for (int x = 0; x < 1100; ++x) error_px += near(img.at(x, y), {232, 120, 110}, 30);
  EXPECT_GT(error_px, 200) << "the reason is written in the video area";
}

// J plays backwards: after a second from 8 s an earlier frame is shown, and K stops on it
// (the picture and the saved playhead agree).
TEST_F(StudioScreenshot, ReversePlayShowsEarlierFramesAndStopsOnOne) {
  const fs::path shot = dir_ / "reverse.png";
  ASSERT_EQ(studio("open " + video_.string() + "\nseek 8\nkey J\nwait 1000\nkey K\n", shot), 0) << log();
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  const int frame = read_barcode(img, kVideoRow);
  // 200 is where it started; a second back at 1x is frame 175, give or take a loaded machine.
  EXPECT_LT(frame, 195) << "the picture went backwards";
  EXPECT_GT(frame, 100) << "about 1x, not a jump";
  EXPECT_EQ(saved_position(), frame * 40'000) << "stopped on the frame shown";
}

// J J near the start: backwards at 2x reaches 0 and stops there on the first frame.
TEST_F(StudioScreenshot, ReversePlayStopsAtTheStart) {
  const fs::path shot = dir_ / "start.png";
  ASSERT_EQ(studio("open " + video_.string() + "\nseek 1\nkey J\nkey J\nwait 1500\n", shot), 0) << log();
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  EXPECT_EQ(read_barcode(img, kVideoRow), 0);
  EXPECT_EQ(saved_position(), 0);
}

// The splitters: dragging the column's edge 200 points left and the timeline's top 100
// points up resizes both panels and persists the layout; a double-click resets one.
TEST_F(StudioScreenshot, SplittersResizePanelsAndPersist) {
  const fs::path shot = dir_ / "split.png";
  // Defaults at 1600x900: the column starts at x 1160, the timeline at y 670.
  const std::string script = "open " + video_.string() +
                             "\nmouse drag 1160 300 960 300\nmouse drag 400 670 400 570\n";
  ASSERT_EQ(studio(script, shot), 0) << log();
  EXPECT_EQ(setting("studio.ui.layout"), "640.000000 330.000000");
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  // The video panel (its near-black background) now ends at x 960 and above y 570 - 46.
  auto video_bg = [&](int x, int y) { return near(img.at(x, y), {12, 13, 15}, 3); };
  EXPECT_TRUE(video_bg(950, 60)) << "video panel left of the new column edge";
  EXPECT_FALSE(video_bg(975, 60)) << "comments right of it";
  // (x 940: the pillarbox right of the picture; the status line covers the bottom left.)
  EXPECT_TRUE(video_bg(940, 515)) << "video above the new timeline top";
  EXPECT_FALSE(video_bg(940, 540)) << "transport bar or timeline below it";

  // Next start: the layout is back; a double-click on the column edge resets only the column.
  ASSERT_EQ(studio("open " + video_.string() + "\nmouse double-click 960 300\n", shot), 0) << log();
  EXPECT_EQ(setting("studio.ui.layout"), "440.000000 330.000000");
}
