#pragma once
// Where the playback engine sends pictures and sound. The GUI implements these with SDL
// audio and an OpenGL texture; null_sinks.hpp holds headless ones. The player serialises
// every call under its own lock, but a call may come from the player thread or from the
// thread issuing a command (pause, seek, snapshot read the audio position), so an
// implementation must not assume one thread. Implementations must never block: the video
// sink stores the frame for the UI thread to pick up ("call down, wake up").
#include <cstdint>
#include <memory>

#include "base/time.hpp"
#include "media/pipeline_source.hpp"

namespace triad::playback {

class AudioSink {
 public:
  virtual ~AudioSink() = default;
  // The device format; fixed for the sink's lifetime. The pipeline resamples to it.
  virtual media::AudioFormat format() const = 0;
  // Queues interleaved samples in format(); returns how many frames were taken (fewer
  // than offered when the device buffer is full). Never blocks.
  virtual std::int64_t write(const std::uint8_t* data, std::int64_t frames) = 0;
  // Frames written but not yet heard (device queue plus hardware latency, best estimate).
  // The audio master clock is: media time of the last written frame - this, so it must be
  // fresh (a device that only updates per callback should interpolate between callbacks).
  virtual std::int64_t frames_buffered() const = 0;
  // Paused: the device stops consuming (buffered frames are kept).
  virtual void set_paused(bool paused) = 0;
  // Discards every buffered frame (after a seek); frames_buffered() is 0 afterwards.
  virtual void flush() = 0;
};

class VideoSink {
 public:
  virtual ~VideoSink() = default;
  // The frame that should be on screen from now on. Called on the player thread; keep a
  // reference and return at once (a GL sink uploads it on the UI thread's next frame).
  virtual void present(const std::shared_ptr<const media::VideoFrame>& frame, TimeUs pts_us) = 0;
};

}  // namespace triad::playback
