// VideoDecoder: exact seek and stepping over one contiguous run of decoded frames.
//
// Vocabulary used below:
//  - "run": frames in presentation order, exactly as a straight decode from the start
//    produces them, with no gap between neighbours. run_at_start_: its first frame is the
//    file's first frame; run_at_eof_: its last frame is the file's last frame.
//  - "cursor": the decoder's position. cursor_at_run_end_: the next decoded frame is the
//    one after run_.back(), so the run can grow forward without a demuxer seek.
//  - "trusted" frames: after a seek to keyframe K only frames with pts >= pts(K) are kept;
//    earlier ones are open-GOP leading pictures that need the previous GOP.
#include "media/decoder.hpp"

#include <algorithm>
#include <deque>
#include <string_view>

#include "media/decoder_open.hpp"
#include "media/errors.hpp"
#include "media/open_input.hpp"
#include "media/frame_holder.hpp"
#include "media/seek_framedrop.hpp"
#include "media/stream_select.hpp"

namespace triad::media {
namespace fs = std::filesystem;

namespace {
constexpr int kMaxBackoffs = 6;
// Decoding forward beats a demuxer seek when the target is this close to the run's end
// (or inside the GOP already being decoded, per the container index).
constexpr TimeUs kForwardWindowUs = 1 * kUsPerSecond;
constexpr TimeUs kSameGopLimitUs = 20 * kUsPerSecond;
}  // namespace

struct VideoDecoder::Impl {
  fs::path path;
  DecoderOptions opt;
  FormatContextPtr fmt;
  CodecContextPtr dec;
  AVStream* st = nullptr;
  int si = -1;
  ProbeInfo info;
  FrameContext fc;
  PacketPtr pkt = make_packet();
  DecoderStats stats;

  // Cache
  std::deque<VideoFrame> run;
  std::size_t run_bytes = 0;
  bool run_at_start = false;
  bool run_at_eof = false;
  bool cursor_at_run_end = false;
  int cur = -1;

  // Decoder/demuxer state
  bool cfr = false;             // constant frame rate (per probe): holes in a decode are suspicious
  TimeUs drop_margin_us = kMinFramedropMarginUs;  // media/seek_framedrop.hpp
  bool fresh = true;           // nothing read since open: the demuxer is at the start
  bool pristine = true;        // like fresh, but for our stream's packets (the next one is the file's first)
  bool demux_eof = false;
  bool sent_flush = false;
  bool need_keyframe = false;  // after a seek: drop packets until a keyframe
  bool at_start = false;       // current decode began at the file's first packet
  bool verify_start = false;   // check the next packet really is the file's first one
  std::int64_t trust_from = AV_NOPTS_VALUE;  // drop frames with pts below (stream tb)
  std::int64_t key_pos = -1, key_dts = AV_NOPTS_VALUE, key_pts = AV_NOPTS_VALUE;
  std::int64_t last_fed_dts = AV_NOPTS_VALUE;
  std::int64_t first_pos = -2, first_dts = AV_NOPTS_VALUE;  // the file's first packet (-2: not seen yet)
  // A distant exact seek's frame dropping; every frame up to the latest picture left out is
  // dropped too, so the run stays gap-free.
  SeekFramedrop framedrop;
  // The seek target (stream tb): a keyframe found after the seek that is shown later than
  // this cannot start the answer; decode_next reports it (landed_late) before decoding it.
  std::int64_t late_key_after = AV_NOPTS_VALUE;
  bool landed_late = false;

  ~Impl() {
    if (fc.sws) sws_freeContext(fc.sws);
  }

  std::string name() const { return display_name(path); }

  Status open_decoder() {
    DecodeSetup setup;
    setup.threads = opt.threads;
    setup.max_pixels = opt.open.max_pixels;
    auto opened = media::open_decoder(path, fmt.get(), si, setup);
    if (!opened) return opened.error();
    dec = std::move(opened.value());
    return ok_status();
  }

