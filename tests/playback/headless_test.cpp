// Headless real-time playback (the engine behind `triad play --headless`) on a generated
// 1080p30 H.264 clip: every frame is shown, none dropped. Asserts on frame counts only.
#include <gtest/gtest.h>

#include "playback/headless.hpp"
#include "test_media.hpp"

namespace triad::playback {
namespace {

TEST(Headless_Play, FullHd30PlaysWithoutDrops) {
  const auto clip = test::make_clip(
      "hd1080p30.mp4",
      "-f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 4 "
      "-c:v libx264 -preset ultrafast -bf 2 -g 60 -pix_fmt yuv420p -c:a aac -shortest");
  if (clip.empty()) GTEST_SKIP() << "ffmpeg could not generate the 1080p test clip";
  HeadlessOptions o;
  o.start_us = 500'000;
  o.seconds_us = 2'000'000;
  auto r = play_headless(clip, o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->has_video);
  EXPECT_TRUE(r->has_audio);
  EXPECT_TRUE(r->error.empty()) << r->error;
  // 2 s at 30 fps: 60 frames after the one shown at the start.
  EXPECT_GE(r->frames_shown, 58);
  EXPECT_LE(r->frames_shown, 61);
  EXPECT_EQ(r->frames_dropped, 0);
  EXPECT_GE(r->end_us, 2'490'000);
}

TEST(Headless_Play, RefusesSpeedsOutsideTheRange) {
  HeadlessOptions o;
  o.speed = 3.0;
  EXPECT_FALSE(play_headless("/nonexistent.mp4", o).ok());
}

}  // namespace
}  // namespace triad::playback
