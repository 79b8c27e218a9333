#include "media/stream_select.hpp"

#include <cmath>

extern "C" {
#include <libavutil/display.h>
}

namespace triad::media {

int pick_video_stream(const AVFormatContext* ctx) {
  int best = -1;
  std::int64_t best_score = -1;
  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    const AVStream* st = ctx->streams[i];
    if (st->codecpar->codec_type != AVMEDIA_TYPE_VIDEO) continue;
    if (st->disposition & AV_DISPOSITION_ATTACHED_PIC) continue;
    if (avcodec_find_decoder(st->codecpar->codec_id) == nullptr) continue;
    const std::int64_t score = std::int64_t{st->codecpar->width} * st->codecpar->height +
                               ((st->disposition & AV_DISPOSITION_DEFAULT) ? 5000000 : 0);
    if (score > best_score) {
      best_score = score;
      best = static_cast<int>(i);
    }
  }
  return best;
}

int pick_audio_stream(AVFormatContext* ctx, int video_stream) {
  const int ret = av_find_best_stream(ctx, AVMEDIA_TYPE_AUDIO, -1, video_stream, nullptr, 0);
  return ret >= 0 ? ret : -1;
}

static double display_angle(const AVStream* st) {
  const std::uint8_t* matrix = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, nullptr);
  if (matrix == nullptr) return 0.0;
  const double angle = av_display_rotation_get(reinterpret_cast<const std::int32_t*>(matrix));
  return std::isnan(angle) ? 0.0 : angle;
}

int stream_rotation_ffprobe(const AVStream* st) { return static_cast<int>(std::lround(display_angle(st))); }

int stream_rotation_cw(const AVStream* st) {
  // av_display_rotation_get is counter-clockwise; the picture must turn the other way.
  const long cw = std::lround(-display_angle(st) / 90.0) * 90;
  return static_cast<int>(((cw % 360) + 360) % 360);
}

}  // namespace triad::media