  void clear_run() {
    run.clear();
    run_bytes = 0;
    run_at_start = run_at_eof = cursor_at_run_end = false;
    cur = -1;
  }

  void reset_decoder_state() {
    avcodec_flush_buffers(dec.get());
    end_framedrop();
    framedrop.clear();
    demux_eof = false;
    sent_flush = false;
    cursor_at_run_end = false;
    last_fed_dts = AV_NOPTS_VALUE;
  }

  // Ends what only an exact seek's segment decoding does (see ensure_covering).
  void end_framedrop() {
    framedrop.stop();
    late_key_after = AV_NOPTS_VALUE;
    landed_late = false;
    if (dec) dec->skip_frame = AVDISCARD_DEFAULT;
  }

  // Positions the demuxer at the file's first packet; all frames are then trusted.
  Status rewind() {
    reset_decoder_state();
    // A new decoder too: a flushed one still holds the last pictures, which error
    // concealment of a damaged first frame would borrow from (not so in a straight decode).
    if (!fresh)
      if (Status s = open_decoder(); !s) return s;
    need_keyframe = false;
    trust_from = AV_NOPTS_VALUE;
    at_start = true;
    if (fresh) return ok_status();
    ++stats.demuxer_seeks;
    // Only MP4/MOV are trusted to seek back to their first packet exactly (a full sample
    // index); other demuxers may re-read damaged blocks differently after a seek, so a
    // fresh open (cheap: their headers are small) guarantees the straight decode.
    if (!seeks_to_start_exactly(fmt.get())) return reopen();
    arm_deadline(fmt.get(), opt.step_deadline);
    const std::int64_t ts = first_dts != AV_NOPTS_VALUE ? first_dts : (st->start_time != AV_NOPTS_VALUE ? st->start_time : 0);
    if (av_seek_frame(fmt.get(), si, ts, AVSEEK_FLAG_BACKWARD) >= 0) {
      pristine = false;
      verify_start = true;
      return ok_status();
    }
    return reopen();
  }

  // Last resort to get back to the start: open the file again (same streams, same order).
  Status reopen() {
    OpenOptions oo = opt.open;
    auto again = open_input(path, oo);
    if (!again) return again.error();
    if ((*again)->nb_streams != fmt->nb_streams)
      return make_error(name() + " changed while it was open", kIoError);
    fmt = std::move(again.value());
    st = fmt->streams[si];
    verify_start = false;
    first_pos = -2;  // the first packet read now is the file's first packet by definition
    fresh = true;
    pristine = true;
    return ok_status();
  }

  // Seeks the demuxer to the keyframe at or before `ts` (stream tb); frames are trusted
  // from that keyframe's pts on. Returns false if the demuxer cannot seek.
  bool seek_to(std::int64_t ts) {
    reset_decoder_state();
    ++stats.demuxer_seeks;
    arm_deadline(fmt.get(), opt.step_deadline);
    if (av_seek_frame(fmt.get(), si, ts, AVSEEK_FLAG_BACKWARD) < 0) return false;
    fresh = false;
    pristine = false;
    need_keyframe = true;
    at_start = false;
    verify_start = false;
    trust_from = AV_NOPTS_VALUE;
    key_pos = -1;
    key_dts = key_pts = AV_NOPTS_VALUE;
    return true;
  }

