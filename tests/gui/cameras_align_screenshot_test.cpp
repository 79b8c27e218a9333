// Aligning a second camera by its sound from the window (issue 15): two barcode cameras whose
// sound is one made-up lesson (bursts of noise), the second starting 2.4 s into it with its
// own hiss and sample rate. `align 2` (the Session panel's "Align by sound") runs the job;
// the test checks the offset stored in the library, the sentence the Recordings section
// shows (tesseract), that the second tile shows its frame for the new placement at once, a
// refusal for unrelated sound, a cancel, and a nudge by one frame of that camera. Runs under
// Xvfb; skips without a display or the ffmpeg CLI.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "base/uuid.hpp"
#include "screenshot_util.hpp"
#include "store/library.hpp"

using namespace triad;
using namespace triad::test;

namespace {

constexpr int kRow = 330;          // through the middle of both tiles
constexpr int kSplit = 580;        // side by side: the clock camera left of this x
constexpr int kVideoRight = 1160;  // the video area's right edge
constexpr double kTruthS = 2.4;    // where the second camera's time 0 falls in the lesson

int frame_at(double t, int fps) { return static_cast<int>(std::floor(t * fps + 1e-9)); }

class CamerasAlign : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = gui_unavailable(); !why.empty()) GTEST_SKIP() << why;
    studio_ = fs::path(TRIAD_BINARY_DIR) / "src/studio/triad-studio";
    triad_ = fs::path(TRIAD_BINARY_DIR) / "src/cli/triad";
    ASSERT_TRUE(fs::exists(studio_)) << studio_;
    dir_ = fs::temp_directory_path() / ("triad-align-test-" + new_uuid());
    fs::create_directories(dir_);
    const fs::path lesson = dir_ / "lesson.wav", other = dir_ / "other.wav";
    // Bursts of pink noise, one level per 21 ms audio frame: onsets everywhere, like speech.
    auto bursts = [&](const fs::path& out, int seed) {
      return run("ffmpeg -nostdin -v error -y -f lavfi -i \"anoisesrc=c=pink:r=48000:d=30:seed=" + std::to_string(seed) +
                 "\" -af \"volume='if(gt(random(0),0.6),1,0.03)':eval=frame\" \"" + out.string() + "\"");
    };
    ASSERT_EQ(bursts(lesson, 31), 0);
    ASSERT_EQ(bursts(other, 41), 0);
    // A camera: barcode video at `rate` for `seconds`, with `sound` from `start` s, heard at
    // `hz` with its own hiss.
    auto camera = [&](const fs::path& out, int rate, int seconds, const fs::path& sound, double start, int hz) {
      char chain[512];
      std::snprintf(chain, sizeof chain,
                    "[1:a]atrim=%.3f:%.3f,asetpts=PTS-STARTPTS,aresample=%d,volume=0.6[s];"
                    "anoisesrc=c=white:seed=%d:a=0.02:r=%d:d=%d[n];[s][n]amix=inputs=2:duration=first:normalize=0[a]",
                    start, start + seconds, hz, hz + rate, hz, seconds);
      return run("ffmpeg -nostdin -v error -y -f lavfi -i \"" + barcode_filter(rate) + "\" -i \"" + sound.string() +
                 "\" -filter_complex \"" + chain + "\" -map 0:v -map \"[a]\" -t " + std::to_string(seconds) +
                 " -c:v libx264 -preset ultrafast -g " + std::to_string(2 * rate) + " -c:a aac \"" + out.string() + "\"");
    };
    ASSERT_EQ(camera(dir_ / "front.mp4", 25, 20, lesson, 0, 48000), 0);
    ASSERT_EQ(camera(dir_ / "table.mp4", 30, 15, lesson, kTruthS, 44100), 0);
    ASSERT_EQ(camera(dir_ / "elsewhere.mp4", 30, 15, other, 0, 44100), 0);
    const std::string db = " --db \"" + (dir_ / "lib.triad").string() + "\" ";
    const std::string quiet = " >>\"" + (dir_ / "cli.log").string() + "\" 2>&1";
    auto cli = [&](const std::string& args) { return run("\"" + triad_.string() + "\"" + db + args + quiet); };
    // Session 1: the lesson's two cameras. Session 2: the front camera and one that filmed another lesson.
    ASSERT_EQ(cli("session create --title Align --date 2026-12-01 --recording \"" + (dir_ / "front.mp4").string() + "\""), 0);
    ASSERT_EQ(cli("recording add --session 1 --label \"Pupil table\" \"" + (dir_ / "table.mp4").string() + "\""), 0);
    ASSERT_EQ(cli("session create --title Unrelated --date 2026-12-02 --recording \"" + (dir_ / "front.mp4").string() + "\""), 0);
    ASSERT_EQ(cli("recording add --session 2 --label \"Other room\" \"" + (dir_ / "elsewhere.mp4").string() + "\""), 0);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  void shoot(int session, const std::string& script, const std::string& name) {
    const fs::path shot = dir_ / (name + ".png");
    // The loudness cache of the window's waveform pass goes to the test's folder.
    const std::string env = "XDG_CACHE_HOME=\"" + (dir_ / "cache").string() + "\" ";
    ASSERT_EQ(run_studio(studio_, dir_,
                         "--db \"" + (dir_ / "lib.triad").string() + "\" --as Tester --session " + std::to_string(session),
                         script, shot, env),
              0)
        << studio_log(dir_);
    keep_screenshot(shot);
    ASSERT_TRUE(read_png(shot, img_));
    front_ = read_barcode_between(img_, kRow, 0, kSplit);
    table_ = read_barcode_between(img_, kRow, kSplit, kVideoRight);
    shot_ = shot;
  }
  // The second recording of `session` as stored.
  std::optional<Recording> second(int session) {
    auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
    if (!lib) return std::nullopt;
    auto recs = lib->recordings_for_session(session);
    if (!recs) return std::nullopt;
    for (const auto& r : *recs)
      if (!r.primary) return r;
    return std::nullopt;
  }

  fs::path studio_, triad_, dir_, shot_;
  Image img_;
  int front_ = -1, table_ = -1;
};

