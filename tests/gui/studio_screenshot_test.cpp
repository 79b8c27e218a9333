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
    const std::string cmd = "\"" + studio_.string() + "\" --db \"" + (dir_ / "lib.triad").string() + "\" --script \"" +
                            script.string() + "\" --screenshot \"" + shot.string() + "\" " + extra +
                            " >\"" + (dir_ / "studio.log").string() + "\" 2>&1";
    return run(cmd);
  }
  std::string log() {
    std::ifstream in(dir_ / "studio.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
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
      "seek 00:00:04.24\n";
  ASSERT_EQ(studio(script, shot), 0) << log();
  Image img;
  ASSERT_TRUE(read_png(shot, img)) << "no readable screenshot";
  ASSERT_EQ(img.w, 1600);
  ASSERT_EQ(img.h, 900);
  // 4.24 s at 25 fps is frame 106 (the comment's time: 5.24 s minus the 1 s reaction lag).
  EXPECT_EQ(read_barcode(img, kVideoRow), 106);

  // The library holds both comments, at the right times.
  auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  store::CommentFilter all;
  auto comments = lib->list_comments(all);
  ASSERT_TRUE(comments.ok());
  ASSERT_EQ(comments->size(), 2u);
  EXPECT_EQ((*comments)[0].start_us, 4'240'000);
  EXPECT_EQ((*comments)[0].kind, "took-away");
  EXPECT_EQ((*comments)[1].start_us, 8'000'000);
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