  // Next frame in presentation order from the cursor (after the drop rules).
  // Ok(true) with `out` set, Ok(false) at the end of the stream, or an error.
  Result<bool> decode_next(FramePtr& out) {
    FramePtr frame = make_frame();
    if (!frame) return make_error("decoding " + name() + " failed: out of memory", kFailed);
    for (;;) {
      int ret = avcodec_receive_frame(dec.get(), frame.get());
      if (ret == 0) {
        ++stats.frames_decoded;
        const std::int64_t pts = frame_pts(frame.get());
        if (!at_start && trust_from != AV_NOPTS_VALUE && pts != AV_NOPTS_VALUE && pts < trust_from) {
          av_frame_unref(frame.get());
          continue;
        }
        if (framedrop.skipped_max() && (pts == AV_NOPTS_VALUE || to_media_us(pts, fc) <= *framedrop.skipped_max())) {
          av_frame_unref(frame.get());  // a neighbour of it may be missing
          continue;
        }
        out = std::move(frame);
        return true;
      }
      if (ret == AVERROR_EOF) return false;
      if (ret != AVERROR(EAGAIN)) {
        // A damaged picture: the decoder reports it and goes on, as the ffmpeg CLI does.
        continue;
      }
      if (demux_eof) {
        if (sent_flush) return false;
        avcodec_send_packet(dec.get(), nullptr);
        sent_flush = true;
        continue;
      }
      arm_deadline(fmt.get(), opt.step_deadline);
      ret = av_read_frame(fmt.get(), pkt.get());
      fresh = false;
      if (ret < 0) {
        if (ret == AVERROR_EXIT) return media_error(path, ret, fmt.get(), "reading");
        if (ret != AVERROR_EOF && ret != AVERROR(EAGAIN)) {
          const bool io = ret == AVERROR(EIO) || ret == AVERROR(ENOENT) || ret == AVERROR(EACCES);
          if (io) return media_error(path, ret, fmt.get(), "reading");
        }
        if (ret == AVERROR(EAGAIN)) continue;
        demux_eof = true;  // like the ffmpeg CLI, a demuxing error ends the input
        continue;
      }
      if (pkt->stream_index != si) {
        av_packet_unref(pkt.get());
        continue;
      }
      if (first_pos == -2 && pristine) {  // only a freshly opened demuxer shows the first packet
        first_pos = pkt->pos;
        first_dts = pkt->dts;
      }
      pristine = false;
      if (verify_start) {
        verify_start = false;
        const bool same = (first_pos >= 0 && pkt->pos == first_pos) || (first_pos < 0 && pkt->dts == first_dts);
        if (!same) {
          av_packet_unref(pkt.get());
          if (Status s = reopen(); !s) return s.error();
          reset_decoder_state();
          at_start = true;
          continue;
        }
      }
      if (need_keyframe) {
        if (!(pkt->flags & AV_PKT_FLAG_KEY)) {
          av_packet_unref(pkt.get());
          continue;
        }
        need_keyframe = false;
        key_pos = pkt->pos;
        key_dts = pkt->dts;
        key_pts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
        trust_from = key_pts;
        if (first_pos >= 0 && pkt->pos == first_pos) at_start = true;  // landed on the very first packet
        if (!at_start && late_key_after != AV_NOPTS_VALUE && key_pts > late_key_after) {
          av_packet_unref(pkt.get());
          landed_late = true;
          return false;
        }
      }
      // Leading pictures of an open GOP (shown before the keyframe we started from) need the
      // GOP before it; their frames would be dropped anyway. Not feeding them at all also
      // keeps H.264's out-of-order detection from discarding a later picture.
      if (!at_start && trust_from != AV_NOPTS_VALUE && pkt->pts != AV_NOPTS_VALUE && pkt->pts < trust_from) {
        av_packet_unref(pkt.get());
        continue;
      }
      if (pkt->dts != AV_NOPTS_VALUE) last_fed_dts = pkt->dts;
      if (framedrop.active()) {
        const bool skip = framedrop.skip((pkt->flags & AV_PKT_FLAG_KEY) != 0,
                                         pkt->pts == AV_NOPTS_VALUE ? std::nullopt
                                                                    : std::optional<TimeUs>(to_media_us(pkt->pts, fc)));
        // Frame threads copy the setting when the packet is submitted, so it applies per packet.
        dec->skip_frame = skip ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
      }
      ret = avcodec_send_packet(dec.get(), pkt.get());
      av_packet_unref(pkt.get());
      (void)ret;  // a rejected (corrupt) packet is skipped, as the ffmpeg CLI does
    }
  }

