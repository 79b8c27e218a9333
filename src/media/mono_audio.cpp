// Mono analysis track of a recording's sound; see mono_audio.hpp.
#include "media/decoder_open.hpp"
#include "media/mono_audio.hpp"

#include <algorithm>
#include <cstdlib>

#include "media/errors.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/stream_select.hpp"

extern "C" {
#include <libavutil/opt.h>
}

namespace triad::media {
namespace fs = std::filesystem;

namespace {
// An AVChannelLayout owned by scope (custom layouts hold an allocation).
struct OwnedLayout {
  AVChannelLayout layout{};
  OwnedLayout() = default;
  OwnedLayout(const OwnedLayout&) = delete;
  OwnedLayout& operator=(const OwnedLayout&) = delete;
  ~OwnedLayout() { av_channel_layout_uninit(&layout); }
};
}  // namespace

Result<MonoAudio> decode_mono(const fs::path& path, int rate, const ProgressFn& progress, const OpenOptions& open,
                              TimeUs max_duration_us) {
  if (rate <= 0) return make_error("the analysis rate must be positive", kFailed);
  auto opened = open_input(path, open);
  if (!opened) return opened.error();
  AVFormatContext* fmt = opened->get();
  const int si = pick_audio_stream(fmt, pick_video_stream(fmt));
  if (si < 0) return make_error(display_name(path) + " has no sound track", kCorrupt);
  AVStream* st = fmt->streams[si];
  for (unsigned i = 0; i < fmt->nb_streams; ++i)
    if (static_cast<int>(i) != si) fmt->streams[i]->discard = AVDISCARD_ALL;
  // The one decoder opener (media/decoder_open.hpp): same guards and error kinds as video.
  DecodeSetup setup;
  setup.threads = 1;
  auto opened_dec = open_decoder(path, fmt, si, setup);
  if (!opened_dec) return opened_dec.error();
  CodecContextPtr dec = std::move(*opened_dec);

  MonoAudio out;
  out.rate = rate;
  const TimeUs file_start = fmt->start_time == AV_NOPTS_VALUE ? 0 : fmt->start_time;
  const TimeUs duration = fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0 ? fmt->duration : 0;
  const std::int64_t max_samples = av_rescale(max_duration_us, rate, 1000000);
  if (duration > 0) out.samples.reserve(static_cast<std::size_t>(std::min(av_rescale(duration, rate, 1000000) + rate, max_samples)));

  // The resampler is (re)made for the format of the frames that arrive (a stream may change
  // layout or rate midway); its own delay is a few samples at the analysis rate, below the
  // precision alignment asks for.
  SwrContextPtr swr;
  int swr_in_rate = 0, swr_in_fmt = -1;
  OwnedLayout swr_in;
  AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
  std::vector<float> chunk;

  PacketPtr pkt = make_packet();
  FramePtr frame = make_frame();
  bool demux_eof = false;
  int last_pct = -1;
  for (;;) {
    int ret = avcodec_receive_frame(dec.get(), frame.get());
    if (ret == 0) {
      if (!swr || frame->sample_rate != swr_in_rate || frame->format != swr_in_fmt ||
          av_channel_layout_compare(&frame->ch_layout, &swr_in.layout) != 0) {
        SwrContext* s = nullptr;
        if (swr_alloc_set_opts2(&s, &mono, AV_SAMPLE_FMT_FLT, rate, &frame->ch_layout,
                                static_cast<AVSampleFormat>(frame->format), frame->sample_rate, 0, nullptr) < 0 ||
            swr_init(s) < 0) {
          swr_free(&s);
          return make_error(display_name(path) + "'s sound cannot be converted for analysis", kCorrupt);
        }
        swr.reset(s);
        swr_in_rate = frame->sample_rate;
        swr_in_fmt = frame->format;
        av_channel_layout_uninit(&swr_in.layout);
        av_channel_layout_copy(&swr_in.layout, &frame->ch_layout);
      }
      // Where this frame belongs at the analysis rate; jumps of more than 20 ms are gaps
      // (or overlaps) in the recording and move the write position, smaller ones are jitter.
      const std::int64_t pts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
      if (pts != AV_NOPTS_VALUE) {
        const TimeUs t = av_rescale_q(pts, st->time_base, AVRational{1, 1000000}) - file_start;
        const std::int64_t at = av_rescale(t, rate, 1000000);
        const std::int64_t have = static_cast<std::int64_t>(out.samples.size());
        if (std::llabs(at - have) > rate / 50) {
          if (at > have && at < max_samples) out.samples.resize(static_cast<std::size_t>(at), 0.0f);
          else if (at < have) out.samples.resize(static_cast<std::size_t>(std::max<std::int64_t>(0, at)));
        }
      }
      const int cap = swr_get_out_samples(swr.get(), frame->nb_samples);
      chunk.resize(static_cast<std::size_t>(std::max(cap, 0)));
      auto* dst = reinterpret_cast<std::uint8_t*>(chunk.data());
      const int got = swr_convert(swr.get(), &dst, cap, const_cast<const std::uint8_t**>(frame->extended_data),
                                  frame->nb_samples);
      av_frame_unref(frame.get());
      if (got > 0) {
        const std::size_t room = static_cast<std::size_t>(std::max<std::int64_t>(0, max_samples - static_cast<std::int64_t>(out.samples.size())));
        out.samples.insert(out.samples.end(), chunk.begin(), chunk.begin() + std::min<std::size_t>(got, room));
      }
      if (progress && duration > 0) {
        const int pct = static_cast<int>(std::clamp<std::int64_t>(
            static_cast<std::int64_t>(out.samples.size()) * 100 / std::max<std::int64_t>(1, av_rescale(duration, rate, 1000000)), 0, 100));
        if (pct != last_pct) {
          last_pct = pct;
          if (!progress(pct / 100.0))
            return make_error("reading the sound of " + display_name(path) + " was cancelled", kFailed);
        }
      }
      continue;
    }
    if (ret == AVERROR_EOF) break;
    if (ret != AVERROR(EAGAIN)) continue;  // damaged audio frame: skip it
    if (demux_eof) break;
    arm_deadline(fmt, open.deadline);
    ret = av_read_frame(fmt, pkt.get());
    if (ret == AVERROR_EXIT) return media_error(path, ret, fmt, "reading the sound");
    if (ret < 0) {
      demux_eof = true;
      avcodec_send_packet(dec.get(), nullptr);
      continue;
    }
    if (pkt->stream_index == si) avcodec_send_packet(dec.get(), pkt.get());
    av_packet_unref(pkt.get());
  }
  if (progress) progress(1.0);
  return out;
}

}  // namespace triad::media
