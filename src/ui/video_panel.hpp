#pragma once
// The picture (rendered by the studio into a texture of this panel's size), or a
// plain-language message when there is nothing to show or the file cannot be played.
#include <string>
#include <vector>

#include "ui/ui_frame.hpp"

namespace triad::ui {

struct VideoPanel {
  ImVec2 pixel_size{0, 0};  // the size the studio should render the open file's picture at next frame
  // With several cameras: [i] is the size of ws.cameras()[i]'s tile (0 when not shown).
  std::vector<ImVec2> camera_pixel_sizes;
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size, float framebuffer_scale);

 private:
  void draw_cameras(UiFrame& f, ImVec2 pos, ImVec2 size, float framebuffer_scale,
                    const std::vector<app::CameraView>& cams);
};

}  // namespace triad::ui