  bool covered(TimeUs t) const {
    if (run.empty()) return false;
    const bool front_ok = run.front().pts_us <= t || run_at_start;
    const bool back_ok = run.back().pts_us > t || run_at_eof;
    return front_ok && back_ok;
  }

  int index_for(TimeUs t) const {
    auto it = std::upper_bound(run.begin(), run.end(), t, [](TimeUs v, const VideoFrame& f) { return v < f.pts_us; });
    if (it == run.begin()) return 0;
    return static_cast<int>(it - run.begin()) - 1;
  }

  std::int64_t to_stream_ts(TimeUs t) const {
    return av_rescale_q_rnd(t + fc.file_start_us, AVRational{1, 1000000}, st->time_base,
                            static_cast<AVRounding>(AV_ROUND_DOWN | AV_ROUND_PASS_MINMAX));
  }

  void push_back(VideoFrame f) {
    run_bytes += frame_bytes(f);
    run.push_back(std::move(f));
  }
  void pop_front() {
    run_bytes -= frame_bytes(run.front());
    run.pop_front();
    run_at_start = false;
    if (cur >= 0) --cur;
  }
  void pop_back() {
    run_bytes -= frame_bytes(run.back());
    run.pop_back();
    run_at_eof = false;
    cursor_at_run_end = false;
  }
  // Keeps the run within the byte budget, dropping frames farthest from `t`, but never the
  // frame shown at t nor the one after it: without them the run no longer covers t, and the
  // decoder would seek again for a frame it has just decoded (with a tiny budget, every step).
  void trim_around(TimeUs t) {
    while (run.size() > 2 && run_bytes > opt.cache_bytes) {
      const int keep = index_for(t);  // keep..keep+1 stay
      const bool front_ok = keep > 0;
      const bool back_ok = static_cast<int>(run.size()) - 1 > keep + 1;
      if (front_ok && (!back_ok || t - run.front().pts_us >= run.back().pts_us - t))
        pop_front();
      else if (back_ok)
        pop_back();
      else
        break;
    }
  }

  bool forward_is_cheap(TimeUs t) const {
    if (!cursor_at_run_end || run.empty() || run_at_eof) return false;
    if (run.front().pts_us > t && !run_at_start) return false;
    if (t - run.back().pts_us <= kForwardWindowUs) return true;
    if (t - run.back().pts_us > kSameGopLimitUs || last_fed_dts == AV_NOPTS_VALUE) return false;
    const int idx = av_index_search_timestamp(st, to_stream_ts(t), AVSEEK_FLAG_BACKWARD);
    if (idx < 0) return false;
    const AVIndexEntry* e = avformat_index_get_entry(st, idx);
    return e != nullptr && e->timestamp <= last_fed_dts;
  }

  // Grows the run forward from the cursor until it covers `t` (or the stream ends).
  Status extend_forward(TimeUs t) {
    while (!covered(t)) {
      FramePtr f;
      auto got = decode_next(f);
      if (!got) return got.error();
      if (!*got) {
        run_at_eof = true;
        break;
      }
      push_back(make_video_frame(std::move(f), fc));
      trim_around(t);
    }
    return ok_status();
  }

