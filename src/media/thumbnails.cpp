// Keyframe-only timeline strip; see thumbnails.hpp for the two strategies and why.
#include "media/thumbnails.hpp"

#include <algorithm>
#include <vector>

#include "media/decoder.hpp"
#include "media/decoder_open.hpp"
#include "media/errors.hpp"
#include "media/open_input.hpp"
#include "media/frame_holder.hpp"
#include "media/stream_select.hpp"

namespace triad::media {
namespace fs = std::filesystem;

namespace {

constexpr int kMaxPacketsPerKeyframe = 2000;  // after a seek, give up finding the keyframe after this many packets

struct Strip {
  fs::path path;
  AVFormatContext* fmt = nullptr;
  AVStream* st = nullptr;
  int si = -1;
  CodecContextPtr dec;
  FrameContext fc;
  PacketPtr pkt = make_packet();
  OpenOptions options;

  ~Strip() {
    if (fc.sws) sws_freeContext(fc.sws);
  }

  // Decodes one keyframe packet on its own (send, drain, flush). Empty frame when the
  // packet does not make a picture by itself.
  Result<VideoFrame> decode_alone(AVPacket* key) {
    avcodec_flush_buffers(dec.get());
    avcodec_send_packet(dec.get(), key);
    avcodec_send_packet(dec.get(), nullptr);
    FramePtr frame = make_frame();
    const int ret = avcodec_receive_frame(dec.get(), frame.get());
    avcodec_flush_buffers(dec.get());
    if (ret < 0) return VideoFrame{};
    return make_video_frame(std::move(frame), fc);
  }

  // Reads on from the demuxer's position to the next keyframe packet of our stream.
  // Ok(true) with pkt filled, Ok(false) at the end.
  Result<bool> next_key_packet(int max_packets) {
    for (int n = 0; max_packets <= 0 || n < max_packets;) {
      arm_deadline(fmt, options.deadline);
      const int ret = av_read_frame(fmt, pkt.get());
      if (ret == AVERROR_EXIT) return media_error(path, ret, fmt, "reading");
      if (ret < 0) return false;
      if (pkt->stream_index == si) {
        ++n;
        if (pkt->flags & AV_PKT_FLAG_KEY) return true;
      }
      av_packet_unref(pkt.get());
    }
    return false;
  }

