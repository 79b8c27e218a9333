#include "app/panel_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace triad::app {

namespace {

// One side of a splitter: `want` within [min_this, total - min_other]. A window too small for
// both minimums shares `total` in their proportion rather than letting either vanish (and
// rather than calling std::clamp with lo > hi).
float fit(float want, float min_this, float min_other, float total) {
  total = std::max(0.0f, total);
  if (min_this + min_other >= total) return min_this + min_other > 0 ? total * min_this / (min_this + min_other) : 0;
  if (!std::isfinite(want)) want = min_this;
  return std::clamp(want, min_this, total - min_other);
}

float column_width(float want_px, float window_w, float s) {
  return fit(want_px, kMinCommentsWidth * s, kMinVideoWidth * s, window_w);
}

float timeline_height(float want_px, float window_h, float s) {
  // The timeline shares what the session bar and transport bar leave with the video.
  const float shared = window_h - (kSessionBarHeight + kTransportHeight) * s;
  return fit(want_px, kMinTimelineHeight * s, kMinVideoHeight * s, shared);
}

}  // namespace

PanelRects place_panels(const PanelSizes& sizes, float window_w, float window_h, float scale, bool fullscreen) {
  const float s = scale > 0 ? scale : 1.0f;
  PanelRects r;
  r.transport_h = kTransportHeight * s;
  if (!fullscreen) {
    r.bar_h = kSessionBarHeight * s;
    r.right_w = column_width(sizes.comments_width * s, window_w, s);
    r.timeline_h = timeline_height(sizes.timeline_height * s, window_h, s);
  }
  r.video_w = std::max(0.0f, window_w - r.right_w);
  r.video_h = std::max(0.0f, window_h - r.bar_h - r.transport_h - r.timeline_h);
  return r;
}

PanelSizes drag_splitter(const PanelSizes& at_start, Splitter which, float delta, float window_w, float window_h,
                         float scale) {
  const float s = scale > 0 ? scale : 1.0f;
  const PanelRects start = place_panels(at_start, window_w, window_h, s, false);
  PanelSizes out = at_start;
  if (!std::isfinite(delta)) return out;
  // The column's left edge and the timeline's top edge follow the pointer: moving right or
  // down makes them smaller.
  if (which == Splitter::Column) out.comments_width = column_width(start.right_w - delta, window_w, s) / s;
  else out.timeline_height = timeline_height(start.timeline_h - delta, window_h, s) / s;
  return out;
}

PanelSizes reset_splitter(const PanelSizes& sizes, Splitter which) {
  const PanelSizes defaults;
  PanelSizes out = sizes;
  if (which == Splitter::Column) out.comments_width = defaults.comments_width;
  else out.timeline_height = defaults.timeline_height;
  return out;
}

std::string format_panel_sizes(const PanelSizes& sizes) {
  return std::to_string(sizes.comments_width) + " " + std::to_string(sizes.timeline_height);
}

std::optional<PanelSizes> parse_panel_sizes(std::string_view text) {
  const std::string copy(text);
  const char* p = copy.c_str();
  char* end = nullptr;
  const float w = std::strtof(p, &end);
  if (end == p) return std::nullopt;
  p = end;
  const float h = std::strtof(p, &end);
  if (end == p) return std::nullopt;
  for (; *end; ++end)
    if (*end != ' ' && *end != '\t' && *end != '\n') return std::nullopt;
  if (!std::isfinite(w) || !std::isfinite(h) || w <= 100 || h <= 80 || w > 20000 || h > 20000) return std::nullopt;
  return PanelSizes{w, h};
}

}  // namespace triad::app
