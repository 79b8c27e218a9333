// Frame stepping through the media engine's decoder cache, driven by the Player.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "fake_source.hpp"
#include "media/decoder.hpp"
#include "media/pipeline.hpp"
#include "playback/clock.hpp"
#include "playback/null_sinks.hpp"
#include "playback/player.hpp"
#include "playback/stepper.hpp"
#include "test_media.hpp"
#include "../media_tool.hpp"

namespace triad::playback {
namespace {

PlayerOptions manual() {
  PlayerOptions o;
  o.run_thread = false;
  return o;
}

// Steps by 40 ms and, from inside the step, reads the player's snapshot: that would
// deadlock if the player held its lock while stepping.
class ProbingStepper final : public FrameStepper {
 public:
  Player* player = nullptr;
  int calls = 0;
  Result<SteppedFrame> step(TimeUs from_us, int direction) override {
    ++calls;
    if (player) (void)player->snapshot();
    SteppedFrame f;
    f.pts_us = std::max<TimeUs>(0, from_us + direction * 40'000);
    f.frame = std::make_shared<media::VideoFrame>();
    return f;
  }
  Result<SteppedFrame> frame_at(TimeUs) override { return make_error("not used by these tests"); }
};

TEST(Player_Stepper, StepsRunWithoutThePlayerLock) {
  ManualClock clock;
  NullVideoSink video;
  Player player(clock, nullptr, &video, manual());
  auto stepper = std::make_unique<ProbingStepper>();
  ProbingStepper* probe = stepper.get();
  probe->player = &player;
  player.open(std::make_unique<test::FakeSource>(seconds_us(10), 40'000, false), seconds_us(1), std::move(stepper));
  player.pump();
  player.step(-1);
  player.step(-1);
  player.step(+1);  // queued presses net out: one step back
  for (int i = 0; i < 5; ++i) player.pump();
  EXPECT_EQ(probe->calls, 1);
  EXPECT_EQ(player.snapshot().frame_pts_us, 960'000);
  EXPECT_EQ(player.snapshot().position_us, 960'000);
}

struct Linear {
  std::vector<TimeUs> pts;
  std::vector<std::string> md5;
};

Linear linear_decode(const std::filesystem::path& path) {
  Linear l;
  auto d = media::VideoDecoder::open(path);
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  if (!d.ok()) return l;
  auto st = d.value()->decode_all([&](const media::VideoFrame& f) {
    l.pts.push_back(f.pts_us);
    l.md5.push_back(media::frame_md5(f));
    return true;
  });
  EXPECT_TRUE(st.ok());
  return l;
}

void settle(Player& p) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < give_up) {
    p.pump();
    if (!p.snapshot().buffering) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ADD_FAILURE() << "the player did not settle";
}

TEST(Player_Stepper, DecoderCacheStepsMatchLinearDecodeAcrossGops) {
  const auto clip = test::make_clip(
      "steps.mp4",
      "-f lavfi -i testsrc2=size=320x240:rate=25 -t 6 -c:v libx264 -preset ultrafast -x264-params bframes=2 "
      "-g 25 -keyint_min 25 -sc_threshold 0 -pix_fmt yuv420p");
  TRIAD_REQUIRE_MEDIA(!clip.empty(), "the test clip");
  const Linear lin = linear_decode(clip);
  ASSERT_GE(lin.pts.size(), 100u);

  ManualClock clock;
  NullVideoSink video;
  Player player(clock, nullptr, &video, manual());
  auto pipeline = media::Pipeline::open(clip, {});
  ASSERT_TRUE(pipeline.ok()) << pipeline.error().message;
  auto stepper = DecoderStepper::open(clip);
  ASSERT_TRUE(stepper.ok()) << stepper.error().message;
  std::size_t i = 80;
  player.open(std::move(pipeline.value()), lin.pts[i], std::move(stepper.value()));
  settle(player);
  ASSERT_EQ(player.snapshot().frame_pts_us, lin.pts[i]);

  // 60 steps back cross two GOP boundaries (every 25 frames); then 30 forward.
  for (int n = 0; n < 60; ++n) {
    player.step(-1);
    player.pump();
    --i;
    const auto s = player.snapshot();
    ASSERT_EQ(s.frame_pts_us, lin.pts[i]) << "step back " << n;
    ASSERT_TRUE(s.frame);
    EXPECT_EQ(media::frame_md5(*s.frame), lin.md5[i]) << "step back " << n;
  }
  for (int n = 0; n < 30; ++n) {
    player.step(+1);
    player.pump();
    ++i;
    const auto s = player.snapshot();
    ASSERT_EQ(s.frame_pts_us, lin.pts[i]) << "step forward " << n;
    EXPECT_EQ(media::frame_md5(*s.frame), lin.md5[i]) << "step forward " << n;
  }
  EXPECT_FALSE(player.snapshot().last_error.has_value());
  // Playing resumes from the stepped-to frame: the pipeline is re-seeked there.
  player.play();
  settle(player);
  EXPECT_EQ(player.snapshot().frame_pts_us, lin.pts[i]);
  EXPECT_EQ(player.snapshot().position_us, lin.pts[i]);
}

}  // namespace
}  // namespace triad::playback
