#include "gfx/quad_geometry.hpp"

#include <algorithm>

namespace triad::gfx {

int normalise_rotation(int degrees) {
  int r = ((degrees % 360) + 360) % 360;
  return (r % 90 == 0) ? r : 0;
}

std::array<double, 2> display_size(int width, int height, int sar_num, int sar_den, int rotation_cw) {
  double sar = (sar_num > 0 && sar_den > 0) ? static_cast<double>(sar_num) / sar_den : 1.0;
  double w = width * sar;
  double h = height;
  int r = normalise_rotation(rotation_cw);
  if (r == 90 || r == 270) std::swap(w, h);
  return {w, h};
}

FittedRect fit_rect(double cw, double ch, double vw, double vh) {
  FittedRect r;
  if (cw <= 0 || ch <= 0 || vw <= 0 || vh <= 0) return r;
  double scale = std::min(vw / cw, vh / ch);
  r.w = cw * scale;
  r.h = ch * scale;
  r.x = (vw - r.w) / 2;
  r.y = (vh - r.h) / 2;
  return r;
}

std::array<QuadVertex, 4> video_quad(int width, int height, int sar_num, int sar_den, int rotation_cw,
                                     int viewport_w, int viewport_h) {
  auto [dw, dh] = display_size(width, height, sar_num, sar_den, rotation_cw);
  FittedRect r = fit_rect(dw, dh, viewport_w, viewport_h);
  auto to_clip_x = [&](double px) { return static_cast<float>(px / viewport_w * 2.0 - 1.0); };
  auto to_clip_y = [&](double py) { return static_cast<float>(1.0 - py / viewport_h * 2.0); };
  const float x0 = to_clip_x(r.x), x1 = to_clip_x(r.x + r.w);
  const float y0 = to_clip_y(r.y), y1 = to_clip_y(r.y + r.h);
  // Source corners in screen order TL, TR, BR, BL. Turning the picture k quarter
  // turns clockwise puts source corner (i - k) mod 4 at screen corner i.
  static constexpr float kSrc[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  const int k = normalise_rotation(rotation_cw) / 90;
  const float pos[4][2] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
  std::array<QuadVertex, 4> q{};
  for (int i = 0; i < 4; ++i) {
    const float* s = kSrc[(i - k + 4) % 4];
    q[i] = QuadVertex{pos[i][0], pos[i][1], s[0], s[1]};
  }
  return q;
}

}  // namespace triad::gfx
