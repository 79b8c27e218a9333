#include "app/pointer_gesture.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace triad::app {

namespace {

constexpr int kDragSteps = 8;

Result<float> coordinate(const std::string& word) {
  char* end = nullptr;
  const float v = std::strtof(word.c_str(), &end);
  if (word.empty() || *end != '\0' || !std::isfinite(v) || v < 0 || v > 100000)
    return make_error("A pointer position must be a number of points from the window's top left, not '" + word + "'.");
  return v;
}

}  // namespace

Result<PointerGesture> parse_pointer_gesture(const Command& c) {
  const std::string usage = "Usage: mouse drag X0 Y0 X1 Y1, mouse double-click X Y or mouse move X Y (window points).";
  if (c.args.empty()) return make_error(usage);
  PointerGesture g;
  std::size_t need = 0;
  if (c.args[0] == "drag") {
    g.kind = PointerGesture::Kind::Drag;
    need = 4;
  } else if (c.args[0] == "double-click") {
    g.kind = PointerGesture::Kind::DoubleClick;
    need = 2;
  } else if (c.args[0] == "move") {
    g.kind = PointerGesture::Kind::Move;
    need = 2;
  } else {
    return make_error(usage);
  }
  if (c.args.size() != need + 1) return make_error(usage);
  float v[4] = {};
  for (std::size_t i = 0; i < need; ++i) {
    auto x = coordinate(c.args[i + 1]);
    if (!x) return x.error();
    v[i] = *x;
  }
  g.x0 = v[0];
  g.y0 = v[1];
  g.x1 = need == 4 ? v[2] : v[0];
  g.y1 = need == 4 ? v[3] : v[1];
  return g;
}

std::vector<PointerFrame> pointer_frames(const PointerGesture& g) {
  std::vector<PointerFrame> out;
  out.push_back({g.x0, g.y0, false});
  out.push_back({g.x0, g.y0, false});
  if (g.kind == PointerGesture::Kind::Move) return out;
  if (g.kind == PointerGesture::Kind::DoubleClick) {
    out.push_back({g.x0, g.y0, true});
    out.push_back({g.x0, g.y0, false});
    out.push_back({g.x0, g.y0, true});
    out.push_back({g.x0, g.y0, false});
    return out;
  }
  out.push_back({g.x0, g.y0, true});
  for (int i = 1; i <= kDragSteps; ++i) {
    const float t = static_cast<float>(i) / kDragSteps;
    out.push_back({g.x0 + (g.x1 - g.x0) * t, g.y0 + (g.y1 - g.y0) * t, true});
  }
  out.push_back({g.x1, g.y1, true});
  out.push_back({g.x1, g.y1, false});
  return out;
}

}  // namespace triad::app
