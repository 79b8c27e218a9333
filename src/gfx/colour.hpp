#pragma once
// The numbers the video shader needs to turn code values into R'G'B'. Pure
// arithmetic (no GL) so it can be checked on its own.
#include <array>

#include "gfx/picture.hpp"

namespace triad::gfx {

struct ColourParams {
  float code_scale = 255.0f;              // normalised texture sample -> code value
  std::array<float, 3> offset{};          // Y black level, Cb and Cr midpoints (code values)
  std::array<float, 3> mul{};             // code value -> Y' in [0,1], Cb/Cr in [-0.5,0.5]
  std::array<float, 9> yuv_to_rgb{};      // row-major: R, G, B rows over (Y', Cb, Cr)
};

// Kr and Kb of the matrix (BT.601: 0.299/0.114, BT.709: 0.2126/0.0722, BT.2020: 0.2627/0.0593).
std::array<double, 2> luma_coefficients(ColourMatrix m);

ColourParams colour_params(const PictureView& picture);

}  // namespace triad::gfx
