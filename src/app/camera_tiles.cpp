#include "app/camera_tiles.hpp"

#include <algorithm>
#include <cmath>

namespace triad::app {

namespace {
constexpr float kGap = 4;          // between tiles, in pixels of the area
constexpr float kSmallShare = 0.25f;  // a small tile's share of the area's width
}  // namespace

std::vector<PlacedTile> place_camera_tiles(CameraLayout layout, std::size_t count, std::size_t focus, TileRect a) {
  std::vector<PlacedTile> out;
  if (count == 0) return out;
  if (focus >= count) focus = 0;
  if (count == 1) return {{0, a}};
  std::vector<std::size_t> others;
  for (std::size_t i = 0; i < count; ++i)
    if (i != focus) others.push_back(i);
  switch (layout) {
    case CameraLayout::SideBySide: {
      // A grid, as square as the count allows, in camera order (the focus does not move).
      const auto cols = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(count))));
      const std::size_t rows = (count + cols - 1) / cols;
      const float w = (a.w - kGap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
      const float h = (a.h - kGap * static_cast<float>(rows - 1)) / static_cast<float>(rows);
      for (std::size_t i = 0; i < count; ++i) {
        const auto col = static_cast<float>(i % cols), row = static_cast<float>(i / cols);
        out.push_back({i, {a.x + col * (w + kGap), a.y + row * (h + kGap), w, h}});
      }
      break;
    }
    case CameraLayout::Large: {
      // The focused camera on the left, the others in a column on the right.
      const float small_w = std::max(1.0f, a.w * kSmallShare);
      const float large_w = std::max(1.0f, a.w - small_w - kGap);
      out.push_back({focus, {a.x, a.y, large_w, a.h}});
      const auto n = static_cast<float>(others.size());
      const float small_h = std::min(small_w * 9 / 16, (a.h - kGap * (n - 1)) / n);
      for (std::size_t k = 0; k < others.size(); ++k)
        out.push_back({others[k], {a.x + large_w + kGap, a.y + static_cast<float>(k) * (small_h + kGap), small_w, small_h}});
      break;
    }
    case CameraLayout::PictureInPicture: {
      // The focused camera fills the area; the others sit small in its bottom-right corner.
      out.push_back({focus, a});
      const float small_w = std::max(1.0f, a.w * kSmallShare);
      const float small_h = small_w * 9 / 16;
      const float margin = 2 * kGap;
      for (std::size_t k = 0; k < others.size(); ++k) {
        const float x = a.x + a.w - margin - static_cast<float>(k + 1) * small_w - static_cast<float>(k) * kGap;
        out.push_back({others[k], {x, a.y + a.h - margin - small_h, small_w, small_h}});
      }
      break;
    }
  }
  return out;
}

}  // namespace triad::app
