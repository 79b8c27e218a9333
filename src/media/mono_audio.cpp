// Stretches of a recording's sound at the analysis rate; see mono_audio.hpp.
#include "media/mono_audio.hpp"

#include <algorithm>
#include <cstdlib>

#include "media/decoder_open.hpp"
#include "media/errors.hpp"
#include "media/stream_select.hpp"

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

// Decoding starts this long before the stretch: the seek lands on a packet at or before the
// target, and audio decoders (AAC's overlapping windows) need a few frames to settle.
constexpr TimeUs kPreroll = 500000;
}  // namespace

Result<MonoSpanReader> MonoSpanReader::open(const fs::path& path, int rate, const OpenOptions& open) {
  if (rate <= 0) return make_error("the analysis rate must be positive", kFailed);
  auto opened = open_input(path, open);
  if (!opened) return opened.error();
  AVFormatContext* fmt = opened->get();
  const int si = pick_audio_stream(fmt, pick_video_stream(fmt));
  if (si < 0) return make_error(display_name(path) + " has no sound track", kCorrupt);
  for (unsigned i = 0; i < fmt->nb_streams; ++i)
    if (static_cast<int>(i) != si) fmt->streams[i]->discard = AVDISCARD_ALL;
  // The one decoder opener (media/decoder_open.hpp): same guards and error kinds as video.
  DecodeSetup setup;
  setup.threads = 1;
  auto opened_dec = open_decoder(path, fmt, si, setup);
  if (!opened_dec) return opened_dec.error();
  MonoSpanReader r;
  r.path_ = path;
  r.open_ = open;
  r.file_start_ = fmt->start_time == AV_NOPTS_VALUE ? 0 : fmt->start_time;
  r.fmt_ = std::move(*opened);
  r.dec_ = std::move(*opened_dec);
  r.stream_ = si;
  r.rate_ = rate;
  return r;
}

Result<std::vector<float>> MonoSpanReader::read(TimeUs from_us, std::int64_t count) {
  count = std::clamp<std::int64_t>(count, 0, std::int64_t{3600} * rate_);
  std::vector<float> out(static_cast<std::size_t>(count), 0.0f);
  if (count == 0) return out;
  AVFormatContext* fmt = fmt_.get();
  AVStream* st = fmt->streams[stream_];
  const std::int64_t first = av_rescale(from_us, rate_, 1000000);  // analysis index of out[0]
  const std::int64_t end = first + count;
  arm_deadline(fmt, open_.deadline);
  const std::int64_t target = file_start_ + std::max<TimeUs>(0, from_us - kPreroll);
  const std::int64_t ts = av_rescale_q(target, AVRational{1, 1000000}, st->time_base);
  if (avformat_seek_file(fmt, stream_, INT64_MIN, ts, ts, 0) < 0 &&
      avformat_seek_file(fmt, stream_, INT64_MIN, ts, ts, AVSEEK_FLAG_ANY) < 0)
    av_seek_frame(fmt, stream_, ts, AVSEEK_FLAG_BACKWARD);
  avcodec_flush_buffers(dec_.get());

  // A fresh resampler for each stretch, made for the format of the frames that arrive; its
  // own delay (a few samples at the analysis rate) is the same at every stretch and in both
  // recordings, below the precision alignment asks for.
  SwrContextPtr swr;
  int swr_in_rate = 0, swr_in_fmt = -1;
  OwnedLayout swr_in;
  AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
  std::vector<float> chunk;
  std::int64_t write = INT64_MIN;  // analysis index of the next converted sample

  PacketPtr pkt = make_packet();
  FramePtr frame = make_frame();
  bool demux_eof = false;
  while (write < end) {
    int ret = avcodec_receive_frame(dec_.get(), frame.get());
    if (ret == 0) {
      if (!swr || frame->sample_rate != swr_in_rate || frame->format != swr_in_fmt ||
          av_channel_layout_compare(&frame->ch_layout, &swr_in.layout) != 0) {
        SwrContext* s = nullptr;
        if (swr_alloc_set_opts2(&s, &mono, AV_SAMPLE_FMT_FLT, rate_, &frame->ch_layout,
                                static_cast<AVSampleFormat>(frame->format), frame->sample_rate, 0, nullptr) < 0 ||
            swr_init(s) < 0) {
          swr_free(&s);
          return make_error(display_name(path_) + "'s sound cannot be converted for analysis", kCorrupt);
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
        const TimeUs t = av_rescale_q(pts, st->time_base, AVRational{1, 1000000}) - file_start_;
        const std::int64_t at = av_rescale(t, rate_, 1000000);
        if (write == INT64_MIN || std::llabs(at - write) > rate_ / 50) write = at;
      }
      if (write == INT64_MIN) write = first;  // no timestamps at all: trust the seek
      const int cap = swr_get_out_samples(swr.get(), frame->nb_samples);
      chunk.resize(static_cast<std::size_t>(std::max(cap, 0)));
      auto* dst = reinterpret_cast<std::uint8_t*>(chunk.data());
      const int got = swr_convert(swr.get(), &dst, cap, const_cast<const std::uint8_t**>(frame->extended_data),
                                  frame->nb_samples);
      av_frame_unref(frame.get());
      for (int i = 0; i < got; ++i, ++write)
        if (write >= first && write < end) out[static_cast<std::size_t>(write - first)] = chunk[static_cast<std::size_t>(i)];
      continue;
    }
    if (ret == AVERROR_EOF) break;
    if (ret != AVERROR(EAGAIN)) continue;  // damaged audio frame: skip it
    if (demux_eof) break;
    arm_deadline(fmt, open_.deadline);
    ret = av_read_frame(fmt, pkt.get());
    if (ret == AVERROR_EXIT) return media_error(path_, ret, fmt, "reading the sound");
    if (ret < 0) {
      demux_eof = true;
      avcodec_send_packet(dec_.get(), nullptr);
      continue;
    }
    if (pkt->stream_index == stream_) avcodec_send_packet(dec_.get(), pkt.get());
    av_packet_unref(pkt.get());
  }
  return out;
}

}  // namespace triad::media
