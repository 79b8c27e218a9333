#include "media/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "base/worker_guard.hpp"
#include "media/decoder_open.hpp"
#include "media/errors.hpp"
#include "media/open_input.hpp"
#include "media/frame_holder.hpp"
#include "media/pipeline_queue.hpp"
#include "media/seek_framedrop.hpp"
#include "media/stream_select.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace triad::media {

namespace {

constexpr AVRational kMicros{1, 1000000};
// How far back to retry when a seek provably landed after its target; then the start.
constexpr TimeUs kRetryPrerollsUs[] = {1'000'000, 4'000'000, 15'000'000, 60'000'000};

// What the demuxer hands a decoder: a packet (null = end of stream) and the seek it
// belongs to. `generation` changes on every demuxer seek, `serial` only on public seeks.
struct PacketMsg {
  PacketPtr packet;
  std::uint64_t serial = 0;
  TimeUs target_us = 0;
  SeekMode mode = SeekMode::Exact;
  TimeUs seek_ts_us = 0;  // where the demuxer was asked to land (media time)
  int retry = 0;          // index into kRetryPrerollsUs of the next retry
  bool reopened = false;  // the file was opened afresh for this seek: decoders start afresh too
};

struct Request {
  TimeUs target_us = 0;
  SeekMode mode = SeekMode::Exact;
  std::uint64_t serial = 0;
  std::uint64_t generation = 0;
  int retry = 0;  // 0 = first attempt; n = landed n times too late already
};

}  // namespace

struct Pipeline::Impl {
  std::filesystem::path path;
  PipelineOptions opt;
  FormatContextPtr fmt;        // swapped only by the demux thread, under seek_mutex
  FormatContextPtr first_fmt;  // the context the decoders' streams belong to, after a reopen
  SourceInfo info;
  TimeUs start_us = 0;
  int vidx = -1;
  int aidx = -1;
  CodecContextPtr vdec;
  CodecContextPtr adec;

  SerialQueue<PacketMsg> vpackets;
  SerialQueue<PacketMsg> apackets;
  SerialQueue<VideoItem> vframes;
  SerialQueue<AudioItem> aframes;

  std::mutex seek_mutex;
  std::condition_variable demux_cv;
  std::optional<Request> request;  // guarded by seek_mutex: the newest seek not yet started
  std::uint64_t serial = 0;        // guarded by seek_mutex: the newest public serial
  std::uint64_t generation = 0;    // guarded by seek_mutex: the newest demuxer generation
  bool stopping = false;           // guarded by seek_mutex

  mutable std::mutex error_mutex;
  std::optional<Error> fatal;  // guarded by error_mutex

  std::mutex wake_mutex;
  std::function<void()> wake;  // guarded by wake_mutex

  std::atomic<std::int64_t> packets_read{0}, vdecoded{0}, vdiscarded{0}, adecoded{0}, seeks{0}, skip_switches{0};
  std::atomic<TimeUs> video_lag{0};  // from the player; read by the video thread

  std::thread demux_thread, video_thread, audio_thread;

  // Demux thread only: nothing read since open, the first dts of the main stream, and how
  // often the file was opened again to get back to its start.
  bool fresh = true;
  std::int64_t reopens = 0;
  std::int64_t first_dts = AV_NOPTS_VALUE;

  Impl(std::size_t vp, std::size_t vpb, std::size_t ap, std::size_t apb, std::size_t vf, std::size_t vfb,
       std::size_t af, std::size_t afb)
      : vpackets(vp, vpb), apackets(ap, apb), vframes(vf, vfb), aframes(af, afb) {}

  DecodeSetup video_setup() const {
    DecodeSetup d;
    d.threads = opt.video_threads;
    d.max_pixels = opt.open.max_pixels;
    return d;
  }
  DecodeSetup audio_setup() const {
    DecodeSetup d = video_setup();
    d.threads = 1;
    return d;
  }

  void notify() {
    std::lock_guard lock(wake_mutex);
    if (wake) wake();
  }

  // Every worker thread runs its loop through here: an exception becomes error() with a
  // sentence (the player shows it) instead of std::terminate ending the program.
  void run_thread(const char* name, void (Impl::*loop)()) {
    auto st = run_guarded("playing " + display_name(path), [&] {
      if (opt.on_thread_start) opt.on_thread_start(name);
      (this->*loop)();
    });
    if (!st) {
      set_fatal(st.error());
      notify();
    }
  }

