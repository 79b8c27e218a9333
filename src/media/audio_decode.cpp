#include "media/decoder_open.hpp"
#include "media/audio_decode.hpp"

#include <algorithm>
#include <vector>

#include "media/errors.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/stream_select.hpp"

extern "C" {
#include <libavutil/opt.h>
}

namespace triad::media {
namespace fs = std::filesystem;

Result<TimeUs> decode_mono(const fs::path& path, const MonoSink& sink, const MonoDecodeOptions& options) {
  if (options.sample_rate < 8000 || options.sample_rate > 192000)
    return make_error("the sound of " + display_name(path) + " cannot be resampled to " +
                          std::to_string(options.sample_rate) + " Hz",
                      kFailed);
  auto opened = open_input(path, options.open);
  if (!opened) return opened.error();
  AVFormatContext* fmt = opened->get();
  const int si = pick_audio_stream(fmt, pick_video_stream(fmt));
  if (si < 0) return make_error(display_name(path) + " has no sound track to analyse", kCorrupt);
  AVStream* st = fmt->streams[si];
  for (unsigned i = 0; i < fmt->nb_streams; ++i)
    if (static_cast<int>(i) != si) fmt->streams[i]->discard = AVDISCARD_ALL;
  // The one decoder opener (media/decoder_open.hpp): same guards and error kinds as video.
  DecodeSetup setup;
  setup.threads = 1;
  auto opened_dec = open_decoder(path, fmt, si, setup);
  if (!opened_dec) return opened_dec.error();
  CodecContextPtr dec = std::move(*opened_dec);

  const TimeUs file_start = fmt->start_time == AV_NOPTS_VALUE ? 0 : fmt->start_time;
  const TimeUs duration = fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0 ? fmt->duration : 0;
  const std::int64_t rate = options.sample_rate;
  SwrContextPtr swr;
  int swr_in_rate = 0, swr_in_fmt = -1, swr_in_channels = 0;
  PacketPtr pkt = make_packet();
  FramePtr frame = make_frame();
  std::vector<float> out;
  std::int64_t delivered = 0;
  bool started = false, demux_eof = false;
  int last_pct = -1;

  auto emit = [&](const float* s, std::size_t n) {
    delivered += static_cast<std::int64_t>(n);
    return sink(s, n);
  };
  auto cancelled = [&] { return make_error("the talk analysis of " + display_name(path) + " was cancelled", kFailed); };

  for (;;) {
    int ret = avcodec_receive_frame(dec.get(), frame.get());
    if (ret == 0) {
      const int channels = frame->ch_layout.nb_channels;
      if (!swr || frame->sample_rate != swr_in_rate || frame->format != swr_in_fmt || channels != swr_in_channels) {
        AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
        SwrContext* s = nullptr;
        if (swr_alloc_set_opts2(&s, &mono, AV_SAMPLE_FMT_FLT, options.sample_rate, &frame->ch_layout,
                                static_cast<AVSampleFormat>(frame->format), frame->sample_rate, 0, nullptr) < 0) {
          swr_free(&s);
          return make_error(display_name(path) + "'s sound cannot be converted for analysis", kCorrupt);
        }
        // A short resampling filter: speech analysis needs the voice band clean, not
        // hi-fi stop-band rejection, and the default filter took as long as decoding AAC.
        av_opt_set_int(s, "filter_size", 8, 0);
        av_opt_set_int(s, "phase_shift", 6, 0);
        if (swr_init(s) < 0) {
          swr_free(&s);
          return make_error(display_name(path) + "'s sound cannot be converted for analysis", kCorrupt);
        }
        swr.reset(s);
        swr_in_rate = frame->sample_rate;
        swr_in_fmt = frame->format;
        swr_in_channels = channels;
      }
      if (!started) {
        // A sound track that starts late: pad with silence so sample i is at i / rate.
        started = true;
        const std::int64_t pts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
        if (pts != AV_NOPTS_VALUE) {
          const TimeUs t = av_rescale_q(pts, st->time_base, AVRational{1, 1000000}) - file_start;
          if (t > 0 && t < seconds_us(3600)) {
            std::vector<float> pad(static_cast<std::size_t>(t * rate / 1000000), 0.0f);
            if (!pad.empty() && !emit(pad.data(), pad.size())) return cancelled();
          }
        }
      }
      const int cap = swr_get_out_samples(swr.get(), frame->nb_samples);
      out.resize(static_cast<std::size_t>(std::max(cap, 0)));
      auto* dst = reinterpret_cast<std::uint8_t*>(out.data());
      const int got = swr_convert(swr.get(), &dst, cap, const_cast<const std::uint8_t**>(frame->extended_data),
                                  frame->nb_samples);
      av_frame_unref(frame.get());
      if (got > 0 && !emit(out.data(), static_cast<std::size_t>(got))) return cancelled();
      if (options.progress && duration > 0) {
        const int pct = static_cast<int>(std::clamp<std::int64_t>(delivered * 100 / std::max<std::int64_t>(1, duration * rate / 1000000), 0, 100));
        if (pct != last_pct) {
          last_pct = pct;
          if (!options.progress(pct / 100.0)) return cancelled();
        }
      }
      continue;
    }
    if (ret == AVERROR_EOF) break;
    if (ret != AVERROR(EAGAIN)) continue;  // a damaged frame: skip it
    if (demux_eof) break;
    arm_deadline(fmt, options.open.deadline);
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
  if (swr) {  // what the resampler still holds
    out.resize(4096);
    auto* dst = reinterpret_cast<std::uint8_t*>(out.data());
    const int got = swr_convert(swr.get(), &dst, static_cast<int>(out.size()), nullptr, 0);
    if (got > 0 && !emit(out.data(), static_cast<std::size_t>(got))) return cancelled();
  }
  if (!started) return make_error(display_name(path) + " has a sound track with no decodable sound", kCorrupt);
  if (options.progress) options.progress(1.0);
  return delivered * 1000000 / rate;
}

}  // namespace triad::media