// Must show: the second camera aligned from its sound to within one frame; the window says
// where it now starts, and stores it for the session.
TEST_F(CamerasAlign, AlignBySoundStoresTheOffsetAndSaysSo) {
  if (const std::string why = ocr_unavailable(); !why.empty()) GTEST_SKIP() << why;
  shoot(1, "session-panel on\nalign 2\nalign wait\nwait 300\n", "aligned");
  auto r = second(1);
  ASSERT_TRUE(r);
  EXPECT_NEAR(static_cast<double>(r->sync_offset_us), kTruthS * 1e6, 10'000);
  const std::string text = ocr_text(shot_, dir_);
  EXPECT_NE(text.find("aligned by its sound"), std::string::npos) << text;
  EXPECT_NE(text.find("starts at 00:00:02.4"), std::string::npos) << text;
}

// Once aligned, the second tile shows the frame of its new placement (no reopening).
TEST_F(CamerasAlign, AlignedCameraShowsItsFrameAtOnce) {
  shoot(1, "seek 5.2\nalign 2\nalign wait\nseek 5.25\n", "aligned-tiles");
  EXPECT_EQ(front_, frame_at(5.25, 25));           // 131
  EXPECT_EQ(table_, frame_at(5.25 - kTruthS, 30)); // 85
}

// Must show: a recording with unrelated sound is refused, with the sentence, and stays put.
TEST_F(CamerasAlign, UnrelatedSoundIsRefusedAndNothingMoves) {
  if (const std::string why = ocr_unavailable(); !why.empty()) GTEST_SKIP() << why;
  shoot(2, "session-panel on\nalign 2\nalign wait\nwait 300\n", "refused");
  auto r = second(2);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sync_offset_us, 0);
  // Which sentence depends on how far the match got (no shared sound at all, or only a rough
  // one); each says it was not aligned and why.
  const std::string text = ocr_text(shot_, dir_);
  EXPECT_TRUE(text.find("does not share sound") != std::string::npos || text.find("not aligned") != std::string::npos)
      << text;
  EXPECT_EQ(text.find("aligned by its sound"), std::string::npos) << text;
}

// Cancel stops the job; the camera stays where it was.
TEST_F(CamerasAlign, CancelLeavesTheCameraWhereItWas) {
  if (const std::string why = ocr_unavailable(); !why.empty()) GTEST_SKIP() << why;
  shoot(1, "session-panel on\nalign 2\nalign cancel\nalign wait\nwait 300\n", "cancelled");
  auto r = second(1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sync_offset_us, 0);
  const std::string text = ocr_text(shot_, dir_);
  EXPECT_NE(text.find("was cancelled"), std::string::npos) << text;
}

// The Recordings section's "+1 frame": one frame of that camera (30 fps), after a typed start.
TEST_F(CamerasAlign, FrameNudgeMovesOneFrameOfThatCamera) {
  shoot(1, "camera-offset 2 2.4\ncamera-offset 2 +1f\nseek 5.25\n", "frame-nudge");
  auto r = second(1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sync_offset_us, 2'400'000 + 33'333);
  EXPECT_EQ(table_, frame_at(5.25 - 2.433333, 30));  // 84
}

}  // namespace
