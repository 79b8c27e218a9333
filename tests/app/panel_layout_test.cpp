// The workstation's panel placement and splitter rules (app/panel_layout.hpp), headless.
#include <gtest/gtest.h>

#include "app/panel_layout.hpp"

using namespace triad::app;

namespace {

constexpr float kW = 1600, kH = 900;

TEST(PanelLayout_Place, DefaultSizesAt1600x900) {
  const PanelRects r = place_panels(PanelSizes{}, kW, kH, 1.0f, false);
  EXPECT_FLOAT_EQ(r.bar_h, 38);
  EXPECT_FLOAT_EQ(r.transport_h, 46);
  EXPECT_FLOAT_EQ(r.right_w, 440);
  EXPECT_FLOAT_EQ(r.video_w, 1160);
  EXPECT_FLOAT_EQ(r.timeline_h, 230);
  EXPECT_FLOAT_EQ(r.video_h, 900 - 38 - 46 - 230);
}

TEST(PanelLayout_Place, SizesAreInPointsAt1xAndScale) {
  const PanelRects r = place_panels(PanelSizes{400, 200}, 3200, 1800, 2.0f, false);
  EXPECT_FLOAT_EQ(r.right_w, 800);
  EXPECT_FLOAT_EQ(r.timeline_h, 400);
  EXPECT_FLOAT_EQ(r.bar_h, 76);
  EXPECT_FLOAT_EQ(r.video_w + r.right_w, 3200);
  EXPECT_FLOAT_EQ(r.bar_h + r.video_h + r.transport_h + r.timeline_h, 1800);
}

TEST(PanelLayout_Place, FullScreenKeepsVideoAndTransportOnly) {
  const PanelRects r = place_panels(PanelSizes{}, kW, kH, 1.0f, true);
  EXPECT_FLOAT_EQ(r.bar_h, 0);
  EXPECT_FLOAT_EQ(r.right_w, 0);
  EXPECT_FLOAT_EQ(r.timeline_h, 0);
  EXPECT_FLOAT_EQ(r.video_w, kW);
  EXPECT_FLOAT_EQ(r.video_h, kH - 46);
}

TEST(PanelLayout_Place, StoredSizesAreClampedSoNoPanelVanishes) {
  // Too small: the minimums.
  PanelRects r = place_panels(PanelSizes{120, 90}, kW, kH, 1.0f, false);
  EXPECT_FLOAT_EQ(r.right_w, kMinCommentsWidth);
  EXPECT_FLOAT_EQ(r.timeline_h, kMinTimelineHeight);
  // Too large (e.g. stored on a bigger screen): the video keeps its minimum.
  r = place_panels(PanelSizes{5000, 5000}, kW, kH, 1.0f, false);
  EXPECT_FLOAT_EQ(r.video_w, kMinVideoWidth);
  EXPECT_FLOAT_EQ(r.video_h, kMinVideoHeight);
  EXPECT_FLOAT_EQ(r.right_w, kW - kMinVideoWidth);
}

TEST(PanelLayout_Place, TinyWindowSharesSpaceInProportion) {
  // 500x300 at 2x cannot hold 600+640 points across or 280+240 down: nothing becomes 0 or negative.
  const PanelRects r = place_panels(PanelSizes{}, 500, 300, 2.0f, false);
  EXPECT_GT(r.right_w, 0);
  EXPECT_GT(r.video_w, 0);
  EXPECT_NEAR(r.right_w / r.video_w, kMinCommentsWidth / kMinVideoWidth, 1e-4);
  EXPECT_GT(r.timeline_h, 0);
  EXPECT_GE(r.video_h, 0);
  EXPECT_FLOAT_EQ(r.video_w + r.right_w, 500);
  // A window smaller than its fixed bars leaves no room, but never a negative size.
  const PanelRects z = place_panels(PanelSizes{}, 50, 50, 1.0f, false);
  EXPECT_GE(z.timeline_h, 0);
  EXPECT_GE(z.video_h, 0);
  EXPECT_GE(z.video_w, 0);
}

TEST(PanelLayout_Drag, ColumnFollowsThePointer) {
  // Dragging the column splitter 100 points left widens the comments by 100.
  PanelSizes s = drag_splitter(PanelSizes{}, Splitter::Column, -100, kW, kH, 1.0f);
  EXPECT_FLOAT_EQ(s.comments_width, 540);
  EXPECT_FLOAT_EQ(s.timeline_height, 230) << "the other splitter is untouched";
  s = drag_splitter(PanelSizes{}, Splitter::Column, 60, kW, kH, 1.0f);
  EXPECT_FLOAT_EQ(s.comments_width, 380);
}

TEST(PanelLayout_Drag, TimelineFollowsThePointer) {
  PanelSizes s = drag_splitter(PanelSizes{}, Splitter::Timeline, -70, kW, kH, 1.0f);
  EXPECT_FLOAT_EQ(s.timeline_height, 300);
  EXPECT_FLOAT_EQ(s.comments_width, 440);
  s = drag_splitter(PanelSizes{}, Splitter::Timeline, 50, kW, kH, 1.0f);
  EXPECT_FLOAT_EQ(s.timeline_height, 180);
}

TEST(PanelLayout_Drag, ClampedAtBothEnds) {
  EXPECT_FLOAT_EQ(drag_splitter(PanelSizes{}, Splitter::Column, 5000, kW, kH, 1.0f).comments_width, kMinCommentsWidth);
  EXPECT_FLOAT_EQ(drag_splitter(PanelSizes{}, Splitter::Column, -5000, kW, kH, 1.0f).comments_width,
                  kW - kMinVideoWidth);
  EXPECT_FLOAT_EQ(drag_splitter(PanelSizes{}, Splitter::Timeline, 5000, kW, kH, 1.0f).timeline_height,
                  kMinTimelineHeight);
  EXPECT_FLOAT_EQ(drag_splitter(PanelSizes{}, Splitter::Timeline, -5000, kW, kH, 1.0f).timeline_height,
                  kH - 38 - 46 - kMinVideoHeight);
}

TEST(PanelLayout_Drag, StartsFromThePlacedSizeAndStoresAt1x) {
  // Stored 3000 wide (a bigger screen): the handle stands at the clamped 1280 here, and a
  // 10-point drag moves it 10 points from there, not from the stored width.
  const PanelSizes s = drag_splitter(PanelSizes{3000, 230}, Splitter::Column, 10, kW, kH, 1.0f);
  EXPECT_FLOAT_EQ(s.comments_width, kW - kMinVideoWidth - 10);
  // At 2x a 100-pixel drag is 50 points at 1x.
  const PanelSizes h = drag_splitter(PanelSizes{}, Splitter::Timeline, -100, 3200, 1800, 2.0f);
  EXPECT_FLOAT_EQ(h.timeline_height, 280);
}

TEST(PanelLayout_Drag, ResetRestoresOnlyThatSplittersDefault) {
  const PanelSizes dragged{700, 400};
  EXPECT_EQ(reset_splitter(dragged, Splitter::Column), (PanelSizes{440, 400}));
  EXPECT_EQ(reset_splitter(dragged, Splitter::Timeline), (PanelSizes{700, 230}));
}

TEST(PanelLayout_Persist, FormatIsTheStoredFormAndParsesBack) {
  EXPECT_EQ(format_panel_sizes(PanelSizes{}), "440.000000 230.000000");
  auto back = parse_panel_sizes(format_panel_sizes(PanelSizes{512.5f, 301}));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, (PanelSizes{512.5f, 301}));
  EXPECT_TRUE(parse_panel_sizes("440 230"));
}

TEST(PanelLayout_Persist, DamagedSettingIsRefused) {
  EXPECT_FALSE(parse_panel_sizes(""));
  EXPECT_FALSE(parse_panel_sizes("440"));
  EXPECT_FALSE(parse_panel_sizes("wide tall"));
  EXPECT_FALSE(parse_panel_sizes("440 230 extra"));
  EXPECT_FALSE(parse_panel_sizes("90 230"));   // narrower than any column
  EXPECT_FALSE(parse_panel_sizes("440 80"));
  EXPECT_FALSE(parse_panel_sizes("nan 230"));
  EXPECT_FALSE(parse_panel_sizes("inf 230"));
}

}  // namespace
