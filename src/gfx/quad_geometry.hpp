#pragma once
// Where the video goes inside a viewport: aspect kept (pixel aspect ratio and
// rotation applied), centred, letterboxed. Pure arithmetic so it is tested
// without a GL context.
#include <array>

namespace triad::gfx {

struct QuadVertex {
  float x, y;  // clip space, y up
  float u, v;  // texture coordinates, v = 0 is the picture's first row
};

struct FittedRect {
  double x = 0, y = 0, w = 0, h = 0;  // in viewport pixels, origin top-left
};

// Displayed size of a w x h picture after SAR and a clockwise turn of `rotation_cw` degrees.
std::array<double, 2> display_size(int width, int height, int sar_num, int sar_den, int rotation_cw);

FittedRect fit_rect(double content_w, double content_h, double viewport_w, double viewport_h);

// Four vertices (top-left, top-right, bottom-right, bottom-left on screen) of the
// fitted quad with texture corners rotated so the picture appears turned clockwise.
std::array<QuadVertex, 4> video_quad(int width, int height, int sar_num, int sar_den, int rotation_cw,
                                     int viewport_w, int viewport_h);

int normalise_rotation(int degrees);  // any multiple of 90 -> 0, 90, 180, 270 (others -> 0)

}  // namespace triad::gfx
