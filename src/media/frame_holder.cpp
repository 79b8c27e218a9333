// AVFrame -> VideoFrame: plane description without copying pixels.
#include "media/frame_holder.hpp"

#include <algorithm>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/md5.h>
#include <libavutil/pixdesc.h>
}

#include "media/decoder.hpp"

namespace triad::media {

namespace {

struct LayoutInfo {
  PlaneLayout layout = PlaneLayout::None;
  bool full_range = false;
  int bits = 8;
};

LayoutInfo layout_of(int format) {
  switch (static_cast<AVPixelFormat>(format)) {
    case AV_PIX_FMT_YUV420P: return {PlaneLayout::Yuv420p, false, 8};
    case AV_PIX_FMT_YUVJ420P: return {PlaneLayout::Yuv420p, true, 8};
    case AV_PIX_FMT_NV12: return {PlaneLayout::Nv12, false, 8};
    case AV_PIX_FMT_YUV420P10LE: return {PlaneLayout::Yuv420p10, false, 10};
    case AV_PIX_FMT_YUV422P: return {PlaneLayout::Yuv422p, false, 8};
    case AV_PIX_FMT_YUVJ422P: return {PlaneLayout::Yuv422p, true, 8};
    case AV_PIX_FMT_YUV422P10LE: return {PlaneLayout::Yuv422p10, false, 10};
    case AV_PIX_FMT_YUV444P: return {PlaneLayout::Yuv444p, false, 8};
    case AV_PIX_FMT_YUVJ444P: return {PlaneLayout::Yuv444p, true, 8};
    case AV_PIX_FMT_YUV444P10LE: return {PlaneLayout::Yuv444p10, false, 10};
    case AV_PIX_FMT_GRAY8: return {PlaneLayout::Gray8, false, 8};
    case AV_PIX_FMT_RGBA: return {PlaneLayout::Rgba, true, 8};
    default: return {};
  }
}

ColourMatrix matrix_of(const AVFrame* f) {
  switch (f->colorspace) {
    case AVCOL_SPC_BT709: return ColourMatrix::Bt709;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL: return ColourMatrix::Bt2020;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M:
    case AVCOL_SPC_FCC:
    case AVCOL_SPC_SMPTE240M: return ColourMatrix::Bt601;
    default: return f->height >= 720 ? ColourMatrix::Bt709 : ColourMatrix::Bt601;  // the usual guess
  }
}

void describe_planes(VideoFrame& vf, const AVFrame* f, PlaneLayout layout) {
  vf.layout = layout;
  const auto* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(f->format));
  int count = 0;
  for (int i = 0; i < 4; ++i)
    if (f->data[i] != nullptr) count = i + 1;
  if (layout == PlaneLayout::Rgba || layout == PlaneLayout::Gray8) count = 1;
  vf.plane_count = count;
  for (int i = 0; i < count; ++i) {
    vf.planes[i] = f->data[i];
    vf.linesizes[i] = f->linesize[i];
    const bool chroma = (i == 1 || i == 2) && desc != nullptr;
    vf.plane_widths[i] = chroma ? AV_CEIL_RSHIFT(f->width, desc->log2_chroma_w) : f->width;
    vf.plane_heights[i] = chroma ? AV_CEIL_RSHIFT(f->height, desc->log2_chroma_h) : f->height;
  }
}

}  // namespace

const char* to_string(PlaneLayout layout) {
  switch (layout) {
    case PlaneLayout::None: return "none";
    case PlaneLayout::Yuv420p: return "yuv420p";
    case PlaneLayout::Nv12: return "nv12";
    case PlaneLayout::Yuv420p10: return "yuv420p10";
    case PlaneLayout::Yuv422p: return "yuv422p";
    case PlaneLayout::Yuv422p10: return "yuv422p10";
    case PlaneLayout::Yuv444p: return "yuv444p";
    case PlaneLayout::Yuv444p10: return "yuv444p10";
    case PlaneLayout::Gray8: return "gray8";
    case PlaneLayout::Rgba: return "rgba";
  }
  return "none";
}

int VideoFrame::display_width() const {
  int w = width;
  if (sar_num > 0 && sar_den > 0 && sar_num != sar_den) w = static_cast<int>(av_rescale(width, sar_num, sar_den));
  return (rotation_cw == 90 || rotation_cw == 270) ? height : w;
}