  void set_fatal(Error e) {
    std::lock_guard lock(error_mutex);
    if (!fatal) fatal = std::move(e);
  }

  // Queues a demuxer seek under a new generation and drops everything in flight.
  // Caller holds seek_mutex.
  void queue_request_locked(Request r) {
    r.generation = ++generation;
    request = r;
    vpackets.flush(r.generation);
    apackets.flush(r.generation);
    vframes.flush(r.generation);
    aframes.flush(r.generation);
    demux_cv.notify_all();
  }

  // From the video decoder: the seek of `generation` landed after its target. Seek again
  // further back under the same public serial, unless a newer seek has superseded it.
  void retry_further_back(std::uint64_t gen, const PacketMsg& m) {
    std::lock_guard lock(seek_mutex);
    if (gen != generation || stopping) return;
    queue_request_locked(Request{m.target_us, m.mode, m.serial, 0, m.retry + 1});
  }

  // ---------------- demux thread ----------------
  void demux_loop() {
    PacketPtr pkt = make_packet();
    std::uint64_t gen = 0;
    Request cur;
    TimeUs seek_ts = 0;
    bool reopened = false;
    bool idle = true;  // before the first seek, and after EOF until the next one
    while (true) {
      std::optional<Request> r;
      {
        std::unique_lock lock(seek_mutex);
        demux_cv.wait(lock, [&] { return stopping || request || !idle; });
        if (stopping) return;
        r = std::move(request);
        request.reset();
      }
      if (r) {
        cur = *r;
        gen = r->generation;
        const std::int64_t opens_before = reopens;
        seek_ts = do_seek(*r);
        reopened = reopens != opens_before;
        idle = false;
        continue;
      }
      arm_deadline(fmt.get(), opt.open.deadline);
      const int err = av_read_frame(fmt.get(), pkt.get());
      if (err == AVERROR(EAGAIN)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        continue;
      }
      if (err < 0) {
        if (err != AVERROR_EOF) {
          Error e = media_error(path, err, fmt.get(), "reading");
          // A cut-off recording simply ends here; only an I/O failure or a timeout is news.
          if (e.kind == kIoError || e.kind == kTimeout) set_fatal(std::move(e));
        }
        PacketMsg end{nullptr, cur.serial, cur.target_us, cur.mode, seek_ts, cur.retry, reopened};
        if (vidx >= 0) vpackets.push(gen, 0, PacketMsg{nullptr, cur.serial, cur.target_us, cur.mode, seek_ts, cur.retry, reopened});
        if (aidx >= 0) apackets.push(gen, 0, std::move(end));
        idle = true;
        continue;
      }
      packets_read.fetch_add(1, std::memory_order_relaxed);
      if (fresh && pkt->stream_index == (vidx >= 0 ? vidx : aidx)) {
        first_dts = pkt->dts;
        fresh = false;
      }
      SerialQueue<PacketMsg>* q = pkt->stream_index == vidx ? &vpackets : pkt->stream_index == aidx ? &apackets : nullptr;
      if (!q) {
        av_packet_unref(pkt.get());
        continue;
      }
      PacketPtr owned = make_packet();
      if (!owned) {
        set_fatal(make_error("Out of memory reading " + display_name(path) + ".", kFailed));
        return;
      }
      av_packet_move_ref(owned.get(), pkt.get());
      const auto bytes = static_cast<std::size_t>(owned->size) + sizeof(AVPacket);
      // Blocks while the decoder is behind; gives up at once when a seek flushes the queue.
      q->push(gen, bytes, PacketMsg{std::move(owned), cur.serial, cur.target_us, cur.mode, seek_ts, cur.retry, reopened});
    }
  }

