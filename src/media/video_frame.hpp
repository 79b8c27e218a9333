#pragma once
// A decoded picture that UI and GPU code can use without FFmpeg headers. Copying a
// VideoFrame is cheap: the pixels are shared through `owner`, which keeps the decoder's
// frame buffer alive (an AVFrame reference). Frames are immutable once made.
#include <array>
#include <cstdint>
#include <memory>

#include "base/time.hpp"

namespace triad::media {

// How the planes are laid out. Decoder output in any other format is converted to Rgba
// (swscale) when the VideoFrame is made; yuvj* formats map to their yuv* layout with
// full_range = true.
enum class PlaneLayout {
  None,        // no pixels (empty frame, or made without conversion of an unusual format)
  Yuv420p,     // 3 planes, chroma halved both ways, 8-bit
  Nv12,        // Y plane + interleaved CbCr plane (chroma halved both ways), 8-bit
  Yuv420p10,   // 3 planes, 16-bit little-endian containers, 10 significant low bits
  Yuv422p,     // 3 planes, chroma halved horizontally, 8-bit
  Yuv422p10,
  Yuv444p,     // 3 full-size planes, 8-bit
  Yuv444p10,
  Gray8,       // luma only
  Rgba,        // one packed plane, 4 bytes per pixel (the fallback)
};
const char* to_string(PlaneLayout layout);

enum class ColourMatrix { Bt601, Bt709, Bt2020 };

struct VideoFrame {
  TimeUs pts_us = 0;       // media time (pts - the file's start time)
  TimeUs duration_us = 0;  // 0 when unknown
  int width = 0;           // coded size in pixels (before rotation / aspect ratio)
  int height = 0;
  PlaneLayout layout = PlaneLayout::None;
  int plane_count = 0;
  std::array<const std::uint8_t*, 4> planes{};  // valid while `owner` lives
  std::array<int, 4> linesizes{};               // bytes per row, may exceed the visible width
  std::array<int, 4> plane_widths{};            // samples per row (CbCr pairs for Nv12)
  std::array<int, 4> plane_heights{};
  int bits = 8;                                 // significant bits per sample
  ColourMatrix matrix = ColourMatrix::Bt709;
  bool full_range = false;
  int rotation_cw = 0;   // clockwise turn needed for display (display matrix): 0, 90, 180, 270
  int sar_num = 1;       // sample aspect ratio
  int sar_den = 1;
  bool keyframe = false;
  std::shared_ptr<void> owner;  // holds the decoder's frame reference (media-internal type)

  bool empty() const { return owner == nullptr; }
  // Size on screen after the aspect ratio and rotation are applied.
  int display_width() const;
  int display_height() const;
};

}  // namespace triad::media