  // Makes the run cover `t`: from the cache, by decoding on, or by a demuxer seek
  // (backing off to earlier keyframes until the first trusted frame is at or before t).
  // `jump`: t is a seek target rather than a step, so frames far before it may be skipped
  // (media/seek_framedrop.hpp) unless the decoder serves a stepper (opt.seek_framedrop off:
  // stepping and playing backwards want the whole GOP kept).
  Status ensure_covering(TimeUs t, bool jump = false) {
    if (covered(t)) return ok_status();
    if (forward_is_cheap(t)) return extend_forward(t);
    // Turned off for the retries that mean something unusual (a hole in the picture
    // sequence, or the answer among the skipped pictures); kept when the demuxer merely
    // landed on a keyframe shown after t (it seeks by decode time: B-frame streams do that
    // whenever t lies in the few frames before a keyframe).
    bool drop = jump && opt.seek_framedrop && t - drop_margin_us > 0;
    struct EndFramedrop {
      Impl& d;
      ~EndFramedrop() { d.end_framedrop(); }
    } end_framedrop_guard{*this};

    std::int64_t seek_ts = to_stream_ts(t);
    std::int64_t backoff = av_rescale_q(kUsPerSecond, AVRational{1, 1000000}, st->time_base);
    std::int64_t prev_key_pos = -1;
    for (int attempt = 0;; ++attempt) {
      const bool from_start = attempt > kMaxBackoffs || (first_dts != AV_NOPTS_VALUE && seek_ts <= first_dts) ||
                              (st->start_time != AV_NOPTS_VALUE && seek_ts <= st->start_time);
      if (from_start) {
        if (Status s = rewind(); !s) return s;
      } else if (!seek_to(seek_ts)) {
        if (Status s = rewind(); !s) return s;
      }
      if (drop) framedrop.start(t, drop_margin_us);
      // The demuxer seeks by decode time, so it may land on a keyframe shown after t: that
      // is known from its packet, before anything is decoded.
      late_key_after = to_stream_ts(t);

      // Decode a segment ending at the first frame after t; join it to the run when the
      // segment reaches the run's first frame (a step back past the cached range).
      std::deque<VideoFrame> seg;
      std::size_t seg_bytes = 0;
      bool seg_eof = false, joined = false, seg_trimmed = false, hole = false;
      for (;;) {
        FramePtr f;
        auto got = decode_next(f);
        if (!got) return got.error();
        if (!*got) {
          seg_eof = !landed_late;
          break;
        }
        VideoFrame vf = make_video_frame(std::move(f), fc);
        if (vf.pts_us > t && !run.empty() && !seg.empty() && vf.pts_us == run.front().pts_us) {
          joined = true;
          break;
        }
        // A hole in a constant-rate stream means the decoder dropped a picture it shows in a
        // straight decode (H.264 open-GOP recovery after a mid-stream start): start earlier.
        if (!at_start && cfr && !seg.empty() && seg.back().duration_us > 0 &&
            vf.pts_us - seg.back().pts_us > seg.back().duration_us * 3 / 2) {
          hole = true;
          break;
        }
        seg_bytes += frame_bytes(vf);
        const bool past = vf.pts_us > t;
        seg.push_back(std::move(vf));
        while (seg.size() > 2 && seg_bytes > opt.cache_bytes) {
          seg_bytes -= frame_bytes(seg.front());
          seg.pop_front();
          seg_trimmed = true;
        }
        if (past) break;
      }
      const bool dropped = framedrop.skipped_max().has_value();
      if (dropped && !hole && !joined && (seg.empty() || seg.front().pts_us > t)) {
        // The frame shown at t was among those skipped (a long gap in a variable-rate
        // stream, or t past the last picture): the same keyframe again, every frame decoded.
        drop = false;
        continue;
      }
      const bool seg_at_start = at_start && !seg_trimmed && !dropped;
      if (hole) {
        drop = false;
        // fall through to the back-off below
      } else if (seg.empty() && !joined) {
        if (at_start) return make_error(name() + " has no picture that can be decoded", kCorrupt);
        // Nothing trusted before the end: try from an earlier keyframe.
      } else if (joined || seg.front().pts_us <= t || seg_at_start) {
        if (joined) {
          for (auto it = seg.rbegin(); it != seg.rend(); ++it) {
            run_bytes += frame_bytes(*it);
            run.push_front(std::move(*it));
          }
          run_at_start = seg_at_start;
          cursor_at_run_end = false;
          trim_around(t);
        } else {
          clear_run();
          for (auto& f : seg) push_back(std::move(f));
          run_at_start = seg_at_start;
          run_at_eof = seg_eof;
          cursor_at_run_end = !seg_eof;
        }
        return ok_status();
      }
      if (at_start && !hole) {  // decoding from the start and still nothing before t: t is before the first frame
        clear_run();
        for (auto& f : seg) push_back(std::move(f));
        run_at_start = true;
        run_at_eof = seg_eof;
        cursor_at_run_end = !seg_eof;
        return ok_status();
      }
      // The keyframe we landed on shows after t (leading pictures or dts < pts): go earlier.
      std::int64_t key = key_dts != AV_NOPTS_VALUE ? key_dts : key_pts;
      if (key == AV_NOPTS_VALUE || key_pos == prev_key_pos || key >= seek_ts) {
        seek_ts -= backoff;
        backoff *= 2;
      } else {
        seek_ts = std::min(key, key_pts == AV_NOPTS_VALUE ? key : key_pts) - 1;
      }
      prev_key_pos = key_pos;
    }
  }

