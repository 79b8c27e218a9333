#pragma once
// Frame stepping while paused, and reverse play, served from the media engine's VideoDecoder:
// it keeps the decoded neighbourhood (the GOP run cache), so stepping back 50 frames in a row
// decodes the GOP once instead of re-seeking for every step as the pipeline would.
// The player calls it on its own thread with its lock released (a first back step may
// decode a whole GOP); not thread-safe otherwise.
#include <filesystem>
#include <memory>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/pipeline_source.hpp"

namespace triad::media {
class VideoDecoder;
}

namespace triad::playback {

struct SteppedFrame {
  std::shared_ptr<const media::VideoFrame> frame;
  TimeUs pts_us = 0;
};

class FrameStepper {
 public:
  virtual ~FrameStepper() = default;
  // The frame after (+1) or before (-1) the frame shown at `from_us`; at either end of the
  // file, the end frame again.
  virtual Result<SteppedFrame> step(TimeUs from_us, int direction) = 0;
  // The frame shown at `t_us` (the last whose pts <= t; before the first frame, the first).
  // Reverse play asks for the frame at its clock's time, so the frames it cannot decode in
  // time are skipped rather than shown late; going backwards inside the cache costs nothing.
  virtual Result<SteppedFrame> frame_at(TimeUs t_us) = 0;
};

// FrameStepper over a second media::VideoDecoder on the same file.
class DecoderStepper final : public FrameStepper {
 public:
  static Result<std::unique_ptr<DecoderStepper>> open(const std::filesystem::path& path, int threads = 2);
  ~DecoderStepper() override;
  Result<SteppedFrame> step(TimeUs from_us, int direction) override;
  Result<SteppedFrame> frame_at(TimeUs t_us) override;

 private:
  explicit DecoderStepper(std::unique_ptr<media::VideoDecoder> decoder);
  std::unique_ptr<media::VideoDecoder> decoder_;
};

}  // namespace triad::playback
