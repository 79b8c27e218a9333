#include "media/png_writer.hpp"

#include <algorithm>
#include <string_view>

extern "C" {
#include <libavutil/imgutils.h>
}

#include "base/atomic_file.hpp"
#include "media/encoder_open.hpp"
#include "media/errors.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/frame_holder.hpp"

namespace triad::media {

namespace {

int sws_colourspace(AVColorSpace cs, int height) {
  switch (cs) {
    case AVCOL_SPC_BT709: return SWS_CS_ITU709;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL: return SWS_CS_BT2020;
    case AVCOL_SPC_SMPTE240M: return SWS_CS_SMPTE240M;
    case AVCOL_SPC_FCC: return SWS_CS_FCC;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M: return SWS_CS_ITU601;
    default: return height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601;
  }
}

bool is_full_range(const AVFrame* f) {
  switch (f->format) {
    case AV_PIX_FMT_YUVJ420P:
    case AV_PIX_FMT_YUVJ422P:
    case AV_PIX_FMT_YUVJ444P:
    case AV_PIX_FMT_YUVJ440P: return true;
    default: return f->color_range == AVCOL_RANGE_JPEG;
  }
}

}  // namespace

struct PngEncoder::State {
  SwsContextPtr sws;
  CodecContextPtr enc;
};

PngEncoder::PngEncoder() : st_(std::make_unique<State>()) {}
PngEncoder::~PngEncoder() = default;
PngEncoder::PngEncoder(PngEncoder&&) noexcept = default;
PngEncoder& PngEncoder::operator=(PngEncoder&&) noexcept = default;

Result<std::vector<std::uint8_t>> PngEncoder::encode(const VideoFrame& frame, int width) {
  const FrameHolder* h = holder_of(frame);
  if (h == nullptr || !h->native) return make_error("there is no picture to write", kFailed);
  const AVFrame* src = h->native.get();
  if (src->width <= 0 || src->height <= 0) return make_error("the picture has no size", kFailed);

  const bool quarter = frame.rotation_cw == 90 || frame.rotation_cw == 270;
  const int disp_w = std::max(1, frame.display_width());
  const int disp_h = std::max(1, frame.display_height());
  int out_w = width > 0 ? width : disp_w;
  int out_h = width > 0 ? std::max(1, static_cast<int>(av_rescale(width, disp_h, disp_w))) : disp_h;
  out_w = std::min(out_w, 16384);
  out_h = std::min(out_h, 16384);
  // Scale in stored orientation, then turn the RGB pixels.
  const int scaled_w = quarter ? out_h : out_w;
  const int scaled_h = quarter ? out_w : out_h;

  // A strong reduction (timeline thumbnails) averages areas: as sharp as bicubic at that
  // size and several times cheaper, because bicubic's filter grows with the ratio.
  const bool shrink = scaled_w * 2 <= src->width && scaled_h * 2 <= src->height;
  const int flags = shrink ? SWS_AREA : SWS_BICUBIC | SWS_ACCURATE_RND;
  st_->sws.reset(sws_getCachedContext(st_->sws.release(), src->width, src->height, static_cast<AVPixelFormat>(src->format),
                                  scaled_w, scaled_h, AV_PIX_FMT_RGB24, flags, nullptr, nullptr, nullptr));
  if (!st_->sws) return make_error("the picture's pixel format cannot be converted to RGB", kFailed);
  const int* coeffs = sws_getCoefficients(sws_colourspace(src->colorspace, src->height));
  sws_setColorspaceDetails(st_->sws.get(), coeffs, is_full_range(src) ? 1 : 0, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0,
                           1 << 16, 1 << 16);
  FramePtr scaled = make_frame();
  FramePtr rgb = make_frame();
  if (!scaled || !rgb) return make_error("out of memory while writing a picture", kFailed);
  scaled->format = rgb->format = AV_PIX_FMT_RGB24;
  scaled->width = scaled_w;
  scaled->height = scaled_h;
  rgb->width = out_w;
  rgb->height = out_h;
  if (av_frame_get_buffer(scaled.get(), 0) < 0 || av_frame_get_buffer(rgb.get(), 0) < 0)
    return make_error("out of memory while writing a picture", kFailed);
  sws_scale(st_->sws.get(), src->data, src->linesize, 0, src->height, scaled->data, scaled->linesize);

  if (frame.rotation_cw == 0) {
    av_frame_unref(rgb.get());
    rgb = std::move(scaled);
  } else {
    const int W = scaled_w, H = scaled_h;
    for (int sy = 0; sy < H; ++sy) {
      const std::uint8_t* row = scaled->data[0] + static_cast<std::ptrdiff_t>(sy) * scaled->linesize[0];
      for (int sx = 0; sx < W; ++sx) {
        int dx, dy;
        switch (frame.rotation_cw) {
          case 90: dx = H - 1 - sy; dy = sx; break;
          case 180: dx = W - 1 - sx; dy = H - 1 - sy; break;
          default: dx = sy; dy = W - 1 - sx; break;  // 270
        }
        std::uint8_t* d = rgb->data[0] + static_cast<std::ptrdiff_t>(dy) * rgb->linesize[0] + dx * 3;
        d[0] = row[sx * 3];
        d[1] = row[sx * 3 + 1];
        d[2] = row[sx * 3 + 2];
      }
    }
  }

  // PNG pictures are independent, so one encoder serves every picture of the same size.
  if (!st_->enc || st_->enc->width != rgb->width || st_->enc->height != rgb->height) {
    st_->enc.reset();
    auto enc = open_encoder({AV_CODEC_ID_PNG, nullptr, "PNG"}, [&](AVCodecContext* c) {
      c->width = rgb->width;
      c->height = rgb->height;
      c->pix_fmt = AV_PIX_FMT_RGB24;
      c->time_base = AVRational{1, 25};
      c->compression_level = 3;  // fast; thumbnails are small anyway
    });
    if (!enc) return enc.error();
    st_->enc = std::move(enc.value());
  }
  PacketPtr pkt = make_packet();
  if (!pkt || avcodec_send_frame(st_->enc.get(), rgb.get()) < 0 || avcodec_receive_packet(st_->enc.get(), pkt.get()) < 0) {
    st_->enc.reset();  // a failed encoder is not trusted with the next picture
    return make_error("the PNG encoder refused the picture", kFailed);
  }
  return std::vector<std::uint8_t>(pkt->data, pkt->data + pkt->size);
}

Status PngEncoder::write(const VideoFrame& frame, const std::filesystem::path& out, int width) {
  auto png = encode(frame, width);
  if (!png) return png.error();
  Status s = write_file_atomically(out, std::string_view(reinterpret_cast<const char*>(png->data()), png->size()));
  if (!s) return make_error(out.filename().string() + " could not be written: " + s.error().message, kIoError);
  return ok_status();
}

Result<std::vector<std::uint8_t>> encode_png(const VideoFrame& frame, int width) { return PngEncoder().encode(frame, width); }

Status write_png(const VideoFrame& frame, const std::filesystem::path& out, int width) {
  return PngEncoder().write(frame, out, width);
}

}  // namespace triad::media
