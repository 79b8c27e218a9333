#include "media/frame_shrink.hpp"

#include <algorithm>
#include <cmath>

#include "media/frame_holder.hpp"

namespace triad::media {

VideoFrame shrink_frame(const VideoFrame& frame, int max_height) {
  const FrameHolder* holder = holder_of(frame);
  if (holder == nullptr || max_height < 2 || frame.height <= max_height) return frame;
  const AVFrame* src = holder->converted ? holder->converted.get() : holder->native.get();
  if (src == nullptr || src->width <= 0 || src->height <= 0) return frame;

  const int out_h = std::max(2, max_height & ~1);
  const int out_w = std::max(2, static_cast<int>(std::lround(static_cast<double>(src->width) * out_h / src->height)) & ~1);
  const auto format = static_cast<AVPixelFormat>(src->format);
  SwsContextPtr sws(
      sws_getContext(src->width, src->height, format, out_w, out_h, format, SWS_AREA, nullptr, nullptr, nullptr));
  if (!sws) return frame;

  FramePtr dst = make_frame();
  if (!dst) return frame;
  dst->format = src->format;
  dst->width = out_w;
  dst->height = out_h;
  if (av_frame_get_buffer(dst.get(), 0) < 0) return frame;
  if (sws_scale(sws.get(), src->data, src->linesize, 0, src->height, dst->data, dst->linesize) <= 0) return frame;
  dst->color_range = src->color_range;
  dst->colorspace = src->colorspace;
  dst->color_primaries = src->color_primaries;
  dst->color_trc = src->color_trc;
  dst->sample_aspect_ratio = src->sample_aspect_ratio;
  dst->key_frame = src->key_frame;

  FrameContext fc;
  fc.convert_unusual = false;  // same format as a VideoFrame already described
  VideoFrame out = make_video_frame(std::move(dst), fc);
  if (out.empty() || out.layout == PlaneLayout::None) return frame;
  // What the picture is stays the original's: time, colour, turn and shape.
  out.pts_us = frame.pts_us;
  out.duration_us = frame.duration_us;
  out.matrix = frame.matrix;
  out.full_range = frame.full_range;
  out.rotation_cw = frame.rotation_cw;
  out.sar_num = frame.sar_num;
  out.sar_den = frame.sar_den;
  out.keyframe = frame.keyframe;
  return out;
}

}  // namespace triad::media
