// Reverse play (the J key) on a ManualClock: the clock runs back at the shuttle rate, the
// stepper serves the frame at the clock's time, frames are skipped (not shown late) when
// decoding falls behind, and it stops cleanly at 0. Plus the real decoder on a generated clip.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
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

constexpr TimeUs kFrame = 40'000;  // 25 fps

// Frames on a 40 ms grid. `cost` runs inside each call (with the player's lock released), so
// a test can let the clock move as a slow decode would, or call into the player meanwhile.
class GridStepper final : public FrameStepper {
 public:
  std::function<void(TimeUs)> cost;
  std::vector<TimeUs> asked;  // frame_at targets
  int steps = 0;
  Result<SteppedFrame> step(TimeUs from_us, int direction) override {
    ++steps;
    return frame(std::max<TimeUs>(0, from_us / kFrame * kFrame + direction * kFrame));
  }
  Result<SteppedFrame> frame_at(TimeUs t_us) override {
    asked.push_back(t_us);
    if (cost) cost(t_us);
    return frame(std::max<TimeUs>(0, t_us) / kFrame * kFrame);
  }

 private:
  static SteppedFrame frame(TimeUs pts) {
    SteppedFrame f;
    f.pts_us = pts;
    auto vf = std::make_shared<media::VideoFrame>();
    vf->pts_us = pts;
    f.frame = vf;
    return f;
  }
};

struct Rig {
  explicit Rig(TimeUs start = seconds_us(5), bool with_stepper = true)
      : clock(seconds_us(1)), player(clock, nullptr, &video, manual()) {
    auto src = std::make_unique<test::FakeSource>(seconds_us(10), kFrame, false);
    source = src.get();
    std::unique_ptr<FrameStepper> st;
    if (with_stepper) {
      auto g = std::make_unique<GridStepper>();
      stepper = g.get();
      st = std::move(g);
    }
    player.open(std::move(src), start, std::move(st));
    player.pump();
  }
  static PlayerOptions manual() {
    PlayerOptions o;
    o.run_thread = false;
    return o;
  }
  // Moves the clock on in `step` increments, pumping after each.
  void run(TimeUs total, TimeUs step = 10'000) {
    for (TimeUs t = 0; t < total; t += step) {
      clock.advance(step);
      player.pump();
    }
  }
  PlayerSnapshot snap() const { return player.snapshot(); }

  ManualClock clock;
  NullVideoSink video;
  Player player;
  test::FakeSource* source = nullptr;
  GridStepper* stepper = nullptr;
};

TEST(Player_Reverse, ShowsEarlierFramesAtRealTime) {
  Rig r;
  ASSERT_EQ(r.snap().frame_pts_us, seconds_us(5));
  r.player.play_reverse(1.0);
  auto s = r.snap();
  EXPECT_TRUE(s.reversing);
  EXPECT_FALSE(s.playing) << "no forward playback (and no sound) while going backwards";
  for (int i = 1; i <= 50; ++i) {
    r.run(kFrame, kFrame);
    s = r.snap();
    ASSERT_EQ(s.position_us, seconds_us(5) - i * kFrame);
    ASSERT_EQ(s.frame_pts_us, seconds_us(5) - i * kFrame) << "the frame at the clock's time, step " << i;
  }
  EXPECT_EQ(s.stats.frames_dropped, 0);
  EXPECT_EQ(r.stepper->asked.size(), 50u) << "one picture per frame time, no more";
  EXPECT_EQ(r.source->seeks, 1) << "the pipeline is left alone (only open's seek)";
}

