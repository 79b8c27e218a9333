#pragma once
// media::VideoFrame -> gfx::PictureView (no copy: the view points into the frame, so
// the frame must stay alive until the upload returns).
#include <optional>

#include "gfx/picture.hpp"
#include "media/video_frame.hpp"

namespace triad::gfx {

// nullopt when the frame has no pixels.
std::optional<PictureView> picture_of(const media::VideoFrame& frame);

}  // namespace triad::gfx
