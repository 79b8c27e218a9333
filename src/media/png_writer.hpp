#pragma once
// Pictures as PNG files, the way a viewer sees them: the display-matrix rotation and the
// sample aspect ratio applied, converted to 8-bit RGB with the frame's own colour matrix
// and range (swscale), encoded with FFmpeg's png encoder.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "base/result.hpp"
#include "media/video_frame.hpp"

namespace triad::media {

// `width` > 0 scales to that display width (height keeps the aspect ratio); 0 keeps the
// natural display size. Errors: kFailed (encoder), kIoError (writing).
Result<std::vector<std::uint8_t>> encode_png(const VideoFrame& frame, int width = 0);
// Written atomically (temporary file + rename).
Status write_png(const VideoFrame& frame, const std::filesystem::path& out, int width = 0);

}  // namespace triad::media
