#pragma once
// The picture (rendered by the studio into a texture of this panel's size), or a
// plain-language message when there is nothing to show or the file cannot be played.
#include "ui/ui_frame.hpp"

namespace triad::ui {

struct VideoPanel {
  ImVec2 pixel_size{0, 0};  // the size the studio should render the video at next frame
  void draw(UiFrame& f, ImVec2 pos, ImVec2 size, float framebuffer_scale);
};

}  // namespace triad::ui
