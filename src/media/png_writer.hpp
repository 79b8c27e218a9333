#pragma once
// Pictures as PNG files, the way a viewer sees them: the display-matrix rotation and the
// sample aspect ratio applied, converted to 8-bit RGB with the frame's own colour matrix
// and range (swscale), encoded with FFmpeg's png encoder.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "base/result.hpp"
#include "media/video_frame.hpp"

namespace triad::media {

// Keeps the scaler and the encoder between pictures: a strip of thumbnails of one size
// pays their set-up once. One per thread.
class PngEncoder {
 public:
  PngEncoder();
  ~PngEncoder();
  PngEncoder(PngEncoder&&) noexcept;
  PngEncoder& operator=(PngEncoder&&) noexcept;
  Result<std::vector<std::uint8_t>> encode(const VideoFrame& frame, int width = 0);
  Status write(const VideoFrame& frame, const std::filesystem::path& out, int width = 0);

 private:
  struct State;  // FFmpeg handles stay inside media/
  std::unique_ptr<State> st_;
};

// `width` > 0 scales to that display width (height keeps the aspect ratio); 0 keeps the
// natural display size. Errors: kFailed (encoder), kIoError (writing).
Result<std::vector<std::uint8_t>> encode_png(const VideoFrame& frame, int width = 0);
// Written atomically (temporary file + rename).
Status write_png(const VideoFrame& frame, const std::filesystem::path& out, int width = 0);

}  // namespace triad::media