int VideoFrame::display_height() const {
  int w = width;
  if (sar_num > 0 && sar_den > 0 && sar_num != sar_den) w = static_cast<int>(av_rescale(width, sar_num, sar_den));
  return (rotation_cw == 90 || rotation_cw == 270) ? w : height;
}

std::int64_t frame_pts(const AVFrame* frame) {
  return frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
}

TimeUs to_media_us(std::int64_t ts, const FrameContext& fc) {
  if (ts == AV_NOPTS_VALUE) return 0;
  // Floor, so "the frame shown at T" holds for T = its pts floored to the microsecond
  // (the times the ffmpeg CLI and the bench harness print).
  return av_rescale_q_rnd(ts, fc.time_base, AVRational{1, 1000000}, AV_ROUND_DOWN) - fc.file_start_us;
}

VideoFrame make_video_frame(FramePtr frame, FrameContext& fc) {
  VideoFrame vf;
  const AVFrame* f = frame.get();
  vf.pts_us = to_media_us(frame_pts(f), fc);
  vf.duration_us = f->pkt_duration > 0 ? av_rescale_q(f->pkt_duration, fc.time_base, AVRational{1, 1000000}) : 0;
  vf.width = f->width;
  vf.height = f->height;
  vf.matrix = matrix_of(f);
  vf.rotation_cw = fc.rotation_cw;
  AVRational sar = f->sample_aspect_ratio.num > 0 ? f->sample_aspect_ratio : fc.stream_sar;
  if (sar.num > 0 && sar.den > 0) {
    vf.sar_num = sar.num;
    vf.sar_den = sar.den;
  }
  vf.keyframe = f->key_frame != 0;

  auto holder = std::make_shared<FrameHolder>();
  const LayoutInfo li = layout_of(f->format);
  if (li.layout != PlaneLayout::None) {
    vf.full_range = li.full_range || f->color_range == AVCOL_RANGE_JPEG;
    vf.bits = li.bits;
    describe_planes(vf, f, li.layout);
  } else if (fc.convert_unusual && f->width > 0 && f->height > 0) {
    FramePtr rgba = make_frame();
    fc.sws = sws_getCachedContext(fc.sws, f->width, f->height, static_cast<AVPixelFormat>(f->format), f->width,
                                  f->height, AV_PIX_FMT_RGBA, SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (rgba && fc.sws) {
      rgba->format = AV_PIX_FMT_RGBA;
      rgba->width = f->width;
      rgba->height = f->height;
      if (av_frame_get_buffer(rgba.get(), 0) >= 0 &&
          sws_scale(fc.sws, f->data, f->linesize, 0, f->height, rgba->data, rgba->linesize) > 0) {
        vf.full_range = true;
        vf.bits = 8;
        describe_planes(vf, rgba.get(), PlaneLayout::Rgba);
        holder->converted = std::move(rgba);
      }
    }
  }
  holder->native = std::move(frame);
  vf.owner = std::move(holder);
  return vf;
}

const FrameHolder* holder_of(const VideoFrame& frame) { return static_cast<const FrameHolder*>(frame.owner.get()); }

std::size_t frame_bytes(const VideoFrame& frame) {
  const FrameHolder* h = holder_of(frame);
  if (h == nullptr) return 0;
  std::size_t total = sizeof(AVFrame);
  for (const AVFrame* f : {h->native.get(), h->converted.get()}) {
    if (f == nullptr) continue;
    for (const AVBufferRef* buf : f->buf)
      if (buf != nullptr) total += buf->size;
  }
  return total;
}

std::string frame_md5(const VideoFrame& frame) {
  const FrameHolder* h = holder_of(frame);
  if (h == nullptr || !h->native) return {};
  const AVFrame* f = h->native.get();
  const auto fmt = static_cast<AVPixelFormat>(f->format);
  const int size = av_image_get_buffer_size(fmt, f->width, f->height, 1);
  if (size <= 0) return {};
  std::vector<std::uint8_t> packed(static_cast<std::size_t>(size));
  if (av_image_copy_to_buffer(packed.data(), size, f->data, f->linesize, fmt, f->width, f->height, 1) < 0) return {};
  std::uint8_t digest[16];
  av_md5_sum(digest, packed.data(), size);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : digest) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

}  // namespace triad::media