TEST(Player_Reverse, RateScalesTheClockAndAgainChangesItFromWhereItIs) {
  Rig r;
  r.player.play_reverse(2.0);
  r.run(seconds_us(1));
  EXPECT_EQ(r.snap().position_us, seconds_us(3));
  EXPECT_EQ(r.snap().frame_pts_us, seconds_us(3));
  r.player.play_reverse(4.0);  // J again
  EXPECT_EQ(r.snap().position_us, seconds_us(3)) << "no jump when the rate changes";
  EXPECT_DOUBLE_EQ(r.snap().reverse_rate, 4.0);
  r.run(500'000);
  EXPECT_EQ(r.snap().position_us, seconds_us(1));
}

TEST(Player_Reverse, SlowDecodingSkipsFramesInsteadOfSlowingDown) {
  Rig r;
  // Every 25th frame starts a "cold GOP" that takes 300 ms to decode; the rest are cached.
  r.stepper->cost = [&](TimeUs t) {
    if ((t / kFrame) % 25 == 24) r.clock.advance(300'000);
  };
  r.player.play_reverse(1.0);
  const TimeUs wall_start = r.clock.now_us();
  r.run(seconds_us(3));
  const auto s = r.snap();
  const TimeUs elapsed = r.clock.now_us() - wall_start;
  EXPECT_EQ(s.position_us, seconds_us(5) - elapsed) << "the clock does not wait for the decoder";
  EXPECT_GT(s.stats.frames_dropped, 0);
  // The picture is never more than one slow decode behind the clock.
  EXPECT_LE(s.frame_pts_us - s.position_us, 300'000 + kFrame);
  EXPECT_LT(r.stepper->asked.size(), static_cast<std::size_t>(elapsed / kFrame)) << "frames were passed over";
  // Every picture asked for is earlier than the one before.
  for (std::size_t i = 1; i < r.stepper->asked.size(); ++i) ASSERT_LT(r.stepper->asked[i], r.stepper->asked[i - 1]);
}

TEST(Player_Reverse, StopsCleanlyAtTheStart) {
  Rig r(600'000);
  r.player.play_reverse(2.0);
  r.run(seconds_us(1));
  auto s = r.snap();
  EXPECT_FALSE(s.reversing);
  EXPECT_FALSE(s.playing);
  EXPECT_EQ(s.position_us, 0);
  EXPECT_EQ(s.frame_pts_us, 0);
  EXPECT_FALSE(s.last_error.has_value());
  const auto asked = r.stepper->asked.size();
  r.run(seconds_us(1));
  EXPECT_EQ(r.stepper->asked.size(), asked) << "nothing more is asked once stopped";
  // Playing forward from there re-seeks the pipeline at 0.
  r.player.play();
  r.player.pump();
  EXPECT_EQ(r.source->last_seek_target.value_or(-1), 0);
  EXPECT_TRUE(r.snap().playing);
}

TEST(Player_Reverse, ReachingTheFirstFrameStopsEvenIfItIsNotAtZero) {
  // A stepper whose first frame is at 80 ms (e.g. a start offset): asking before it gives it again.
  Rig r(seconds_us(1));
  struct Late final : FrameStepper {
    Result<SteppedFrame> step(TimeUs, int) override { return make_error("unused"); }
    Result<SteppedFrame> frame_at(TimeUs t) override {
      SteppedFrame f;
      f.pts_us = std::max<TimeUs>(80'000, t / kFrame * kFrame);
      f.frame = std::make_shared<media::VideoFrame>();
      ++calls;
      return f;
    }
    int calls = 0;
  };
  auto late = std::make_unique<Late>();
  Late* l = late.get();
  r.player.open(std::make_unique<test::FakeSource>(seconds_us(10), kFrame, false), seconds_us(1), std::move(late));
  r.player.pump();
  r.player.play_reverse(1.0);
  r.run(seconds_us(2));
  const auto s = r.snap();
  EXPECT_FALSE(s.reversing);
  EXPECT_EQ(s.position_us, 0);
  EXPECT_EQ(s.frame_pts_us, 80'000);
  EXPECT_LE(l->calls, 30) << "no spinning on the first frame";
}

TEST(Player_Reverse, PauseKeepsThePictureAndStepsGoOnFromIt) {
  Rig r;
  // The decoder falls behind: the picture lags the clock when K is pressed.
  r.stepper->cost = [&](TimeUs) { r.clock.advance(100'000); };
  r.player.play_reverse(1.0);
  r.run(250'000, 50'000);
  const TimeUs shown = r.snap().frame_pts_us;
  ASSERT_LT(shown, seconds_us(5));
  r.player.pause();
  auto s = r.snap();
  EXPECT_FALSE(s.reversing);
  EXPECT_EQ(s.position_us, shown) << "stopping lands on the picture shown, which does not change";
  EXPECT_EQ(s.frame_pts_us, shown);
  r.run(seconds_us(1));
  EXPECT_EQ(r.snap().frame_pts_us, shown);
  r.stepper->cost = nullptr;
  r.player.step(-1);
  r.player.pump();
  EXPECT_EQ(r.snap().frame_pts_us, shown - kFrame);
  EXPECT_EQ(r.stepper->steps, 1);
}

TEST(Player_Reverse, AFrameStillBeingFetchedWhenStoppedIsNotShown) {
  Rig r;
  r.player.play_reverse(1.0);
  r.run(kFrame, kFrame);
  const TimeUs before = r.snap().frame_pts_us;
  // K arrives while the next picture is being decoded (the player's lock is released then).
  r.stepper->cost = [&](TimeUs) { r.player.pause(); };
  r.clock.advance(kFrame);
  r.player.pump();
  const auto s = r.snap();
  EXPECT_FALSE(s.reversing);
  EXPECT_EQ(s.frame_pts_us, before);
  EXPECT_EQ(s.position_us, before);
}

TEST(Player_Reverse, SeekOrPlayEndsIt) {
  Rig r;
  r.player.play_reverse(1.0);
  r.run(200'000);
  r.player.seek(seconds_us(8));
  r.player.pump();
  auto s = r.snap();
  EXPECT_FALSE(s.reversing);
  EXPECT_EQ(s.frame_pts_us, seconds_us(8));
  EXPECT_EQ(r.source->last_seek_target.value_or(-1), seconds_us(8));

  r.player.play_reverse(1.0);
  r.run(400'000, kFrame);
  const TimeUs shown = r.snap().frame_pts_us;
  EXPECT_EQ(shown, seconds_us(8) - 400'000);
  r.player.play();  // L after J: forward from the picture shown, the pipeline re-seeked there
  r.player.pump();
  s = r.snap();
  EXPECT_FALSE(s.reversing);
  EXPECT_TRUE(s.playing);
  EXPECT_EQ(r.source->last_seek_target.value_or(-1), shown);
}

TEST(Player_Reverse, NeedsAStepper) {
  Rig r(seconds_us(5), false);
  r.player.play_reverse(1.0);
  EXPECT_FALSE(r.snap().reversing);
  EXPECT_EQ(r.snap().position_us, seconds_us(5));
}

struct Linear {
  std::vector<TimeUs> pts;
  std::vector<std::string> md5;
};

TEST(Player_Reverse, DecoderShowsTheLinearDecodesFramesBackwardsAcrossGops) {
  const auto clip = test::make_clip(
      "reverse.mp4",
      "-f lavfi -i testsrc2=size=320x240:rate=25 -t 5 -c:v libx264 -preset ultrafast -x264-params bframes=2 "
      "-g 25 -keyint_min 25 -sc_threshold 0 -pix_fmt yuv420p");
  TRIAD_REQUIRE_MEDIA(!clip.empty(), "the test clip");
  Linear lin;
  {
    auto d = media::VideoDecoder::open(clip);
    ASSERT_TRUE(d.ok()) << d.error().message;
    ASSERT_TRUE(d.value()
                    ->decode_all([&](const media::VideoFrame& f) {
                      lin.pts.push_back(f.pts_us);
                      lin.md5.push_back(media::frame_md5(f));
                      return true;
                    })
                    .ok());
  }
  ASSERT_GE(lin.pts.size(), 100u);

  ManualClock clock(seconds_us(1));
  NullVideoSink video;
  Player player(clock, nullptr, &video, Rig::manual());
  auto pipeline = media::Pipeline::open(clip, {});
  ASSERT_TRUE(pipeline.ok()) << pipeline.error().message;
  auto stepper = DecoderStepper::open(clip);
  ASSERT_TRUE(stepper.ok()) << stepper.error().message;
  std::size_t i = 90;
  player.open(std::move(pipeline.value()), lin.pts[i], std::move(stepper.value()));
  // The pipeline decodes on its own threads: pump until the opening seek has landed.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  do {
    player.pump();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  } while (player.snapshot().buffering && std::chrono::steady_clock::now() < give_up);
  ASSERT_EQ(player.snapshot().frame_pts_us, lin.pts[i]);

  // 70 frames back at 1x cross the GOP starts at frames 75, 50 and 25. On a manual clock the
  // decoder never falls behind, so every frame is shown, each exactly the linear decode's.
  player.play_reverse(1.0);
  for (int n = 0; n < 70; ++n) {
    clock.advance(lin.pts[i] - lin.pts[i - 1]);
    player.pump();
    --i;
    const auto s = player.snapshot();
    ASSERT_EQ(s.frame_pts_us, lin.pts[i]) << "frame back " << n;
    ASSERT_TRUE(s.frame);
    EXPECT_EQ(media::frame_md5(*s.frame), lin.md5[i]) << "frame back " << n;
  }
  EXPECT_EQ(player.snapshot().stats.frames_dropped, 0);
  EXPECT_FALSE(player.snapshot().last_error.has_value());
  // On to the start: it stops there on the first frame.
  clock.advance(seconds_us(2));
  player.pump();
  player.pump();
  const auto s = player.snapshot();
  EXPECT_FALSE(s.reversing);
  EXPECT_EQ(s.position_us, 0);
  EXPECT_EQ(s.frame_pts_us, lin.pts[0]);
}

}  // namespace
}  // namespace triad::playback
