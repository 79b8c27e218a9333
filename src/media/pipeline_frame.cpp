#include "media/pipeline_frame.hpp"

#include <optional>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

namespace triad::media {

namespace {

struct Mapping {
  PlaneLayout layout;
  int bits;
  bool forced_full_range;  // the deprecated yuvj* formats
};

std::optional<Mapping> map_format(int format) {
  switch (format) {
    case AV_PIX_FMT_YUV420P: return Mapping{PlaneLayout::Yuv420p, 8, false};
    case AV_PIX_FMT_YUVJ420P: return Mapping{PlaneLayout::Yuv420p, 8, true};
    case AV_PIX_FMT_NV12: return Mapping{PlaneLayout::Nv12, 8, false};
    case AV_PIX_FMT_YUV420P10LE: return Mapping{PlaneLayout::Yuv420p10, 10, false};
    case AV_PIX_FMT_YUV422P: return Mapping{PlaneLayout::Yuv422p, 8, false};
    case AV_PIX_FMT_YUVJ422P: return Mapping{PlaneLayout::Yuv422p, 8, true};
    case AV_PIX_FMT_YUV422P10LE: return Mapping{PlaneLayout::Yuv422p10, 10, false};
    case AV_PIX_FMT_YUV444P: return Mapping{PlaneLayout::Yuv444p, 8, false};
    case AV_PIX_FMT_YUVJ444P: return Mapping{PlaneLayout::Yuv444p, 8, true};
    case AV_PIX_FMT_YUV444P10LE: return Mapping{PlaneLayout::Yuv444p10, 10, false};
    case AV_PIX_FMT_GRAY8: return Mapping{PlaneLayout::Gray8, 8, false};
    default: return std::nullopt;
  }
}

ColourMatrix map_matrix(const AVFrame* f) {
  switch (f->colorspace) {
    case AVCOL_SPC_BT709: return ColourMatrix::Bt709;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL: return ColourMatrix::Bt2020;
    case AVCOL_SPC_SMPTE170M:
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_FCC:
    case AVCOL_SPC_SMPTE240M: return ColourMatrix::Bt601;
    default: return f->height >= 720 ? ColourMatrix::Bt709 : ColourMatrix::Bt601;  // the usual guess
  }
}

std::shared_ptr<void> hold(AVFrame* ref) {
  return std::shared_ptr<void>(ref, [](void* p) {
    auto* f = static_cast<AVFrame*>(p);
    av_frame_free(&f);
  });
}

}  // namespace

std::optional<TimeUs> PipelineFrameConverter::pts_us(const AVFrame* frame) const {
  const std::int64_t ts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
  if (ts == AV_NOPTS_VALUE) return std::nullopt;
  return av_rescale_q(ts, time_base_, AVRational{1, 1000000}) - start_us_;
}

VideoFrame PipelineFrameConverter::convert(const AVFrame* src, TimeUs pts_us) {
  VideoFrame out;
  out.pts_us = pts_us;
  out.duration_us = src->pkt_duration > 0 ? av_rescale_q(src->pkt_duration, time_base_, AVRational{1, 1000000}) : 0;
  out.width = src->width;
  out.height = src->height;
  out.rotation_cw = rotation_cw_;
  if (src->sample_aspect_ratio.num > 0 && src->sample_aspect_ratio.den > 0) {
    out.sar_num = src->sample_aspect_ratio.num;
    out.sar_den = src->sample_aspect_ratio.den;
  }
  out.keyframe = src->key_frame != 0;
  out.matrix = map_matrix(src);
  out.full_range = src->color_range == AVCOL_RANGE_JPEG;

  AVFrame* ref = nullptr;
  if (auto m = map_format(src->format)) {
    ref = av_frame_clone(src);
    if (!ref) return VideoFrame{};
    out.layout = m->layout;
    out.bits = m->bits;
    out.full_range = out.full_range || m->forced_full_range;
  } else {
    // Unusual format (e.g. 12-bit, RGB, palette): convert once to RGBA.
    sws_.reset(sws_getCachedContext(sws_.release(), src->width, src->height, static_cast<AVPixelFormat>(src->format),
                                    src->width, src->height, AV_PIX_FMT_RGBA, SWS_BILINEAR, nullptr, nullptr, nullptr));
    ref = av_frame_alloc();
    if (!sws_ || !ref) {
      av_frame_free(&ref);
      return VideoFrame{};
    }
    ref->format = AV_PIX_FMT_RGBA;
    ref->width = src->width;
    ref->height = src->height;
    if (av_frame_get_buffer(ref, 0) < 0 ||
        sws_scale(sws_.get(), src->data, src->linesize, 0, src->height, ref->data, ref->linesize) <= 0) {
      av_frame_free(&ref);
      return VideoFrame{};
    }
    out.layout = PlaneLayout::Rgba;
    out.bits = 8;
    out.full_range = true;
  }

  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(ref->format));
  const int planes = av_pix_fmt_count_planes(static_cast<AVPixelFormat>(ref->format));
  out.plane_count = planes;
  for (int p = 0; p < planes && p < 4; ++p) {
    const bool chroma = p == 1 || p == 2;
    out.planes[p] = ref->data[p];
    out.linesizes[p] = ref->linesize[p];
    out.plane_widths[p] = chroma ? AV_CEIL_RSHIFT(ref->width, desc->log2_chroma_w) : ref->width;
    out.plane_heights[p] = chroma ? AV_CEIL_RSHIFT(ref->height, desc->log2_chroma_h) : ref->height;
  }
  out.owner = hold(ref);
  return out;
}

std::size_t video_frame_bytes(const VideoFrame& frame) {
  std::size_t bytes = 0;
  for (int p = 0; p < frame.plane_count && p < 4; ++p) {
    bytes += static_cast<std::size_t>(std::abs(frame.linesizes[p])) * static_cast<std::size_t>(frame.plane_heights[p]);
  }
  return bytes;
}

}  // namespace triad::media
