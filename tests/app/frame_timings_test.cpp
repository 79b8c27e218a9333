#include "app/frame_timings.hpp"

#include <gtest/gtest.h>

namespace triad::app {
namespace {

TEST(FrameTimings_Percentile, NearestRank) {
  std::vector<TimeUs> v;
  for (int i = 100; i >= 1; --i) v.push_back(i * 1000);  // 1..100 ms, unsorted
  EXPECT_EQ(FrameTimings::percentile(v, 50), 50'000);
  EXPECT_EQ(FrameTimings::percentile(v, 95), 95'000);
  EXPECT_EQ(FrameTimings::percentile(v, 100), 100'000);
  EXPECT_EQ(FrameTimings::percentile({7}, 95), 7);
  EXPECT_EQ(FrameTimings::percentile({}, 95), 0);
}

TEST(FrameTimings_Summary, SplitsBusyFramesAndKeepsTheFirstPicture) {
  FrameTimings t;
  EXPECT_EQ(t.summary().rfind("no picture shown", 0), 0u);
  for (int i = 0; i < 19; ++i) t.add_frame(4'000, false);
  t.add_frame(30'000, true);
  t.add_frame(6'000, true);
  t.first_picture(412'000);
  t.first_picture(900'000);  // later pictures do not count
  EXPECT_EQ(t.first_picture_us(), 412'000);
  EXPECT_EQ(t.all().frames, 21u);
  EXPECT_EQ(t.all().p50_us, 4'000);
  EXPECT_EQ(t.all().max_us, 30'000);
  EXPECT_EQ(t.busy().frames, 2u);
  EXPECT_EQ(t.busy().p95_us, 30'000);
  const std::string s = t.summary();
  EXPECT_NE(s.find("first picture 412.0 ms after launch"), std::string::npos) << s;
  EXPECT_NE(s.find("max 30.0 ms over 21 frames"), std::string::npos) << s;
  EXPECT_NE(s.find("while thumbnails/waveform were made: p95 30.0 ms, max 30.0 ms over 2"), std::string::npos) << s;
}

}  // namespace
}  // namespace triad::app
