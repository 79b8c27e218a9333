#pragma once
// Where each camera of a session goes in the video area, for a layout (issue 15). Pure
// geometry, so the window only draws and the arrangement is tested without a window.
#include <cstddef>
#include <vector>

#include "app/workstation.hpp"

namespace triad::app {

struct TileRect {
  float x = 0, y = 0, w = 0, h = 0;
};

// `count` cameras (0 = the open file, i = cameras()[i - 1]) in the area `area`, camera
// `focus` large where the layout has a large one. Returned in drawing order: a picture in
// picture is drawn after (over) the large one. Each entry: the camera and its rectangle.
struct PlacedTile {
  std::size_t camera = 0;
  TileRect rect;
};
std::vector<PlacedTile> place_camera_tiles(CameraLayout layout, std::size_t count, std::size_t focus, TileRect area);

}  // namespace triad::app
