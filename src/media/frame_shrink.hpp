#pragma once
// A smaller copy of a decoded picture for previews (timeline pictures): the same pixel
// layout, colour matrix, range, rotation and aspect ratio, only fewer pixels. Made off the UI
// thread, so the window uploads a few kilobytes instead of a full-size keyframe (on a
// software GL a 1080p upload is several milliseconds of a UI frame). Never used for
// playback: there, scaling and colour conversion belong to the shader.
#include "media/video_frame.hpp"

namespace triad::media {

// At most `max_height` pixels high (coded size; even sizes), shrunk by area averaging. A
// frame already that small, or empty, is returned as it is; so is one that cannot be scaled.
VideoFrame shrink_frame(const VideoFrame& frame, int max_height);

}  // namespace triad::media
