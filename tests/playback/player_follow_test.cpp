// Player::set_follow on a ManualClock: a second camera's player takes its clock from a
// leader (here a variable the test moves), not from its own wall clock, so it shows the
// frame of the leader's time even when the two clocks run at different rates.
#include <gtest/gtest.h>

#include <memory>

#include "fake_source.hpp"
#include "playback/clock.hpp"
#include "playback/null_sinks.hpp"
#include "playback/player.hpp"

namespace triad::playback {
namespace {

constexpr TimeUs kFrame = 40'000;  // 25 fps

struct Follower {
  Follower() : clock(seconds_us(1)), player(clock, nullptr, &video, manual()) {
    player.set_follow([this]() -> std::optional<TimeUs> { return leader_us; });
    player.open(std::make_unique<test::FakeSource>(seconds_us(20), kFrame, false));
    player.pump();
  }
  static PlayerOptions manual() {
    PlayerOptions o;
    o.run_thread = false;
    return o;
  }
  ManualClock clock;
  NullVideoSink video;
  Player player;
  TimeUs leader_us = 0;
};

// The leader runs 10% faster than this player's own clock (a different device, or drift
// made large): every frame shown is the leader's, never the wall clock's.
TEST(Player_Follow, PlayingShowsTheFrameOfTheLeadersTime) {
  Follower f;
  f.player.seek(seconds_us(2));
  f.player.pump();
  f.leader_us = seconds_us(2);
  f.player.play();
  f.player.pump();
  for (int i = 0; i < 2000; ++i) {
    f.clock.advance(1'000);
    f.leader_us += 1'100;
    f.player.pump();
    const auto s = f.player.snapshot();
    ASSERT_EQ(s.frame_pts_us, f.leader_us / kFrame * kFrame) << "at leader time " << f.leader_us;
    ASSERT_EQ(s.position_us, f.leader_us);
  }
  // Pausing keeps the leader's time, not the player's own.
  f.player.pause();
  EXPECT_EQ(f.player.snapshot().position_us, f.leader_us);
}

TEST(Player_Follow, WithoutALeaderTimeTheWallClockRuns) {
  Follower f;
  f.player.set_follow([]() -> std::optional<TimeUs> { return std::nullopt; });
  f.player.play();
  f.player.pump();
  for (int i = 0; i < 200; ++i) {
    f.clock.advance(1'000);
    f.player.pump();
  }
  EXPECT_EQ(f.player.snapshot().frame_pts_us, 200'000);
}

}  // namespace
}  // namespace triad::playback
