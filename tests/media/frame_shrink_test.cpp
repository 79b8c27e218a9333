// shrink_frame: a smaller copy with the same layout and colour description.
#include "media/frame_shrink.hpp"

#include <gtest/gtest.h>

#include "media/decoder.hpp"
#include "media_fixture.hpp"

namespace triad::media::test {
namespace {

double mean_luma(const VideoFrame& f) {
  double sum = 0;
  for (int y = 0; y < f.plane_heights[0]; ++y)
    for (int x = 0; x < f.plane_widths[0]; ++x) sum += f.planes[0][y * f.linesizes[0] + x];
  return sum / (static_cast<double>(f.plane_widths[0]) * f.plane_heights[0]);
}

TEST(FrameShrink, KeepsLayoutColourTurnAndTimeWithFewerPixels) {
  auto dec = VideoDecoder::open(clip("rotated.mov"));  // 320x180, turned 90 degrees
  ASSERT_TRUE(dec.ok()) << dec.error().message;
  auto f = (*dec)->seek(seconds_us(1));
  ASSERT_TRUE(f.ok());
  const VideoFrame small = shrink_frame(*f, 90);
  EXPECT_EQ(small.height, 90);
  EXPECT_EQ(small.width, 160);
  EXPECT_EQ(small.layout, f->layout);
  EXPECT_EQ(small.plane_widths[1], 80);
  EXPECT_EQ(small.pts_us, f->pts_us);
  EXPECT_EQ(small.rotation_cw, f->rotation_cw);
  EXPECT_NE(small.rotation_cw, 0);
  EXPECT_EQ(small.matrix, f->matrix);
  EXPECT_EQ(small.full_range, f->full_range);
  EXPECT_NEAR(mean_luma(small), mean_luma(*f), 2.0) << "the same picture, averaged";
  // Already small enough: the same frame, shared.
  const VideoFrame same = shrink_frame(*f, 400);
  EXPECT_EQ(same.owner, f->owner);
  EXPECT_TRUE(shrink_frame(VideoFrame{}, 90).empty());
}

}  // namespace
}  // namespace triad::media::test
