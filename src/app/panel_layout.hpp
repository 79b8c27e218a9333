#pragma once
// Where the workstation's panels go in a window (../shared/guides/WORKSTATION.md layout) and
// how the two splitters resize them: the column splitter between the video and the comments,
// the timeline splitter above the timeline. Pure arithmetic, no UI library: ui/workspace.cpp
// draws what place_panels() returns; tests check the rules headless.
// Units: window points. `scale` is the HiDPI factor every panel applies to sizes written in
// points at 1x; PanelSizes are stored at 1x so a layout survives a change of screen.
#include <optional>
#include <string>
#include <string_view>

namespace triad::app {

// What the reviewer chose (points at 1x). Persisted as "WIDTH HEIGHT" in the library setting
// studio.ui.layout (format_panel_sizes / parse_panel_sizes).
struct PanelSizes {
  float comments_width = 440;   // the right column: comments, composer or agenda
  float timeline_height = 230;  // the timeline along the bottom
  bool operator==(const PanelSizes&) const = default;
};

// Fixed parts and the smallest a panel may become (points at 1x). When a window is too small
// for both sides of a splitter at their minimum, the space is shared in proportion instead.
inline constexpr float kSessionBarHeight = 38;
inline constexpr float kTransportHeight = 46;
inline constexpr float kMinCommentsWidth = 300;
inline constexpr float kMinVideoWidth = 320;
inline constexpr float kMinTimelineHeight = 140;
inline constexpr float kMinVideoHeight = 120;

// The placed panels, in window points. The column splitter is the line x = video_w from
// y = bar_h down to the timeline; the timeline splitter is the line y = window_h - timeline_h.
struct PanelRects {
  float bar_h = 0;
  float transport_h = 0;
  float video_w = 0;
  float video_h = 0;
  float right_w = 0;     // 0 in full screen
  float timeline_h = 0;  // 0 in full screen
};

// Full screen keeps only the video and the transport bar.
PanelRects place_panels(const PanelSizes& sizes, float window_w, float window_h, float scale, bool fullscreen);

enum class Splitter { Column, Timeline };

// The sizes after dragging `which` by `delta` points (along x for the column, along y for the
// timeline; positive = right / down) from where it stood when the drag began (`at_start`
// as placed in this window, so a size stored on a larger screen does not make the handle lag
// behind the pointer). The result is clamped like place_panels, so it is what the window shows.
PanelSizes drag_splitter(const PanelSizes& at_start, Splitter which, float delta, float window_w, float window_h,
                         float scale);
// Double-click on a splitter: that splitter's default size, the other one kept.
PanelSizes reset_splitter(const PanelSizes& sizes, Splitter which);

// "440.000000 230.000000" (what studio.ui.layout has always held) and back. parse refuses
// anything that is not two plausible sizes (width > 100, height > 80), so a damaged setting
// leaves the defaults.
std::string format_panel_sizes(const PanelSizes& sizes);
std::optional<PanelSizes> parse_panel_sizes(std::string_view text);

}  // namespace triad::app
