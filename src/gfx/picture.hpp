#pragma once
// A decoded picture as the GPU path needs to see it: plane pointers, sizes and the
// colour description. No FFmpeg and no GL types, so the media layer's frames and
// test fixtures can both be described without either library.
#include <array>
#include <cstdint>

namespace triad::gfx {

enum class PlaneLayout {
  Planar,      // Y, Cb, Cr in three planes (yuv420p, yuv422p, yuv444p and their 10-bit forms)
  SemiPlanar,  // Y plane + interleaved CbCr plane (nv12, p010)
  Grey,        // luma only
  Rgba,        // one packed 8-bit RGBA plane (the media layer's fallback for unusual formats)
};
enum class ColourMatrix { Bt601, Bt709, Bt2020 };
enum class ColourRange { Limited, Full };

struct PlaneView {
  const std::uint8_t* data = nullptr;
  int stride_bytes = 0;  // bytes from one row to the next
  int width = 0;         // in samples (for an interleaved CbCr plane: in CbCr pairs)
  int height = 0;
};

struct PictureView {
  PlaneLayout layout = PlaneLayout::Planar;
  int width = 0;  // luma size in pixels
  int height = 0;
  std::array<PlaneView, 3> planes{};
  int bits = 8;             // significant bits per sample (8, 10, 12)
  bool msb_aligned = false;  // 16-bit containers: samples stored in the high bits (p010) rather than low (yuv420p10le)
  ColourMatrix matrix = ColourMatrix::Bt709;
  ColourRange range = ColourRange::Limited;
  int rotation_cw = 0;  // clockwise turn needed for display: 0, 90, 180 or 270
  int sar_num = 1;      // sample (pixel) aspect ratio
  int sar_den = 1;

  int bytes_per_sample() const { return bits > 8 ? 2 : 1; }
};

}  // namespace triad::gfx
