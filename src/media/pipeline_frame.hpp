#pragma once
// Turns a decoded AVFrame into a media::VideoFrame for the pipeline without copying the
// pixels of the common layouts (the VideoFrame keeps an AVFrame reference alive); other
// pixel formats are converted to RGBA with swscale. Media-internal (FFmpeg types).
// One converter per thread: it caches its swscale context.
#include "media/ffmpeg_ptr.hpp"
#include "media/video_frame.hpp"

namespace triad::media {

class PipelineFrameConverter {
 public:
  // `start_us`: the file's start time; `rotation_cw`: from the stream's display matrix.
  PipelineFrameConverter(AVRational time_base, TimeUs start_us, int rotation_cw)
      : time_base_(time_base), start_us_(start_us), rotation_cw_(rotation_cw) {}

  // Media time of a decoded frame (best-effort timestamp - file start); nullopt without one.
  std::optional<TimeUs> pts_us(const AVFrame* frame) const;
  // An empty VideoFrame when out of memory.
  VideoFrame convert(const AVFrame* frame, TimeUs pts_us);

 private:
  AVRational time_base_;
  TimeUs start_us_;
  int rotation_cw_;
  SwsContextPtr sws_;
};

// Bytes of pixel data a VideoFrame holds (for queue bounds).
std::size_t video_frame_bytes(const VideoFrame& frame);

}  // namespace triad::media