  // Opens the file again, standing at its first packet. The decode threads keep using the
  // streams of the context they started with, so that one stays alive; later ones go.
  bool reopen() {
    auto again = open_input(path, opt.open);
    if (!again || (*again)->nb_streams != fmt->nb_streams) return false;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) (*again)->streams[i]->discard = fmt->streams[i]->discard;
    seeks.fetch_add(1, std::memory_order_relaxed);
    ++reopens;
    std::lock_guard lock(seek_mutex);  // stop() reads fmt from another thread
    if (!first_fmt) first_fmt = std::move(fmt);
    fmt = std::move(again.value());
    if (stopping) request_cancel(fmt.get());
    return true;
  }

  // Returns the media time the demuxer was asked to land at or before (0 = the start).
  TimeUs do_seek(const Request& r) {
    TimeUs ts = r.target_us;
    if (r.retry > 0) {
      const int n = static_cast<int>(std::size(kRetryPrerollsUs));
      ts = r.retry <= n ? r.target_us - kRetryPrerollsUs[r.retry - 1] : 0;
    }
    ts = std::max<TimeUs>(ts, 0);
    // A freshly opened demuxer already stands at the first packet: no seek can do better
    // (generic seeks in MPEG-TS, for one, may land after the first keyframe).
    if (fresh && ts == 0) return 0;
    const bool exact_rewind = seeks_to_start_exactly(fmt.get());
    if (ts == 0 && !exact_rewind && reopen()) return 0;
    fresh = false;  // first_dts is only learnt from packets read before any seek
    seeks.fetch_add(1, std::memory_order_relaxed);
    arm_deadline(fmt.get(), opt.open.deadline);
    // Seek on the stream we show, to its keyframe at or before ts (like the decoder's
    // rewind): for the start, its first dts, so B-frame streams lose nothing.
    const int si = vidx >= 0 ? vidx : aidx;
    const AVStream* st = fmt->streams[si];
    const std::int64_t start_ts =
        first_dts != AV_NOPTS_VALUE ? first_dts
                                    : (st->start_time != AV_NOPTS_VALUE ? st->start_time
                                                                        : av_rescale_q(start_us, kMicros, st->time_base));
    std::int64_t sts = ts == 0 ? start_ts : av_rescale_q(start_us + ts, kMicros, st->time_base);
    int err = av_seek_frame(fmt.get(), si, sts, AVSEEK_FLAG_BACKWARD);
    if (err < 0 && ts > 0) {
      ts = 0;
      if (!exact_rewind && reopen()) return 0;
      err = av_seek_frame(fmt.get(), si, start_ts, AVSEEK_FLAG_BACKWARD);
    }
    if (err < 0) {
      set_fatal(make_error(display_name(path) + " cannot be searched: seeking failed (" + av_error_string(err) + ").",
                           kCorrupt));
    }
    return ts;
  }

  // ---------------- video decode thread ----------------
  void video_loop() {
    // The context the decoder's stream belongs to: kept alive (first_fmt) across reopens.
    const AVFormatContext* owner = fmt.get();
    AVStream* st = fmt->streams[vidx];
    // The media engine's AVFrame -> VideoFrame (zero-copy for the usual layouts), so
    // frame_md5 and the GL sink see pipeline frames exactly like decoder frames.
    FrameContext fc;
    fc.time_base = st->time_base;
    fc.file_start_us = start_us;
    fc.rotation_cw = stream_rotation_cw(st);
    fc.stream_sar = st->sample_aspect_ratio;
    struct SwsGuard {
      FrameContext& fc;
      ~SwsGuard() { sws_freeContext(fc.sws); }
    } sws_guard{fc};
    auto media_pts = [&](const AVFrame* f) -> std::optional<TimeUs> {
      const std::int64_t ts = frame_pts(f);
      if (ts == AV_NOPTS_VALUE) return std::nullopt;
      return to_media_us(ts, fc);
    };
    FramePtr frame = make_frame();
    FramePtr held = make_frame();  // exact seek: best candidate so far (last pts <= target)
    bool have_held = false;
    bool held_reliable = false;
    std::uint64_t gen = 0;
    PacketMsg cur;
    bool delivered = false;  // the seek's first frame has gone out
    std::optional<TimeUs> first_key_pts;
    // An exact seek's first attempt leaves out non-reference pictures well before its target;
    // a retry (cur.retry > 0) decodes them all.
    SeekFramedrop framedrop;
    TimeUs last_pts = 0;
    const TimeUs nominal = info.frame_duration_us > 0 ? info.frame_duration_us : 40'000;
    const TimeUs drop_margin = framedrop_margin_us(nominal);

    auto emit = [&](const AVFrame* f, TimeUs pts) {
      VideoFrame vf = make_video_frame(FramePtr(av_frame_clone(f)), fc);
      if (vf.empty()) {
        set_fatal(make_error("Out of memory decoding " + display_name(path) + ".", kFailed));
        return;
      }
      vf.pts_us = pts;  // the same value unless the frame had no timestamp at all
      const std::size_t bytes = frame_bytes(vf);
      VideoItem item;
      item.serial = cur.serial;
      item.pts_us = pts;
      item.duration_us = vf.duration_us > 0 ? vf.duration_us : nominal;
      item.frame = std::make_shared<const VideoFrame>(std::move(vf));
      if (vframes.push(gen, bytes, std::move(item))) notify();
    };

    auto seek_may_skip = [&](const AVPacket& p) {
      if (delivered) framedrop.stop();  // the answer is out: from here on every picture shows
      return framedrop.skip((p.flags & AV_PKT_FLAG_KEY) != 0,
                            p.pts == AV_NOPTS_VALUE ? std::nullopt : std::optional<TimeUs>(to_media_us(p.pts, fc)));
    };

    // Exact-seek filter: hold frames up to the target, emit the last one, then stream.
    auto on_frame = [&](AVFrame* f) {
      vdecoded.fetch_add(1, std::memory_order_relaxed);
      const std::optional<TimeUs> p = media_pts(f);
      const TimeUs pts = p ? *p : last_pts + nominal;
      last_pts = pts;
      if (f->key_frame && !first_key_pts) first_key_pts = pts;
      if (delivered || cur.mode == SeekMode::Keyframe) {
        delivered = true;
        emit(f, pts);
        return;
      }
      // Pictures before the first keyframe's pts (open-GOP leading frames) may have been
      // decoded from references we never saw: they prove nothing.
      const bool reliable = first_key_pts && pts >= *first_key_pts;
      if (pts <= cur.target_us) {
        if (have_held) vdiscarded.fetch_add(1, std::memory_order_relaxed);
        av_frame_unref(held.get());
        av_frame_move_ref(held.get(), f);
        have_held = true;
        held_reliable = reliable;
        return;
      }
      // First frame past the target: the held one is the answer if we can trust it.
      const bool at_start = cur.seek_ts_us <= 0;
      if (framedrop.may_hide_answer(have_held ? media_pts(held.get()) : std::nullopt)) {
        retry_further_back(gen, cur);
        delivered = true;
        return;
      }
      // A decode that started inside an open GOP can silently lose pictures (FFmpeg drops
      // B-frames whose references it never saw, e.g. after non-IDR I-frames with MMCO
      // ops). On a constant-rate stream a hole between the held frame and this one that
      // covers the target means the frame shown at T may be missing: look further back
      // (at most twice for this reason, so a genuinely variable-rate file stays cheap).
      bool hole = false;
      if (have_held && held_reliable && info.frame_duration_us > 0 && cur.retry < 3) {
        const TimeUs held_pts = media_pts(held.get()).value_or(pts);
        const TimeUs d = info.frame_duration_us;
        hole = pts - held_pts > d + d / 2 && held_pts + d <= cur.target_us;
      }
      if (!at_start && (!(have_held && held_reliable) || hole)) {
        retry_further_back(gen, cur);
        delivered = true;  // whatever follows in this generation is dropped by the flush
        return;
      }
      delivered = true;
      if (have_held) {
        emit(held.get(), media_pts(held.get()).value_or(pts));
        av_frame_unref(held.get());
        have_held = false;
      }
      emit(f, pts);
    };

    auto drain = [&]() {
      while (true) {
        const int err = avcodec_receive_frame(vdec.get(), frame.get());
        if (err < 0) return;
        on_frame(frame.get());
        av_frame_unref(frame.get());
      }
    };

    while (true) {
      auto item = vpackets.pop();
      if (!item) return;  // closed
      const bool new_generation = item->serial != gen;
      if (new_generation) {
        // A flushed decoder still holds its last pictures, which error concealment of a
        // damaged first frame would borrow from; a straight decode starts with none.
        if (item->value.reopened)
          if (auto fresh_dec = open_decoder(path, owner, vidx, video_setup())) vdec = std::move(fresh_dec.value());
        avcodec_flush_buffers(vdec.get());
        vdec->skip_frame = AVDISCARD_DEFAULT;  // an exact seek needs every picture
        gen = item->serial;
        av_frame_unref(held.get());
        have_held = false;
        delivered = false;
        first_key_pts.reset();
        framedrop.clear();
      }
      cur = std::move(item->value);
      if (new_generation && cur.mode == SeekMode::Exact && cur.retry == 0) framedrop.start(cur.target_us, drop_margin);
      if (!cur.packet) {
        avcodec_send_packet(vdec.get(), nullptr);
        drain();
        if (have_held && !delivered) {
          // The target lies in the last frame's display time (or beyond): show the last frame.
          if ((held_reliable || cur.seek_ts_us <= 0) && !framedrop.may_hide_answer(media_pts(held.get()))) {
            emit(held.get(), media_pts(held.get()).value_or(last_pts));
          } else {
            retry_further_back(gen, cur);
            continue;
          }
          av_frame_unref(held.get());
          have_held = false;
          delivered = true;
        } else if (!delivered && cur.mode == SeekMode::Exact && (cur.seek_ts_us > 0 || framedrop.skipped_max())) {
          // Nothing decodable after the landing point: look further back.
          retry_further_back(gen, cur);
          continue;
        }
        VideoItem end;
        end.serial = cur.serial;
        end.eof = true;
        if (vframes.push(gen, 0, std::move(end))) notify();
        // The codec was drained; it must be flushed before it accepts packets again.
        avcodec_flush_buffers(vdec.get());
        continue;
      }
      // Catch up when the player lags: skip non-reference pictures, but never while an
      // exact seek is still looking for its frame.
      const bool lagging = delivered && video_lag.load(std::memory_order_relaxed) > Pipeline::kSkipNonRefLagUs;
      const bool before_target = seek_may_skip(*cur.packet);
      const AVDiscard want = lagging || before_target ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
      if (vdec->skip_frame != want) {
        if (lagging) skip_switches.fetch_add(1, std::memory_order_relaxed);
        vdec->skip_frame = want;  // frame threads copy it when the packet is submitted
      }
      int err = avcodec_send_packet(vdec.get(), cur.packet.get());
      if (err == AVERROR(EAGAIN)) {
        drain();
        err = avcodec_send_packet(vdec.get(), cur.packet.get());
      }
      cur.packet.reset();  // corrupt packets (err < 0) are skipped, as ffmpeg does
      drain();
    }
  }

  // ---------------- audio decode thread ----------------
  void audio_loop() {
    AVStream* st = fmt->streams[aidx];
    const AudioFormat out_fmt = opt.audio_format;
    const AVSampleFormat out_av = out_fmt.sample_format == SampleFormat::F32 ? AV_SAMPLE_FMT_FLT : AV_SAMPLE_FMT_S16;
    AVChannelLayout out_layout{};
    av_channel_layout_default(&out_layout, out_fmt.channels);
    const int bpf = out_fmt.bytes_per_frame();

    SwrContextPtr swr;
    AVChannelLayout in_layout{};
    int in_rate = 0;
    int in_format = -1;
    FramePtr frame = make_frame();
    std::uint64_t gen = 0;
    PacketMsg cur;
    std::optional<TimeUs> next_pts;  // media time of the next output sample

    auto push = [&](std::vector<std::uint8_t> data, std::int64_t frames, TimeUs pts) {
      // Exact seeks: nothing before the target reaches the player.
      if (cur.mode == SeekMode::Exact) {
        const TimeUs end = pts + frames * kUsPerSecond / out_fmt.sample_rate;
        if (end <= cur.target_us) return;
        if (pts < cur.target_us) {
          const std::int64_t skip =
              std::min<std::int64_t>(frames, (cur.target_us - pts) * out_fmt.sample_rate / kUsPerSecond);
          data.erase(data.begin(), data.begin() + skip * bpf);
          frames -= skip;
          pts += skip * kUsPerSecond / out_fmt.sample_rate;
        }
      }
      if (frames <= 0) return;
      AudioItem item;
      item.serial = cur.serial;
      item.pts_us = pts;
      item.frames = frames;
      item.data = std::move(data);
      const std::size_t bytes = item.data.size();
      if (aframes.push(gen, bytes, std::move(item))) notify();
    };

    auto convert = [&](const AVFrame* f) {
      const bool changed = f && (!swr || f->sample_rate != in_rate || f->format != in_format ||
                                 av_channel_layout_compare(&f->ch_layout, &in_layout) != 0);
      if (!f && !swr) return;
      if (changed) {
        SwrContext* raw = nullptr;
        if (swr_alloc_set_opts2(&raw, &out_layout, out_av, out_fmt.sample_rate, const_cast<AVChannelLayout*>(&f->ch_layout),
                                static_cast<AVSampleFormat>(f->format), f->sample_rate, 0, nullptr) < 0 ||
            swr_init(raw) < 0) {
          swr_free(&raw);
          swr.reset();
          return;  // an undecodable audio layout: skip this frame
        }
        swr.reset(raw);
        av_channel_layout_uninit(&in_layout);
        av_channel_layout_copy(&in_layout, &f->ch_layout);
        in_rate = f->sample_rate;
        in_format = f->format;
      }
      // The sample at the output now is the input's pts minus what swr still buffers.
      if (f && f->best_effort_timestamp != AV_NOPTS_VALUE) {
        {
          const TimeUs in_pts = av_rescale_q(f->best_effort_timestamp, st->time_base, kMicros) - start_us;
          const TimeUs delay = swr_get_delay(swr.get(), kUsPerSecond);
          const TimeUs expect = in_pts - delay;
          // Re-anchor on the stream's own timestamps when they jump (gaps, first frame).
          if (!next_pts || std::llabs(*next_pts - expect) > 40'000) next_pts = expect;
        }
      }
      if (!next_pts) next_pts = 0;
      const int cap = swr_get_out_samples(swr.get(), f ? f->nb_samples : 0);
      if (cap <= 0) return;
      std::vector<std::uint8_t> buf(static_cast<std::size_t>(cap) * bpf);
      std::uint8_t* outp[1] = {buf.data()};
      const int n = swr_convert(swr.get(), outp, cap, f ? const_cast<const std::uint8_t**>(f->extended_data) : nullptr,
                                f ? f->nb_samples : 0);
      if (n <= 0) return;
      buf.resize(static_cast<std::size_t>(n) * bpf);
      const TimeUs pts = *next_pts;
      *next_pts += static_cast<TimeUs>(n) * kUsPerSecond / out_fmt.sample_rate;
      push(std::move(buf), n, pts);
    };

    auto drain = [&]() {
      while (avcodec_receive_frame(adec.get(), frame.get()) >= 0) {
        adecoded.fetch_add(1, std::memory_order_relaxed);
        convert(frame.get());
        av_frame_unref(frame.get());
      }
    };

    while (true) {
      auto item = apackets.pop();
      if (!item) break;
      if (item->serial != gen) {
        avcodec_flush_buffers(adec.get());
        gen = item->serial;
        swr.reset();  // drop samples buffered for the old position
        next_pts.reset();
      }
      cur = std::move(item->value);
      if (!cur.packet) {
        avcodec_send_packet(adec.get(), nullptr);
        drain();
        if (swr) convert(nullptr);  // what the resampler still holds
        AudioItem end;
        end.serial = cur.serial;
        end.eof = true;
        if (aframes.push(gen, 0, std::move(end))) notify();
        avcodec_flush_buffers(adec.get());
        continue;
      }
      int err = avcodec_send_packet(adec.get(), cur.packet.get());
      if (err == AVERROR(EAGAIN)) {
        drain();
        err = avcodec_send_packet(adec.get(), cur.packet.get());
      }
      cur.packet.reset();
      drain();
    }
    av_channel_layout_uninit(&in_layout);
    av_channel_layout_uninit(&out_layout);
  }

  void stop() {
    {
      std::lock_guard lock(seek_mutex);
      stopping = true;
    }
    demux_cv.notify_all();
    {
      std::lock_guard lock(seek_mutex);
      if (fmt) request_cancel(fmt.get());
    }
    vpackets.close();
    apackets.close();
    vframes.close();
    aframes.close();
    for (std::thread* t : {&demux_thread, &video_thread, &audio_thread}) {
      if (t->joinable()) t->join();
    }
  }
};

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Pipeline::~Pipeline() { impl_->stop(); }

