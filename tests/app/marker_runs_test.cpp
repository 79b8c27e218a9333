// The timeline's dense-lane rule (app/marker_runs.hpp): what is hidden, what is drawn as a run.
#include <gtest/gtest.h>

#include "app/marker_runs.hpp"

namespace triad::app {
namespace {

constexpr std::uint32_t kGreen = 0xff00ff00, kBlue = 0xffff0000;
using Kind = MarkerShape::Kind;

TEST(MarkerRuns, AMarkerUnderTheLastKeptOneIsHidden) {
  MarkerRuns lane;
  ASSERT_TRUE(lane.shows(100.0f));
  lane.add(100.0f, kGreen);
  EXPECT_FALSE(lane.shows(101.9f));
  EXPECT_FALSE(lane.shows(102.5f));
  EXPECT_TRUE(lane.shows(103.0f));
}

TEST(MarkerRuns, FarMarkersAreDiscs) {
  MarkerRuns lane;
  lane.add(10.0f, kGreen);
  lane.add(30.0f, kBlue);
  const auto shapes = lane.shapes();
  ASSERT_EQ(shapes.size(), 2u);
  EXPECT_EQ(shapes[0].kind, Kind::Disc);
  EXPECT_FLOAT_EQ(shapes[0].x0, 10.0f);
  EXPECT_EQ(shapes[1].kind, Kind::Disc);
  EXPECT_EQ(shapes[1].colour, kBlue);
}

// Close markers: the first disc, then what shows of each one between (from its left edge to
// the next one's), then the last disc whole; neighbours of one colour as one band.
TEST(MarkerRuns, CloseMarkersAreTheFirstDiscBandsAndTheLastDisc) {
  MarkerRuns lane;
  const float r = lane.radius();
  lane.add(10.0f, kGreen);
  lane.add(13.0f, kBlue);
  lane.add(16.0f, kBlue);
  lane.add(19.5f, kGreen);
  lane.add(23.0f, kGreen);
  const auto shapes = lane.shapes();
  ASSERT_EQ(shapes.size(), 4u);
  EXPECT_EQ(shapes[0].kind, Kind::Disc);
  EXPECT_EQ(shapes[0].colour, kGreen);
  EXPECT_EQ(shapes[1].kind, Kind::Band);
  EXPECT_EQ(shapes[1].colour, kBlue);
  EXPECT_FLOAT_EQ(shapes[1].x0, 13.0f - r);
  EXPECT_FLOAT_EQ(shapes[1].x1, 19.5f - r);
  EXPECT_EQ(shapes[2].kind, Kind::Band);
  EXPECT_EQ(shapes[2].colour, kGreen);
  EXPECT_FLOAT_EQ(shapes[2].x0, 19.5f - r);
  EXPECT_FLOAT_EQ(shapes[2].x1, 23.0f - r);
  EXPECT_EQ(shapes[3].kind, Kind::Disc);
  EXPECT_FLOAT_EQ(shapes[3].x0, 23.0f);
}

TEST(MarkerRuns, ALaneCodedAllAlongInOneColourIsThreeShapes) {
  MarkerRuns lane;
  int kept = 0;
  for (int i = 0; i < 20000; ++i) {  // a comment every 0.07 px across 1,400 px
    const float x = 100.0f + static_cast<float>(i) * 0.07f;
    if (!lane.shows(x)) continue;
    lane.add(x, kGreen);
    ++kept;
  }
  EXPECT_GT(kept, 400);
  EXPECT_EQ(lane.shapes().size(), 3u);
}

TEST(MarkerRuns, GapsScaleWithTheWindow) {
  MarkerRuns lane(2.0f);  // a HiDPI window: 4 px is 8 device px
  lane.add(10.0f, kGreen);
  lane.add(17.0f, kGreen);
  lane.add(24.0f, kGreen);
  const auto shapes = lane.shapes();
  ASSERT_EQ(shapes.size(), 3u);
  EXPECT_EQ(shapes[1].kind, Kind::Band);
  EXPECT_FLOAT_EQ(lane.radius(), 11.0f);
}

}  // namespace
}  // namespace triad::app
