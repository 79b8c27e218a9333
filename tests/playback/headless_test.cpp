// Headless real-time playback (the engine behind `triad play --headless`) on a generated
// 1080p30 H.264 clip: every frame is accounted for. Asserts on frame counts only; whether
// none is dropped in real time is measured by bench/headless_play.sh.
#include <gtest/gtest.h>

#include "playback/headless.hpp"
#include "test_media.hpp"
#include "../media_tool.hpp"

namespace triad::playback {
namespace {

std::filesystem::path hd_clip() {
  return test::make_clip("hd1080p30.mp4",
                         "-f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 4 "
                         "-c:v libx264 -preset ultrafast -bf 2 -g 60 -pix_fmt yuv420p -c:a aac -shortest");
}

// Every picture of the played span is accounted for: shown or dropped, none lost, and
// playback covers the span. Whether this machine shows them all in real time (no drops) is
// a speed figure: bench/headless_play.sh measures it.
TEST(Headless_Play, FullHd30AccountsForEveryPicture) {
  const auto clip = hd_clip();
  TRIAD_REQUIRE_MEDIA(!clip.empty(), "the 1080p test clip");
  HeadlessOptions o;
  o.start_us = 500'000;
  o.seconds_us = 2'000'000;
  auto r = play_headless(clip, o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->has_video);
  EXPECT_TRUE(r->has_audio);
  EXPECT_TRUE(r->error.empty()) << r->error;
  // 2 s at 30 fps: 60 pictures after the one shown at the start, each shown or dropped.
  EXPECT_GE(r->frames_shown + r->frames_dropped, 58);
  EXPECT_LE(r->frames_shown + r->frames_dropped, 61);
  EXPECT_GT(r->frames_shown, 0);
  EXPECT_GE(r->end_us, 2'490'000);
}

// On a file that plays, only the speed decides: outside [0.25, 2] is refused (usage error,
// code 2) before the file is opened, the ends of the range are accepted.
TEST(Headless_Play, RefusesSpeedsOutsideTheRange) {
  const auto clip = hd_clip();
  TRIAD_REQUIRE_MEDIA(!clip.empty(), "the 1080p test clip");
  HeadlessOptions o;
  o.seconds_us = 100'000;
  for (double bad : {3.0, 2.01, 0.2, 0.0, -1.0}) {
    o.speed = bad;
    auto r = play_headless(clip, o);
    ASSERT_FALSE(r.ok()) << "speed " << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kUsage) << r.error().message;
    EXPECT_NE(r.error().message.find("speed"), std::string::npos) << r.error().message;
  }
  for (double good : {0.25, 2.0}) {
    o.speed = good;
    auto r = play_headless(clip, o);
    EXPECT_TRUE(r.ok()) << "speed " << good << ": " << (r.ok() ? "" : r.error().message);
  }
}

}  // namespace
}  // namespace triad::playback