Result<std::unique_ptr<Pipeline>> Pipeline::open(const std::filesystem::path& path, const PipelineOptions& options) {
  auto fmt = open_input(path, options.open);
  if (!fmt) return fmt.error();
  auto impl = std::make_unique<Impl>(options.packets, options.packet_bytes, options.packets, options.packet_bytes,
                                     std::max<std::size_t>(2, options.video_frames), options.video_frame_bytes,
                                     std::max<std::size_t>(2, options.audio_chunks), options.audio_bytes);
  Impl& s = *impl;
  s.path = path;
  s.opt = options;
  s.fmt = std::move(fmt.value());
  AVFormatContext* ctx = s.fmt.get();
  s.start_us = ctx->start_time != AV_NOPTS_VALUE ? ctx->start_time : 0;  // AV_TIME_BASE is µs
  if (ctx->duration > 0) s.info.duration_us = ctx->duration;

  std::optional<Error> first_error;
  if (options.video) {
    const int v = pick_video_stream(ctx);
    if (v >= 0) {
      auto dec = open_decoder(path, ctx, v, s.video_setup());
      if (dec) {
        s.vidx = v;
        s.vdec = std::move(dec.value());
      } else {
        first_error = dec.error();
      }
    }
  }
  if (options.audio) {
    const int a = pick_audio_stream(ctx, s.vidx);
    if (a >= 0) {
      auto dec = open_decoder(path, ctx, a, s.audio_setup());
      if (dec) {
        s.aidx = a;
        s.adec = std::move(dec.value());
      } else if (!first_error) {
        first_error = dec.error();
      }
    }
  }
  if (s.vidx < 0 && s.aidx < 0) {
    if (first_error) return *first_error;
    return make_error(display_name(path) + " has no video or audio stream Triad can play.", kCorrupt);
  }
  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    const bool used = static_cast<int>(i) == s.vidx || static_cast<int>(i) == s.aidx;
    ctx->streams[i]->discard = used ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
  }
  if (s.vidx >= 0) {
    const AVStream* st = ctx->streams[s.vidx];
    s.info.has_video = true;
    s.info.width = st->codecpar->width;
    s.info.height = st->codecpar->height;
    const AVRational fr = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    if (fr.num > 0 && fr.den > 0) s.info.frame_duration_us = av_rescale_q(1, av_inv_q(fr), kMicros);
  }
  s.info.has_audio = s.aidx >= 0;

  s.demux_thread = std::thread([&s] { s.run_thread("demux", &Impl::demux_loop); });
  if (s.vidx >= 0) s.video_thread = std::thread([&s] { s.run_thread("video", &Impl::video_loop); });
  if (s.aidx >= 0) s.audio_thread = std::thread([&s] { s.run_thread("audio", &Impl::audio_loop); });
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

