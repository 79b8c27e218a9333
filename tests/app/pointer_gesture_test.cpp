// Scripted pointer gestures (`mouse drag`, `mouse double-click`): parsing and the frames played.
#include <gtest/gtest.h>

#include "app/pointer_gesture.hpp"

using namespace triad::app;

namespace {

PointerGesture parse(const std::string& line) {
  auto c = parse_command(line);
  EXPECT_TRUE(c.ok());
  auto g = parse_pointer_gesture(*c);
  EXPECT_TRUE(g.ok()) << line << ": " << (g.ok() ? "" : g.error().message);
  return g.ok() ? *g : PointerGesture{};
}

TEST(PointerGesture_Parse, DragAndDoubleClick) {
  const PointerGesture d = parse("mouse drag 1160 300 1000.5 310");
  EXPECT_EQ(d.kind, PointerGesture::Kind::Drag);
  EXPECT_FLOAT_EQ(d.x0, 1160);
  EXPECT_FLOAT_EQ(d.y0, 300);
  EXPECT_FLOAT_EQ(d.x1, 1000.5f);
  EXPECT_FLOAT_EQ(d.y1, 310);
  const PointerGesture c = parse("mouse double-click 20 670");
  EXPECT_EQ(c.kind, PointerGesture::Kind::DoubleClick);
  EXPECT_FLOAT_EQ(c.x1, 20);
  EXPECT_FLOAT_EQ(c.y1, 670);
  const PointerGesture m = parse("mouse move 7 8");
  EXPECT_EQ(m.kind, PointerGesture::Kind::Move);
  EXPECT_FLOAT_EQ(m.x1, 7);
}

TEST(PointerGesture_Parse, RefusesWhatIsNotAGesture) {
  for (const char* line : {"mouse", "mouse drag 1 2 3", "mouse drag 1 2 3 4 5", "mouse click 1 2",
                           "mouse double-click x 2", "mouse drag -1 2 3 4", "mouse drag 1 2 3 nan"}) {
    auto c = parse_command(line);
    ASSERT_TRUE(c.ok());
    EXPECT_FALSE(parse_pointer_gesture(*c).ok()) << line;
  }
}

TEST(PointerGesture_Frames, DragHoversPressesMovesAndReleases) {
  const auto f = pointer_frames(parse("mouse drag 100 50 180 10"));
  ASSERT_GE(f.size(), 6u);
  EXPECT_FALSE(f.front().down);
  EXPECT_FLOAT_EQ(f.front().x, 100);
  EXPECT_FALSE(f.back().down);
  EXPECT_FLOAT_EQ(f.back().x, 180);
  EXPECT_FLOAT_EQ(f.back().y, 10);
  // Down from the first press to the last move, in steps that only go one way.
  int presses = 0;
  for (std::size_t i = 1; i < f.size(); ++i) {
    presses += f[i].down && !f[i - 1].down;
    EXPECT_GE(f[i].x, f[i - 1].x);
    EXPECT_LE(f[i].y, f[i - 1].y);
  }
  EXPECT_EQ(presses, 1);
}

TEST(PointerGesture_Frames, MoveOnlyHovers) {
  const auto f = pointer_frames(parse("mouse move 40 60"));
  ASSERT_FALSE(f.empty());
  for (const auto& p : f) {
    EXPECT_FALSE(p.down);
    EXPECT_FLOAT_EQ(p.x, 40);
  }
}

TEST(PointerGesture_Frames, DoubleClickIsTwoPressesInPlace) {
  const auto f = pointer_frames(parse("mouse double-click 40 60"));
  int presses = 0;
  for (std::size_t i = 1; i < f.size(); ++i) presses += f[i].down && !f[i - 1].down;
  EXPECT_EQ(presses, 2);
  for (const auto& p : f) {
    EXPECT_FLOAT_EQ(p.x, 40);
    EXPECT_FLOAT_EQ(p.y, 60);
  }
  EXPECT_FALSE(f.back().down);
}

}  // namespace
