// Where each recording lies on the timeline (issue 15): the x range of each recording's bar
// for a view, offset and drift applied, cut at the view's edges; nothing for one recording.
#include <gtest/gtest.h>

#include "app/recording_extents.hpp"

namespace triad::app {
namespace {

Recording rec(RowId id, TimeUs offset_us, TimeUs duration_us, std::int64_t drift_ppb = 0) {
  Recording r;
  r.id = id;
  r.primary = id == 1;
  r.sync_offset_us = offset_us;
  r.duration_us = duration_us;
  r.drift_ppb = drift_ppb;
  return r;
}

// The timeline's track from x 100 to 1100: 1000 units for the 20 s lesson, 50 units a second.
constexpr float kX0 = 100, kX1 = 1100;

TEST(RecordingExtents, OneRecordingHasNoRows) {
  EXPECT_TRUE(recording_extents({rec(1, 0, 20'000'000)}, 0, 20'000'000, kX0, kX1).empty());
  EXPECT_TRUE(recording_extents({}, 0, 20'000'000, kX0, kX1).empty());
}

TEST(RecordingExtents, ALateStartAnEarlyEndAndAGapShowWhereTheyAre) {
  const auto bars = recording_extents({rec(1, 0, 20'000'000),            // the clock: the whole lesson
                                       rec(2, 1'750'000, 15'000'000),    // a lapel microphone from 1.75 s to 16.75 s
                                       rec(3, 12'000'000, 4'000'000)},   // a phone from 12 s to 16 s
                                      0, 20'000'000, kX0, kX1);
  ASSERT_EQ(bars.size(), 3u);
  EXPECT_FLOAT_EQ(bars[0].x0, kX0);
  EXPECT_FLOAT_EQ(bars[0].x1, kX1);
  EXPECT_EQ(bars[1].index, 1u);
  EXPECT_TRUE(bars[1].shown);
  EXPECT_FLOAT_EQ(bars[1].x0, kX0 + 87.5f);   // 1.75 s
  EXPECT_FLOAT_EQ(bars[1].x1, kX0 + 837.5f);  // 16.75 s
  EXPECT_EQ(bars[1].start_us, 1'750'000);
  EXPECT_EQ(bars[1].end_us, 16'750'000);
  EXPECT_FLOAT_EQ(bars[2].x0, kX0 + 600);
  EXPECT_FLOAT_EQ(bars[2].x1, kX0 + 800);
  EXPECT_FALSE(bars[2].goes_on_before || bars[2].goes_on_after);
}

// A clock running 100 ppm slow over 100 minutes ends 0.6 s later on the session clock.
TEST(RecordingExtents, DriftMovesTheEnd) {
  const TimeUs hundred_min = 6'000'000'000;
  const auto bars = recording_extents({rec(1, 0, hundred_min), rec(2, 0, hundred_min, 100'000)}, 0, hundred_min + 1'000'000'000,
                                      kX0, kX1);
  ASSERT_EQ(bars.size(), 2u);
  EXPECT_NEAR(static_cast<double>(bars[1].end_us), static_cast<double>(hundred_min) / 1.0001, 2.0);
  const auto slow = recording_extents({rec(1, 0, hundred_min), rec(2, 0, hundred_min, -100'000)}, 0, hundred_min, kX0, kX1);
  EXPECT_GT(slow[1].end_us, hundred_min + 599'000);
  EXPECT_TRUE(slow[1].goes_on_after);
  EXPECT_FLOAT_EQ(slow[1].x1, kX1);
}

// Zoomed in: bars are cut at the view's edges; one wholly outside is not shown.
TEST(RecordingExtents, ZoomedInBarsAreCutAtTheEdges) {
  const auto bars = recording_extents({rec(1, 0, 20'000'000), rec(2, -3'000'000, 8'000'000), rec(3, 15'000'000, 5'000'000)},
                                      4'000'000, 10'000'000, kX0, kX1);  // the view: 4 s to 14 s, 100 units a second
  ASSERT_EQ(bars.size(), 3u);
  EXPECT_TRUE(bars[0].goes_on_before && bars[0].goes_on_after);
  EXPECT_TRUE(bars[1].shown);  // -3 s to 5 s: its last second shows
  EXPECT_TRUE(bars[1].goes_on_before);
  EXPECT_FLOAT_EQ(bars[1].x0, kX0);
  EXPECT_FLOAT_EQ(bars[1].x1, kX0 + 100);
  EXPECT_FALSE(bars[2].shown);  // 15 s to 20 s: after the view
}

}  // namespace
}  // namespace triad::app
