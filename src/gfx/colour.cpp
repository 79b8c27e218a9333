#include "gfx/colour.hpp"

namespace triad::gfx {

std::array<double, 2> luma_coefficients(ColourMatrix m) {
  switch (m) {
    case ColourMatrix::Bt601: return {0.299, 0.114};
    case ColourMatrix::Bt2020: return {0.2627, 0.0593};
    case ColourMatrix::Bt709: break;
  }
  return {0.2126, 0.0722};
}

ColourParams colour_params(const PictureView& p) {
  ColourParams c;
  const int bits = p.bits < 8 ? 8 : p.bits;
  // 16-bit textures normalise by 65535; samples in the low bits keep their code
  // value, samples in the high bits (p010) are shifted up by 16 - bits.
  if (p.bytes_per_sample() == 2) {
    c.code_scale = p.msb_aligned ? 65535.0f / static_cast<float>(1 << (16 - bits)) : 65535.0f;
  } else {
    c.code_scale = 255.0f;
  }
  const double step = static_cast<double>(1 << (bits - 8));  // 4 for 10-bit: limited range scales with depth
  const double max_code = static_cast<double>((1 << bits) - 1);
  const double mid = static_cast<double>(1 << (bits - 1));
  if (p.range == ColourRange::Limited) {
    c.offset = {static_cast<float>(16 * step), static_cast<float>(mid), static_cast<float>(mid)};
    c.mul = {static_cast<float>(1.0 / (219 * step)), static_cast<float>(1.0 / (224 * step)),
             static_cast<float>(1.0 / (224 * step))};
  } else {
    c.offset = {0.0f, static_cast<float>(mid), static_cast<float>(mid)};
    c.mul = {static_cast<float>(1.0 / max_code), static_cast<float>(1.0 / max_code),
             static_cast<float>(1.0 / max_code)};
  }
  const auto [kr, kb] = luma_coefficients(p.matrix);
  const double kg = 1.0 - kr - kb;
  const double rows[9] = {
      1.0, 0.0, 2.0 * (1.0 - kr),
      1.0, -2.0 * kb * (1.0 - kb) / kg, -2.0 * kr * (1.0 - kr) / kg,
      1.0, 2.0 * (1.0 - kb), 0.0,
  };
  for (int i = 0; i < 9; ++i) c.yuv_to_rgb[i] = static_cast<float>(rows[i]);
  return c;
}

}  // namespace triad::gfx