  TimeUs packet_us(const AVPacket* p) const { return to_media_us(p->pts != AV_NOPTS_VALUE ? p->pts : p->dts, fc); }
};

Error cancelled(const fs::path& path) { return make_error("making thumbnails of " + display_name(path) + " was cancelled", kFailed); }

}  // namespace

Status make_thumbnails(const fs::path& path, int count, const std::function<Status(const Thumbnail&)>& on_thumb,
                       const ProgressFn& progress, const OpenOptions& options) {
  if (count <= 0) return ok_status();
  auto opened = open_input(path, options);
  if (!opened) return opened.error();
  Strip s;
  s.path = path;
  s.options = options;
  s.fmt = opened->get();
  s.si = pick_video_stream(s.fmt);
  if (s.si < 0) return make_error(display_name(path) + " has no picture to make thumbnails from", kCorrupt);
  s.st = s.fmt->streams[s.si];
  for (unsigned i = 0; i < s.fmt->nb_streams; ++i)
    if (static_cast<int>(i) != s.si) s.fmt->streams[i]->discard = AVDISCARD_ALL;
  s.fc.time_base = s.st->time_base;
  s.fc.file_start_us = s.fmt->start_time == AV_NOPTS_VALUE ? 0 : s.fmt->start_time;
  s.fc.rotation_cw = stream_rotation_cw(s.st);
  s.fc.stream_sar = s.st->sample_aspect_ratio;
  DecodeSetup setup;
  // An open-GOP keyframe (H.264 I without IDR) decoded on its own is a whole picture, but
  // the decoder withholds it as "not recovered" unless asked to show everything.
  setup.show_all = true;
  setup.threads = 1;  // one picture at a time: frame threads would only add latency
  setup.max_pixels = options.max_pixels;
  auto dec = open_decoder(path, s.fmt, s.si, setup);
  if (!dec) return dec.error();
  s.dec = std::move(dec.value());

  TimeUs duration = s.fmt->duration != AV_NOPTS_VALUE ? s.fmt->duration : 0;
  if (duration <= 0 && s.st->duration != AV_NOPTS_VALUE)
    duration = av_rescale_q(s.st->duration, s.st->time_base, AVRational{1, 1000000});
  if (duration <= 0) duration = 1;  // unknown: every slice maps to the first keyframe found
  std::vector<TimeUs> targets(count);
  for (int i = 0; i < count; ++i) targets[i] = duration * (2 * i + 1) / (2 * count);
  const TimeUs slice = std::max<TimeUs>(1, duration / count);

  // Keyframes listed by the container index, in media time.
  struct Key {
    TimeUs us;
    std::int64_t ts, pos;
    bool operator<(const Key& o) const { return us < o.us; }
  };
  std::vector<Key> keys;
  const int entries = avformat_index_get_entries_count(s.st);
  for (int i = 0; i < entries; ++i) {
    const AVIndexEntry* e = avformat_index_get_entry(s.st, i);
    if (e != nullptr && (e->flags & AVINDEX_KEYFRAME)) keys.push_back({to_media_us(e->timestamp, s.fc), e->timestamp, e->pos});
  }
  std::sort(keys.begin(), keys.end());
  // Usable when the listed keyframes reach the end (within one GOP): MP4/MOV always, and
  // Matroska/WebM with complete cues.
  TimeUs max_gap = 0;
  for (std::size_t i = 1; i < keys.size(); ++i) max_gap = std::max(max_gap, keys[i].us - keys[i - 1].us);
  const bool indexed = !keys.empty() && keys.back().us + max_gap + kUsPerSecond >= duration;

  VideoFrame last;
  int done = 0;
  auto emit = [&](int i, const VideoFrame& f) -> Status {
    Thumbnail th{i, targets[i], f};
    if (Status st = on_thumb(th); !st) return st;
    ++done;
    if (progress && !progress(static_cast<double>(done) / count)) return cancelled(path);
    return ok_status();
  };

  if (indexed) {
    std::int64_t last_ts = AV_NOPTS_VALUE;
    for (int i = 0; i < count; ++i) {
      // The keyframe nearest to the slice centre.
      auto it = std::lower_bound(keys.begin(), keys.end(), Key{targets[i], 0, 0});
      if (it == keys.end() || (it != keys.begin() && targets[i] - std::prev(it)->us < it->us - targets[i])) --it;
      if (it->ts != last_ts || last.empty()) {
        last_ts = it->ts;
        arm_deadline(s.fmt, options.deadline);
        if (av_seek_frame(s.fmt, s.si, it->ts, AVSEEK_FLAG_BACKWARD) >= 0) {
          // Demuxers may land a keyframe early (MP4 edit lists shift the index): read on,
          // without decoding, to the keyframe the index named.
          auto got = s.next_key_packet(kMaxPacketsPerKeyframe);
          while (got && *got && it->pos >= 0 && s.pkt->pos >= 0 && s.pkt->pos < it->pos) {
            av_packet_unref(s.pkt.get());
            got = s.next_key_packet(kMaxPacketsPerKeyframe);
          }
          if (!got) return got.error();
          if (*got) {
            auto frame = s.decode_alone(s.pkt.get());
            av_packet_unref(s.pkt.get());
            if (!frame) return frame.error();
            if (!frame->empty()) last = std::move(*frame);
          }
        }
      }
      if (last.empty()) continue;  // nothing decodable yet; later slices may still find one
      if (Status st = emit(i, last); !st) return st;
    }
    if (done == count) return ok_status();
    // Some slices had no decodable keyframe via the index: fall through to a full pass.
    done = 0;
    last = VideoFrame{};
    arm_deadline(s.fmt, options.deadline);
    av_seek_frame(s.fmt, s.si, s.st->start_time != AV_NOPTS_VALUE ? s.st->start_time : 0, AVSEEK_FLAG_BACKWARD);
  }

  // One pass: only keyframe packets reach the decoder, and only those a slice needs.
  int next = 0;
  for (;;) {
    auto got = s.next_key_packet(0);
    if (!got) return got.error();
    if (!*got) break;
    const TimeUs p = s.packet_us(s.pkt.get());
    // Slices this keyframe comes too late for take the previous picture.
    while (next < count && !last.empty() && targets[next] + slice / 2 < p &&
           targets[next] - last.pts_us <= p - targets[next]) {
      if (Status st = emit(next, last); !st) return st;
      ++next;
    }
    if (next >= count) {
      av_packet_unref(s.pkt.get());
      break;
    }
    if (p >= targets[next] - slice / 2 || last.empty()) {
      auto frame = s.decode_alone(s.pkt.get());
      if (!frame) return frame.error();
      if (!frame->empty()) {
        last = std::move(*frame);
        if (p >= targets[next] - slice / 2) {
          if (Status st = emit(next, last); !st) return st;
          ++next;
        }
      }
    }
    av_packet_unref(s.pkt.get());
  }
  if (last.empty()) return make_error(display_name(path) + " has no keyframe that can be decoded", kCorrupt);
  for (; next < count; ++next)
    if (Status st = emit(next, last); !st) return st;
  return ok_status();
}

Result<VideoFrame> thumbnail_at(const fs::path& path, TimeUs t) {
  DecoderOptions opt;
  opt.cache_bytes = 0;  // one picture: decoded frames go straight back to the pool
  auto dec = VideoDecoder::open(path, opt);
  if (!dec) return dec.error();
  return (*dec)->seek(t);
}

}  // namespace triad::media
