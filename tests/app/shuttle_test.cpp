// The J/K/L shuttle's state machine (app/shuttle.hpp).
#include <gtest/gtest.h>

#include <initializer_list>

#include "app/shuttle.hpp"

using namespace triad::app;

namespace {

Shuttle press(Shuttle s, std::initializer_list<ShuttleKey> keys) {
  for (ShuttleKey k : keys) s = shuttle_press(s, k);
  return s;
}

constexpr auto J = ShuttleKey::Back;
constexpr auto K = ShuttleKey::Stop;
constexpr auto L = ShuttleKey::Forward;

TEST(Shuttle_Forward, RepeatedLClimbsToTheEnginesMaximumAndStays) {
  Shuttle s;
  s = press(s, {L});
  EXPECT_EQ(s.direction, 1);
  EXPECT_EQ(s.forward_percent, 100);
  s = press(s, {L});
  EXPECT_EQ(s.forward_percent, 150);
  s = press(s, {L});
  EXPECT_EQ(s.forward_percent, 200);
  s = press(s, {L, L});
  EXPECT_EQ(s.forward_percent, 200);
  EXPECT_EQ(s.direction, 1);
}

TEST(Shuttle_Forward, LFromAStopStartsAt1xWhateverSpeedWasChosen) {
  Shuttle s{0, 50, 100};  // 0.5x chosen with [
  EXPECT_EQ(press(s, {L}), (Shuttle{1, 100, 100}));
  // Going forward at a chosen 0.5x or 1.25x, L climbs from there.
  EXPECT_EQ(press(Shuttle{1, 50, 100}, {L}).forward_percent, 100);
  EXPECT_EQ(press(Shuttle{1, 125, 100}, {L}).forward_percent, 150);
}

TEST(Shuttle_Reverse, RepeatedJPlaysBackwardsFaster) {
  Shuttle s = press(Shuttle{}, {J});
  EXPECT_EQ(s.direction, -1);
  EXPECT_EQ(s.reverse_percent, 100);
  s = press(s, {J});
  EXPECT_EQ(s.reverse_percent, 200);
  s = press(s, {J, J, J});
  EXPECT_EQ(s.reverse_percent, 400);
  EXPECT_EQ(s.direction, -1);
}

TEST(Shuttle_Reverse, TurningRoundStartsAt1x) {
  // Forward at 2x, then J: backwards at 1x; then L: forward at 1x again.
  Shuttle s = press(Shuttle{}, {L, L, L, J});
  EXPECT_EQ(s.direction, -1);
  EXPECT_EQ(s.reverse_percent, 100);
  s = press(s, {J, L});
  EXPECT_EQ(s.direction, 1);
  EXPECT_EQ(s.forward_percent, 100);
}

TEST(Shuttle_Stop, KStopsEitherWayAndKeepsTheForwardSpeed) {
  Shuttle s = press(Shuttle{}, {L, L, K});
  EXPECT_EQ(s.direction, 0);
  EXPECT_EQ(s.forward_percent, 150);
  s = press(Shuttle{}, {J, J, K});
  EXPECT_EQ(s.direction, 0);
  // K (like Space) when stopped plays forward at the chosen speed.
  EXPECT_EQ(press(Shuttle{0, 75, 100}, {K}), (Shuttle{1, 75, 100}));
  // After stopping a reverse, J starts again at 1x.
  EXPECT_EQ(press(Shuttle{}, {J, J, K, J}).reverse_percent, 100);
}

TEST(Shuttle_Ladder, NextRate) {
  EXPECT_EQ(next_shuttle_rate(kShuttleForward, 25), 100);
  EXPECT_EQ(next_shuttle_rate(kShuttleForward, 100), 150);
  EXPECT_EQ(next_shuttle_rate(kShuttleForward, 200), 200);
  EXPECT_EQ(next_shuttle_rate({}, 130), 130);
}

}  // namespace