const SourceInfo& Pipeline::info() const { return impl_->info; }

std::uint64_t Pipeline::seek(TimeUs target_us, SeekMode mode) {
  std::lock_guard lock(impl_->seek_mutex);
  impl_->video_lag.store(0, std::memory_order_relaxed);  // lateness before a seek says nothing after it
  const std::uint64_t serial = ++impl_->serial;
  impl_->queue_request_locked(Request{std::max<TimeUs>(0, target_us), mode, serial, 0, 0});
  return serial;
}

std::optional<VideoItem> Pipeline::peek_video() {
  std::optional<VideoItem> out;
  impl_->vframes.peek([&](const auto& item) { out = item.value; });
  return out;
}

std::optional<VideoItem> Pipeline::pop_video() {
  auto item = impl_->vframes.try_pop();
  if (!item) return std::nullopt;
  return std::move(item->value);
}

std::optional<AudioItem> Pipeline::pop_audio() {
  auto item = impl_->aframes.try_pop();
  if (!item) return std::nullopt;
  return std::move(item->value);
}

std::optional<Error> Pipeline::error() const {
  std::lock_guard lock(impl_->error_mutex);
  return impl_->fatal;
}

void Pipeline::set_wakeup(std::function<void()> wake) {
  std::lock_guard lock(impl_->wake_mutex);
  impl_->wake = std::move(wake);
}

void Pipeline::report_video_lag(TimeUs lag_us) { impl_->video_lag.store(lag_us, std::memory_order_relaxed); }

PipelineCounters Pipeline::counters() const {
  PipelineCounters c;
  c.packets_read = impl_->packets_read.load();
  c.video_frames_decoded = impl_->vdecoded.load();
  c.video_frames_discarded = impl_->vdiscarded.load();
  c.audio_frames_decoded = impl_->adecoded.load();
  c.demuxer_seeks = impl_->seeks.load();
  c.video_skip_switches = impl_->skip_switches.load();
  return c;
}

}  // namespace triad::media