  Result<VideoFrame> answer_at(TimeUs t, bool jump = false) {
    if (Status s = ensure_covering(t, jump); !s) return s.error();
    if (run.empty()) return make_error(name() + " has no picture that can be decoded", kCorrupt);
    cur = index_for(t);
    return run[cur];
  }
};

VideoDecoder::VideoDecoder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VideoDecoder::~VideoDecoder() = default;

Result<std::unique_ptr<VideoDecoder>> VideoDecoder::open(const fs::path& path, const DecoderOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->opt = options;
  auto fmt = open_input(path, options.open);
  if (!fmt) return fmt.error();
  impl->fmt = std::move(fmt.value());
  impl->info = describe(impl->fmt.get(), path);
  int si = options.stream_index;
  if (si >= 0) {
    if (si >= static_cast<int>(impl->fmt->nb_streams) ||
        impl->fmt->streams[si]->codecpar->codec_type != AVMEDIA_TYPE_VIDEO)
      return make_error(display_name(path) + " has no video stream number " + std::to_string(si), kFailed);
  } else {
    si = pick_video_stream(impl->fmt.get());
  }
  if (si < 0) {
    const bool audio = impl->info.audio_stream >= 0;
    return make_error(display_name(path) + (audio ? " has no picture (it holds sound only)" : " has no playable video"),
                      kCorrupt);
  }
  impl->si = si;
  impl->st = impl->fmt->streams[si];
  // Only our stream's packets matter; the demuxer may skip the others cheaply.
  for (unsigned i = 0; i < impl->fmt->nb_streams; ++i)
    if (static_cast<int>(i) != si) impl->fmt->streams[i]->discard = AVDISCARD_ALL;
  impl->fc.time_base = impl->st->time_base;
  impl->fc.file_start_us = impl->fmt->start_time == AV_NOPTS_VALUE ? 0 : impl->fmt->start_time;
  impl->fc.rotation_cw = stream_rotation_cw(impl->st);
  impl->fc.stream_sar = impl->st->sample_aspect_ratio;
  impl->fc.convert_unusual = options.convert_unusual;
  for (const auto& s : impl->info.streams)
    if (s.index == si) {
      impl->cfr = !s.variable_frame_rate && s.average_frame_rate.known();
      if (s.average_frame_rate.known() && s.average_frame_rate.num > 0) {
        const TimeUs frame_us = kUsPerSecond * s.average_frame_rate.den / s.average_frame_rate.num;
        impl->drop_margin_us = framedrop_margin_us(frame_us);
      }
    }
  // A complete sample index (MP4/MOV) names the first packet before anything is read, so a
  // seek that lands on it is known to be a decode from the start.
  if (impl->st->nb_frames > 0 && avformat_index_get_entries_count(impl->st) >= impl->st->nb_frames) {
    if (const AVIndexEntry* e = avformat_index_get_entry(impl->st, 0)) {
      impl->first_pos = e->pos;
      impl->first_dts = e->timestamp;
    }
  }
  if (Status s = impl->open_decoder(); !s) return s.error();
  return std::unique_ptr<VideoDecoder>(new VideoDecoder(std::move(impl)));
}

const ProbeInfo& VideoDecoder::info() const { return impl_->info; }
int VideoDecoder::stream_index() const { return impl_->si; }
TimeUs VideoDecoder::duration_us() const { return impl_->info.duration_us; }

Status VideoDecoder::decode_all(const std::function<bool(const VideoFrame&)>& on_frame) {
  Impl& d = *impl_;
  d.clear_run();
  if (Status s = d.rewind(); !s) return s;
  for (;;) {
    FramePtr f;
    auto got = d.decode_next(f);
    if (!got) return got.error();
    if (!*got) break;
    if (!on_frame(make_video_frame(std::move(f), d.fc))) break;
  }
  d.cursor_at_run_end = false;
  return ok_status();
}

Result<VideoFrame> VideoDecoder::seek(TimeUs t) { return impl_->answer_at(t, /*jump=*/true); }

Result<VideoFrame> VideoDecoder::seek_keyframe(TimeUs t) {
  Impl& d = *impl_;
  d.clear_run();
  if (!d.seek_to(d.to_stream_ts(t))) {
    if (Status s = d.rewind(); !s) return s.error();
  }
  FramePtr f;
  auto got = d.decode_next(f);
  if (!got) return got.error();
  if (!*got) {
    // Past the last keyframe's pictures (or a seek beyond the end): fall back to exact.
    return d.answer_at(t);
  }
  d.push_back(make_video_frame(std::move(f), d.fc));
  d.run_at_start = d.at_start;
  d.cursor_at_run_end = true;
  d.cur = 0;
  return d.run[0];
}

Result<VideoFrame> VideoDecoder::next_frame() {
  Impl& d = *impl_;
  if (d.cur < 0 || d.run.empty()) return d.answer_at(INT64_MIN / 4);
  if (d.cur + 1 < static_cast<int>(d.run.size())) return d.run[++d.cur];
  if (d.run_at_eof) return d.run[d.cur];
  const TimeUs t = d.run[d.cur].pts_us;
  if (Status s = d.ensure_covering(t); !s) return s.error();
  d.cur = d.index_for(t);
  if (d.cur + 1 < static_cast<int>(d.run.size())) ++d.cur;
  return d.run[d.cur];
}

Result<VideoFrame> VideoDecoder::prev_frame() {
  Impl& d = *impl_;
  if (d.cur < 0 || d.run.empty()) return d.answer_at(INT64_MIN / 4);
  if (d.cur > 0) return d.run[--d.cur];
  if (d.run_at_start) return d.run[0];
  const TimeUs t = d.run[0].pts_us - 1;
  return d.answer_at(t);
}

bool VideoDecoder::has_current() const { return impl_->cur >= 0 && !impl_->run.empty(); }

const VideoFrame& VideoDecoder::current() const {
  static const VideoFrame empty;
  return has_current() ? impl_->run[impl_->cur] : empty;
}

bool VideoDecoder::at_first_frame() const { return has_current() && impl_->cur == 0 && impl_->run_at_start; }
bool VideoDecoder::at_last_frame() const {
  return has_current() && impl_->cur + 1 == static_cast<int>(impl_->run.size()) && impl_->run_at_eof;
}
std::size_t VideoDecoder::cached_frames() const { return impl_->run.size(); }
std::size_t VideoDecoder::cached_bytes() const { return impl_->run_bytes; }
const DecoderStats& VideoDecoder::stats() const { return impl_->stats; }

}  // namespace triad::media
