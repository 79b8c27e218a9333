#pragma once
// Media-internal: what VideoFrame::owner points at, and how decoded AVFrames become
// VideoFrames. FFmpeg types; never include from outside media/.
#include <cstddef>

#include "base/time.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/video_frame.hpp"

namespace triad::media {

// Keeps the decoder's picture (and, for unusual pixel formats, its Rgba copy) alive.
struct FrameHolder {
  FramePtr native;     // exactly what the decoder produced (frame_md5 hashes this)
  FramePtr converted;  // Rgba copy when the native layout has no PlaneLayout; else null
};

// Everything needed to turn an AVFrame into a VideoFrame for one stream.
struct FrameContext {
  AVRational time_base{1, 1};
  TimeUs file_start_us = 0;  // subtracted from every pts: media time
  int rotation_cw = 0;
  AVRational stream_sar{0, 1};
  bool convert_unusual = true;
  SwsContext* sws = nullptr;  // cache for the Rgba fallback (owned by the caller, may be updated)
};

// pts of a decoded frame in the stream time base (best effort), AV_NOPTS_VALUE if none.
std::int64_t frame_pts(const AVFrame* frame);
// Media time in microseconds of a stream timestamp.
TimeUs to_media_us(std::int64_t ts, const FrameContext& fc);

// Takes ownership of `frame`. Converts to Rgba only when needed and allowed.
VideoFrame make_video_frame(FramePtr frame, FrameContext& fc);
// The holder behind a VideoFrame made by make_video_frame (null for an empty frame).
const FrameHolder* holder_of(const VideoFrame& frame);
// Bytes of pixel memory a VideoFrame keeps alive (for the cache bound).
std::size_t frame_bytes(const VideoFrame& frame);

}  // namespace triad::media
