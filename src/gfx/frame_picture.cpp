#include "gfx/frame_picture.hpp"

namespace triad::gfx {

std::optional<PictureView> picture_of(const media::VideoFrame& f) {
  if (f.empty() || f.width <= 0 || f.height <= 0) return std::nullopt;
  PictureView p;
  p.width = f.width;
  p.height = f.height;
  p.bits = f.bits;
  p.msb_aligned = false;
  p.matrix = f.matrix == media::ColourMatrix::Bt601   ? ColourMatrix::Bt601
             : f.matrix == media::ColourMatrix::Bt2020 ? ColourMatrix::Bt2020
                                                       : ColourMatrix::Bt709;
  p.range = f.full_range ? ColourRange::Full : ColourRange::Limited;
  p.rotation_cw = f.rotation_cw;
  p.sar_num = f.sar_num;
  p.sar_den = f.sar_den;
  using L = media::PlaneLayout;
  switch (f.layout) {
    case L::Yuv420p:
    case L::Yuv422p:
    case L::Yuv444p:
    case L::Yuv420p10:
    case L::Yuv422p10:
    case L::Yuv444p10: p.layout = PlaneLayout::Planar; break;
    case L::Nv12: p.layout = PlaneLayout::SemiPlanar; break;
    case L::Gray8: p.layout = PlaneLayout::Grey; break;
    case L::Rgba:
      p.layout = PlaneLayout::Rgba;
      p.bits = 8;
      break;
    case L::None: return std::nullopt;
  }
  const int n = p.layout == PlaneLayout::Planar ? 3 : p.layout == PlaneLayout::SemiPlanar ? 2 : 1;
  if (f.plane_count < n) return std::nullopt;
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    p.planes[k] = PlaneView{f.planes[k], f.linesizes[k], f.plane_widths[k], f.plane_heights[k]};
  }
  return p;
}

}  // namespace triad::gfx
