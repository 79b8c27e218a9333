#include "playback/player.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "base/worker_guard.hpp"
#include "playback/tempo_filter.hpp"

namespace triad::playback {

namespace {

constexpr double kMinSpeed = 0.25;
constexpr double kMaxSpeed = 2.0;
constexpr double kMaxReverseRate = 8.0;  // silent, and frames are skipped when decoding lags
constexpr std::int64_t kAudioBlockFrames = 1024;  // granularity of writes to the sink

// Which media time the speaker reaches at sink frame `start_w` and how fast it advances.
struct AudioSegment {
  std::int64_t start_w = 0;
  TimeUs pts_us = 0;
  double speed = 1.0;
};

struct SeekRequest {
  TimeUs target_us = 0;
  media::SeekMode mode = media::SeekMode::Exact;
};

void apply_gain(std::uint8_t* data, std::size_t frames, const media::AudioFormat& f, float gain) {
  if (gain == 1.0f) return;
  const std::size_t n = frames * static_cast<std::size_t>(f.channels);
  if (f.sample_format == media::SampleFormat::F32) {
    for (std::size_t i = 0; i < n; ++i) {
      float v;
      std::memcpy(&v, data + i * 4, 4);
      v *= gain;
      std::memcpy(data + i * 4, &v, 4);
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      std::int16_t v;
      std::memcpy(&v, data + i * 2, 2);
      const float scaled = std::clamp(static_cast<float>(v) * gain, -32768.0f, 32767.0f);
      v = static_cast<std::int16_t>(scaled);
      std::memcpy(data + i * 2, &v, 2);
    }
  }
}

}  // namespace

struct Player::State {
  State(Clock& c, AudioSink* a, VideoSink* v, PlayerOptions o) : clock(c), audio(a), video(v), opt(o) {}

  Clock& clock;
  AudioSink* const audio;
  VideoSink* const video;
  const PlayerOptions opt;
  std::thread thread;
  std::atomic<bool> stop{false};

  mutable std::mutex mutex;
  // ---- everything below is guarded by `mutex` ----
  std::unique_ptr<media::FrameSource> source;
  std::shared_ptr<FrameStepper> stepper;  // used with `mutex` released, see Player::pump
  std::uint64_t epoch = 0;  // bumped by anything that makes an in-flight step's result moot
  bool stepping = false;    // a stepper call is running (lock released)
  media::SourceInfo info;
  bool playing = false;
  bool at_end = false;
  double speed = 1.0;
  // Reverse play: the clock runs back from anchor_pos at reverse_rate; `playing` stays false
  // (no audio, no pipeline) and the stepper serves the frame at the clock's time.
  bool reversing = false;
  double reverse_rate = 1.0;
  float volume = 1.0f;
  bool muted = false;
  std::optional<TimeUs> loop_a, loop_b;
  std::optional<Error> last_error;
  PlaybackStats stats;

  // Seeking. `pending` is the newest request not yet handed to the source (last wins);
  // `preroll` is true from handing it over until its first frame/audio arrived.
  std::optional<SeekRequest> pending;
  std::uint64_t serial = 0;
  bool preroll = false;
  bool want_video = false;
  bool want_audio = false;
  media::SeekMode seek_mode = media::SeekMode::Exact;
  bool position_from_frame = false;  // after a step or preview, the clock starts at the frame's pts
  bool scrubbing = false;
  bool play_after_scrub = false;
  bool preview_outstanding = false;
  int pending_steps = 0;
  bool resync_on_play = false;  // stepping moved the picture away from the queued audio

  // Clock: position = anchor_pos + (now - anchor_wall) * speed, re-anchored to the audio
  // clock on every pump while audio is playing.
  TimeUs anchor_pos = 0;
  TimeUs anchor_wall = 0;
  std::function<std::optional<TimeUs>()> follow;  // a leader's clock, see Player::set_follow

  // Audio path: source chunk -> (tempo) -> `out` block -> sink.
  bool audio_eof = false;
  std::optional<media::AudioItem> chunk;
  std::int64_t chunk_off = 0;        // frames of `chunk` already consumed
  std::int64_t silence_frames = 0;   // silence to write before `chunk` (audio starting late)
  std::vector<std::uint8_t> out;
  std::size_t out_off = 0;           // bytes of `out` already written
  TimeUs out_pts = 0;                // media time of out[out_off]
  double out_speed = 1.0;
  std::deque<AudioSegment> segments;
  std::int64_t written = 0;          // frames written to the sink since the last flush
  std::unique_ptr<TempoFilter> tempo;
  TimeUs tempo_base_pts = 0;
  std::int64_t tempo_out_frames = 0;
  bool sink_running = false;

  // Video.
  bool video_eof = false;
  std::shared_ptr<const media::VideoFrame> frame;
  TimeUs frame_pts = -1;
  std::uint64_t frame_serial = 0;

  bool audio_master() const { return audio != nullptr && info.has_audio; }
  double rate() const { return audio ? audio->format().sample_rate : 48000; }

  bool audio_drained() const {
    return audio_eof && !chunk && silence_frames == 0 && out_off >= out.size() && audio->frames_buffered() == 0;
  }

  // Media time of the sample at the speaker, from the segments written since the flush.
  std::optional<TimeUs> audio_clock() const {
    if (segments.empty()) return std::nullopt;
    const std::int64_t played = written - audio->frames_buffered();
    const AudioSegment* seg = &segments.front();
    for (const auto& s : segments) {
      if (s.start_w > played) break;
      seg = &s;
    }
    const std::int64_t into = std::max<std::int64_t>(0, played - seg->start_w);
    return seg->pts_us + static_cast<TimeUs>(std::llround(static_cast<double>(into) * seg->speed * 1e6 / rate()));
  }

  TimeUs clamp_time(TimeUs t) const {
    t = std::max<TimeUs>(0, t);
    if (info.duration_us > 0) t = std::min(t, info.duration_us);
    return t;
  }

  // The master clock without side effects (snapshot() uses it too).
  TimeUs position(TimeUs now) const {
    if (pending) return pending->target_us;
    if (follow && (reversing || (playing && !preroll))) {
      if (auto t = follow()) return *t;
    }
    if (reversing) {
      const auto back = static_cast<TimeUs>(std::llround(static_cast<double>(now - anchor_wall) * reverse_rate));
      return std::max<TimeUs>(0, anchor_pos - back);
    }
    if (preroll || !playing) return anchor_pos;
    if (audio_master() && !audio_drained()) {
      if (auto a = audio_clock()) return *a;
      return anchor_pos;
    }
    return anchor_pos + static_cast<TimeUs>(std::llround(static_cast<double>(now - anchor_wall) * speed));
  }

  void set_sink_running(bool run) {
    if (!audio || sink_running == run) return;
    audio->set_paused(!run);
    sink_running = run;
  }

  void reset_audio() {
    chunk.reset();
    chunk_off = 0;
    silence_frames = 0;
    out.clear();
    out_off = 0;
    segments.clear();
    written = 0;
    tempo.reset();
    audio_eof = false;
    if (audio) {
      set_sink_running(false);
      audio->flush();
    }
  }

  void present(const media::VideoItem& item, TimeUs pos, bool measure) {
    frame = item.frame;
    frame_pts = item.pts_us;
    ++frame_serial;
    ++stats.frames_shown;
    if (measure) {
      const TimeUs off = std::llabs(pos - item.pts_us);
      stats.av_offset_max_us = std::max(stats.av_offset_max_us, off);
      stats.av_offset_sum_us += off;
      ++stats.av_offset_samples;
    }
    if (video) video->present(item.frame, item.pts_us);
  }

  void start_seek(TimeUs target, media::SeekMode mode, bool from_frame) {
    ++epoch;
    target = clamp_time(target);
    serial = source->seek(target, mode);
    preroll = true;
    want_video = info.has_video;
    want_audio = info.has_audio;
    seek_mode = mode;
    position_from_frame = from_frame || mode == media::SeekMode::Keyframe;
    preview_outstanding = mode == media::SeekMode::Keyframe;
    video_eof = false;
    at_end = false;
    anchor_pos = target;
    reset_audio();
  }

  // Next item of the current serial, dropping any stale one (the source already filters
  // them; this guards the window between our seek() and its flush).
  std::optional<media::VideoItem> peek_video() {
    for (;;) {
      auto item = source->peek_video();
      if (!item || item->serial == serial) return item;
      source->pop_video();
    }
  }
  std::optional<media::AudioItem> pop_audio() {
    for (;;) {
      auto item = source->pop_audio();
      if (!item || item->serial == serial) return item;
    }
  }

  // Returns false while still waiting for the seek's first frame/audio.
  bool finish_preroll(TimeUs now) {
    if (want_video) {
      if (auto item = peek_video()) {
        source->pop_video();
        want_video = false;
        if (item->eof) {
          video_eof = true;
        } else {
          present(*item, anchor_pos, false);
          if (position_from_frame) anchor_pos = item->pts_us;
        }
        if (seek_mode == media::SeekMode::Keyframe) preview_outstanding = false;
      }
    }
    if (want_audio) {
      if (auto item = pop_audio()) {
        want_audio = false;
        if (item->eof) {
          audio_eof = true;
        } else {
          chunk = std::move(*item);
          chunk_off = 0;
        }
      }
    }
    if (want_video || want_audio) return false;
    preroll = false;
    anchor_wall = now;
    align_audio_start();
    return true;
  }

  // The first audio chunk after a seek may start before the clock (keyframe seeks are
  // not trimmed) or after it (audio track starting late): trim, or pad with silence.
  void align_audio_start() {
    if (!chunk || !audio) return;
    const double r = rate();
    if (chunk->pts_us < anchor_pos) {
      const auto skip = static_cast<std::int64_t>(static_cast<double>(anchor_pos - chunk->pts_us) * r / 1e6);
      chunk_off = std::min(skip, chunk->frames);
    } else if (chunk->pts_us > anchor_pos) {
      silence_frames = static_cast<std::int64_t>(static_cast<double>(chunk->pts_us - anchor_pos) * r / 1e6 / speed);
    }
    out_pts = anchor_pos;
  }

  // Produces the next block of sink-ready audio into `out`. False when nothing is ready.
  bool refill_out() {
    const media::AudioFormat fmt = audio->format();
    const std::size_t bpf = static_cast<std::size_t>(fmt.bytes_per_frame());
    const double r = fmt.sample_rate;
    out.clear();
    out_off = 0;
    for (int guard = 0; guard < 64 && out.empty(); ++guard) {
      if (silence_frames > 0) {
        const std::int64_t n = std::min(silence_frames, kAudioBlockFrames);
        out.assign(static_cast<std::size_t>(n) * bpf, 0);
        out_speed = speed;
        out_pts = chunk ? chunk->pts_us - static_cast<TimeUs>(static_cast<double>(silence_frames) * speed * 1e6 / r)
                        : out_pts;
        silence_frames -= n;
        break;
      }
      if (!chunk || chunk_off >= chunk->frames) {
        chunk.reset();
        if (audio_eof) return false;
        auto item = pop_audio();
        if (!item) return false;
        if (item->eof) {
          audio_eof = true;
          return false;
        }
        chunk = std::move(*item);
        chunk_off = 0;
      }
      const std::int64_t n = std::min(chunk->frames - chunk_off, kAudioBlockFrames);
      const std::uint8_t* src = chunk->data.data() + static_cast<std::size_t>(chunk_off) * bpf;
      const TimeUs src_pts = chunk->pts_us + static_cast<TimeUs>(static_cast<double>(chunk_off) * 1e6 / r);
      chunk_off += n;
      if (speed == 1.0) {
        tempo.reset();
        out.assign(src, src + static_cast<std::size_t>(n) * bpf);
        out_pts = src_pts;
        out_speed = 1.0;
        break;
      }
      if (!tempo || tempo->speed() != speed) {
        auto made = TempoFilter::create(fmt, speed);
        if (!made) {
          last_error = made.error();
          return false;
        }
        tempo = std::move(made.value());
        tempo_base_pts = src_pts;
        tempo_out_frames = 0;
      }
      auto produced = tempo->process(src, n, out);
      if (!produced) {
        last_error = produced.error();
        tempo.reset();
        return false;
      }
      out_pts = tempo_base_pts + static_cast<TimeUs>(static_cast<double>(tempo_out_frames) * speed * 1e6 / r);
      out_speed = speed;
      tempo_out_frames += *produced;
    }
    if (out.empty()) return false;
    apply_gain(out.data(), out.size() / bpf, fmt, muted ? 0.0f : volume);
    return true;
  }

  void feed_audio() {
    const media::AudioFormat fmt = audio->format();
    const std::size_t bpf = static_cast<std::size_t>(fmt.bytes_per_frame());
    const std::int64_t lead = opt.audio_lead_us * fmt.sample_rate / kUsPerSecond;
    for (int guard = 0; guard < 256; ++guard) {
      const std::int64_t need = lead - audio->frames_buffered();
      if (need <= 0) break;
      if (out_off >= out.size() && !refill_out()) break;
      const auto avail = static_cast<std::int64_t>((out.size() - out_off) / bpf);
      const std::int64_t k = audio->write(out.data() + out_off, std::min(avail, need));
      if (k <= 0) break;
      segments.push_back(AudioSegment{written, out_pts, out_speed});
      written += k;
      out_off += static_cast<std::size_t>(k) * bpf;
      out_pts += static_cast<TimeUs>(std::llround(static_cast<double>(k) * out_speed * 1e6 / fmt.sample_rate));
    }
    // Forget segments the speaker has passed (keep the one it is in).
    const std::int64_t played = written - audio->frames_buffered();
    while (segments.size() > 1 && segments[1].start_w <= played) segments.pop_front();
  }

  // Presents every due frame; returns the pts of the next frame not yet due, if known.
  std::optional<TimeUs> schedule_video(TimeUs pos) {
    const std::int64_t shown_before = stats.frames_shown;
    const auto next_due = schedule_due_frames(pos);
    // Tell the source how late the picture is, so a decoder that cannot keep up (2x on a
    // busy machine) skips work instead of falling further behind.
    if (stats.frames_shown != shown_before) source->report_video_lag(std::max<TimeUs>(0, pos - frame_pts));
    return next_due;
  }

  std::optional<TimeUs> schedule_due_frames(TimeUs pos) {
    for (;;) {
      auto item = peek_video();
      if (!item) return std::nullopt;
      if (item->eof) {
        source->pop_video();
        video_eof = true;
        return std::nullopt;
      }
      if (item->pts_us > pos) return item->pts_us;
      source->pop_video();
      // A successor that is already due makes this frame late: drop it rather than
      // show a picture that would be replaced at once.
      auto next = peek_video();
      if (next && !next->eof && next->pts_us <= pos) {
        ++stats.frames_dropped;
        continue;
      }
      present(*item, pos, true);
    }
  }

  void do_steps() {
    while (pending_steps > 0) {
      auto item = peek_video();
      if (!item) return;  // not decoded yet: the source wakes us
      source->pop_video();
      if (item->eof) {
        video_eof = true;
        pending_steps = 0;
        return;
      }
      present(*item, anchor_pos, false);
      anchor_pos = item->pts_us;
      --pending_steps;
      resync_on_play = true;
      // Keep the demuxer flowing: paused audio would otherwise fill its queue and stall video.
      while (pop_audio()) {
      }
      chunk.reset();
    }
    if (pending_steps < 0) {
      ++pending_steps;
      const TimeUs cur = frame_pts >= 0 ? frame_pts : anchor_pos;
      if (cur > 0) start_seek(cur - 1, media::SeekMode::Exact, true);
    }
  }

  struct StepJob {
    std::shared_ptr<FrameStepper> stepper;
    TimeUs from_us = 0;
    int direction = 0;
    std::uint64_t epoch = 0;
  };
  // The next step for the stepper, if one is due (paused, no seek under way).
  std::optional<StepJob> take_step_job() {
    if (!stepper || stepping || playing || preroll || pending || pending_steps == 0 || !source) return std::nullopt;
    const int dir = pending_steps > 0 ? 1 : -1;
    pending_steps -= dir;
    stepping = true;
    return StepJob{stepper, frame_pts >= 0 ? frame_pts : anchor_pos, dir, epoch};
  }
  void finish_step(const StepJob& job, Result<SteppedFrame>& r) {
    stepping = false;
    if (job.epoch != epoch) return;  // a seek, play or open overtook the step
    if (!r) {
      last_error = r.error();
      pending_steps = 0;
      return;
    }
    media::VideoItem item;
    item.serial = serial;
    item.pts_us = r->pts_us;
    item.frame = r->frame;
    present(item, anchor_pos, false);
    anchor_pos = r->pts_us;
    resync_on_play = true;  // the pipeline still stands where playback left it
  }

  // ---- reverse play ----
  // Where a stop leaves the clock: on the picture shown (it may lag the reverse clock when
  // decoding falls behind; the picture must not change when stopping).
  TimeUs reverse_stop_time(TimeUs now) const { return frame_pts >= 0 ? frame_pts : position(now); }

  // Ends reverse play on the picture shown (play, pause, scrub and steps go on from it).
  void stop_reverse_on_picture() { stop_reverse(reverse_stop_time(clock.now_us())); }

  // Ends reverse play with the clock at `at_us`; forward play re-seeks the pipeline there.
  void stop_reverse(TimeUs at_us) {
    if (!reversing) return;
    reversing = false;
    ++epoch;  // a frame still being fetched for the reverse clock is not shown
    anchor_pos = clamp_time(at_us);
    anchor_wall = clock.now_us();
    resync_on_play = true;
  }

  // The picture must change once the clock has run back past its pts (or reached 0).
  bool reverse_due(TimeUs target) const { return frame_pts < 0 || target < frame_pts || target <= 0; }

  // When the reverse clock next needs another picture.
  TimeUs reverse_wake(TimeUs now) const {
    const TimeUs target = position(now);
    if (reverse_due(target)) return now;
    const auto until = static_cast<TimeUs>(std::ceil(static_cast<double>(target - frame_pts + 1) / reverse_rate));
    return now + std::min(until, opt.max_wait_us);
  }

  struct ReverseJob {
    std::shared_ptr<FrameStepper> stepper;
    TimeUs target_us = 0;
    std::uint64_t epoch = 0;
  };
  std::optional<ReverseJob> take_reverse_job() {
    if (!reversing || !stepper || stepping || !source) return std::nullopt;
    const TimeUs target = position(clock.now_us());
    if (!reverse_due(target)) return std::nullopt;
    stepping = true;
    return ReverseJob{stepper, target, epoch};
  }
  void finish_reverse(const ReverseJob& job, Result<SteppedFrame>& r) {
    stepping = false;
    if (job.epoch != epoch) return;  // stopped, seeked or reopened meanwhile
    const TimeUs now = clock.now_us();
    if (!r) {
      last_error = r.error();
      stop_reverse(reverse_stop_time(now));
      return;
    }
    // No earlier picture than the one shown: this is the first frame.
    const bool at_first = frame_pts >= 0 && r->pts_us >= frame_pts && job.target_us < frame_pts;
    if (r->pts_us != frame_pts) {
      // The pictures between the last one and this were passed over: the clock ran ahead of
      // decoding (a cold GOP), and the picture keeps to the clock instead of slowing down.
      const TimeUs fd = info.frame_duration_us;
      if (frame_pts >= 0 && fd > 0 && r->pts_us < frame_pts)
        stats.frames_dropped += std::max<std::int64_t>(0, (frame_pts - r->pts_us + fd / 2) / fd - 1);
      media::VideoItem item;
      item.serial = serial;
      item.pts_us = r->pts_us;
      item.frame = r->frame;
      present(item, job.target_us, false);
    }
    if (job.target_us <= 0 || at_first) stop_reverse(0);  // the start: stop there, paused
  }

  TimeUs pump() {
    const TimeUs now = clock.now_us();
    const TimeUs idle = now + opt.max_wait_us;
    if (!source) return idle;
    if (auto err = source->error()) last_error = *err;

    if (pending && (pending->mode == media::SeekMode::Exact || !preview_outstanding)) {
      const SeekRequest req = *pending;
      pending.reset();
      start_seek(req.target_us, req.mode, false);
    }
    if (preroll && !finish_preroll(now)) return idle;

    if (!playing) {
      if (pending_steps != 0 && !stepper) do_steps();
      if (!audio_master() && info.has_audio) {
        // No sound device: discard audio so the demuxer never stalls on it.
        while (pop_audio()) {
        }
      }
      return reversing ? reverse_wake(now) : idle;  // Player::pump fetches reverse pictures
    }

    TimeUs deadline = idle;
    if (audio_master()) {
      feed_audio();
      if (!preroll) set_sink_running(true);
    } else if (info.has_audio) {
      while (auto item = pop_audio()) {
        if (item->eof) audio_eof = true;
      }
    }
    const TimeUs pos = position(now);
    // Follow the audio clock while it runs, so the wall clock continues from it seamlessly
    // when the audio ends. (The wall clock itself is never re-anchored here: repeated
    // rounding at fractional speeds would drift.)
    if (audio_master() && !audio_drained() && !segments.empty()) {
      anchor_pos = pos;
      anchor_wall = now;
    }

    if (info.has_video) {
      if (auto next = schedule_video(pos)) {
        const auto wait = static_cast<TimeUs>(static_cast<double>(*next - pos) / speed);
        deadline = std::min(deadline, now + std::max<TimeUs>(wait, 0));
      }
    }
    if (audio_master() && !audio_eof) deadline = std::min(deadline, now + opt.audio_lead_us / 4);

    if (loop_a && loop_b && pos >= *loop_b) {
      start_seek(*loop_a, media::SeekMode::Exact, false);
      return now;
    }
    const bool video_done = !info.has_video || video_eof;
    const bool audio_done = !audio_master() ? (!info.has_audio || audio_eof || audio == nullptr) : audio_drained();
    if (video_done && audio_done) {
      if (loop_a && loop_b) {
        start_seek(*loop_a, media::SeekMode::Exact, false);
        return now;
      }
      playing = false;
      at_end = true;
      anchor_pos = std::max(clamp_time(pos), frame_pts);
      set_sink_running(false);
    }
    return deadline;
  }
};

Player::Player(Clock& clock, AudioSink* audio, VideoSink* video, PlayerOptions options)
    : s_(std::make_unique<State>(clock, audio, video, options)) {
  if (options.run_thread) s_->thread = std::thread([this] { run(); });
}

Player::~Player() {
  s_->stop.store(true);
  s_->clock.wake();
  if (s_->thread.joinable()) s_->thread.join();
  close();
}

void Player::run() {
  while (!s_->stop.load()) {
    const TimeUs next = pump();
    if (s_->stop.load()) break;
    s_->clock.wait_until(next);
  }
}

TimeUs Player::pump() {
  // pump() is the body of the player's thread: nothing may leave it (std::terminate).
  TimeUs next = 0;
  auto st = run_guarded("playback", [&] { next = pump_unguarded(); });
  if (st) return next;
  close();  // a source that threw once is not asked again
  std::lock_guard lock(s_->mutex);
  s_->last_error = st.error();
  return s_->clock.now_us() + s_->opt.max_wait_us;
}

TimeUs Player::pump_unguarded() {
  std::unique_lock lock(s_->mutex);
  TimeUs next = s_->pump();
  if (auto job = s_->take_step_job()) {
    // A first step back may decode a whole GOP: do it without the lock so snapshot()
    // and commands stay instant for the UI.
    lock.unlock();
    Result<SteppedFrame> r = job->stepper->step(job->from_us, job->direction);
    lock.lock();
    s_->finish_step(*job, r);
    next = s_->clock.now_us();  // more steps may be waiting
  } else if (auto rev = s_->take_reverse_job()) {
    // The same for reverse play: a picture outside the cache decodes the GOP before it.
    lock.unlock();
    Result<SteppedFrame> r = rev->stepper->frame_at(rev->target_us);
    lock.lock();
    s_->finish_reverse(*rev, r);
    const TimeUs now = s_->clock.now_us();
    next = s_->reversing ? s_->reverse_wake(now) : now;
  }
  return next;
}

void Player::open(std::unique_ptr<media::FrameSource> source, TimeUs start_us, std::unique_ptr<FrameStepper> stepper) {
  std::unique_ptr<media::FrameSource> old;
  std::shared_ptr<FrameStepper> old_stepper;
  {
    std::lock_guard lock(s_->mutex);
    old = std::move(s_->source);
    old_stepper = std::move(s_->stepper);
    s_->source = std::move(source);
    s_->stepper = std::move(stepper);
    State& s = *s_;
    ++s.epoch;
    s.info = s.source->info();
    s.source->set_wakeup([&clock = s.clock] { clock.wake(); });
    s.playing = false;
    s.at_end = false;
    s.last_error.reset();
    s.stats = {};
    s.pending.reset();
    s.scrubbing = false;
    s.pending_steps = 0;
    s.resync_on_play = false;
    s.reversing = false;
    s.loop_a.reset();
    s.loop_b.reset();
    s.frame.reset();
    s.frame_pts = -1;
    s.start_seek(start_us, media::SeekMode::Exact, false);
  }
  s_->clock.wake();
  // `old` (another file's pipeline) shuts its threads down here, outside the lock.
}

void Player::close() {
  std::unique_ptr<media::FrameSource> old;
  std::shared_ptr<FrameStepper> old_stepper;
  {
    std::lock_guard lock(s_->mutex);
    ++s_->epoch;
    old = std::move(s_->source);
    old_stepper = std::move(s_->stepper);
    s_->playing = false;
    s_->reversing = false;
    s_->reset_audio();
    s_->frame.reset();
    s_->frame_pts = -1;
    s_->preroll = false;
    s_->pending.reset();
  }
}

void Player::play() {
  {
    std::lock_guard lock(s_->mutex);
    State& s = *s_;
    if (!s.source || s.playing) return;
    s.stop_reverse_on_picture();  // forward from the picture shown
    ++s.epoch;
    s.playing = true;
    s.pending_steps = 0;
    if (s.at_end) {
      s.start_seek(0, media::SeekMode::Exact, false);
    } else if (s.resync_on_play && !s.pending) {
      s.start_seek(s.anchor_pos, media::SeekMode::Exact, false);
    }
    s.resync_on_play = false;
    s.anchor_wall = s.clock.now_us();
  }
  s_->clock.wake();
}

void Player::pause() {
  {
    std::lock_guard lock(s_->mutex);
    State& s = *s_;
    s.stop_reverse_on_picture();
    if (!s.playing) return;
    s.anchor_pos = s.position(s.clock.now_us());
    s.playing = false;
    s.set_sink_running(false);
  }
  s_->clock.wake();
}

void Player::toggle_play() {
  bool playing;
  {
    std::lock_guard lock(s_->mutex);
    playing = s_->playing || s_->reversing;
  }
  playing ? pause() : play();
}

void Player::set_speed(double speed) {
  {
    std::lock_guard lock(s_->mutex);
    State& s = *s_;
    const TimeUs now = s.clock.now_us();
    s.anchor_pos = s.position(now);  // the wall-clock fallback continues from here at the new rate
    s.anchor_wall = now;
    s.speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
  }
  s_->clock.wake();
}

void Player::set_volume(float volume) {
  std::lock_guard lock(s_->mutex);
  s_->volume = std::clamp(volume, 0.0f, 2.0f);
}

void Player::set_muted(bool muted) {
  std::lock_guard lock(s_->mutex);
  s_->muted = muted;
}

void Player::seek(TimeUs t_us) {
  {
    std::lock_guard lock(s_->mutex);
    if (!s_->source) return;
    s_->stop_reverse(t_us);
    s_->pending = SeekRequest{s_->clamp_time(t_us), media::SeekMode::Exact};
    s_->pending_steps = 0;
    s_->resync_on_play = false;
  }
  s_->clock.wake();
}

void Player::jump(TimeUs delta_us) {
  TimeUs base;
  {
    std::lock_guard lock(s_->mutex);
    // Repeated presses add up even before the previous jump has landed.
    base = s_->position(s_->clock.now_us());
  }
  seek(base + delta_us);
}

void Player::jump_to_start() { seek(0); }

void Player::jump_to_end() {
  {
    std::lock_guard lock(s_->mutex);
    if (!s_->source) return;
    s_->playing = false;
    s_->set_sink_running(false);
  }
  // The last frame is the one shown just before the end.
  TimeUs d;
  {
    std::lock_guard lock(s_->mutex);
    d = s_->info.duration_us;
  }
  seek(d > 0 ? d - 1 : 0);
}

void Player::begin_scrub() {
  std::lock_guard lock(s_->mutex);
  State& s = *s_;
  if (s.scrubbing) return;
  s.stop_reverse_on_picture();
  s.scrubbing = true;
  s.play_after_scrub = s.playing;
  if (s.playing) {
    s.anchor_pos = s.position(s.clock.now_us());
    s.playing = false;
    s.set_sink_running(false);
  }
}

void Player::scrub_to(TimeUs t_us) {
  {
    std::lock_guard lock(s_->mutex);
    if (!s_->source) return;
    s_->pending = SeekRequest{s_->clamp_time(t_us), media::SeekMode::Keyframe};
  }
  s_->clock.wake();
}

void Player::end_scrub(TimeUs t_us) {
  {
    std::lock_guard lock(s_->mutex);
    State& s = *s_;
    if (!s.source) return;
    s.pending = SeekRequest{s.clamp_time(t_us), media::SeekMode::Exact};
    if (s.scrubbing) s.playing = s.play_after_scrub;
    s.scrubbing = false;
    s.anchor_wall = s.clock.now_us();
  }
  s_->clock.wake();
}

void Player::step(int direction) {
  if (direction == 0) return;
  {
    std::lock_guard lock(s_->mutex);
    State& s = *s_;
    if (!s.source) return;
    s.stop_reverse_on_picture();  // steps go on from the picture shown
    if (s.playing) {
      s.anchor_pos = s.position(s.clock.now_us());
      s.playing = false;
      s.set_sink_running(false);
    }
    s.pending_steps += direction > 0 ? 1 : -1;
  }
  s_->clock.wake();
}

void Player::play_reverse(double rate) {
  {
    std::lock_guard lock(s_->mutex);
    State& s = *s_;
    if (!s.source || !s.stepper) return;
    const TimeUs now = s.clock.now_us();
    rate = std::clamp(rate, kMinSpeed, kMaxReverseRate);
    if (s.reversing) {  // J again: the new rate from where the clock is
      s.anchor_pos = s.position(now);
      s.anchor_wall = now;
      s.reverse_rate = rate;
    } else {
      // From the position the user sees: a pending seek's target, the clock while playing,
      // else where it stands.
      const TimeUs from = s.clamp_time(s.position(now));
      ++s.epoch;
      s.playing = false;
      s.set_sink_running(false);
      // The pipeline is left where it is (a seek under way included): forward play re-seeks it.
      s.pending.reset();
      s.preroll = false;
      s.pending_steps = 0;
      s.scrubbing = false;
      s.at_end = false;
      s.reversing = true;
      s.reverse_rate = rate;
      s.anchor_pos = from;
      s.anchor_wall = now;
      s.resync_on_play = true;
    }
  }
  s_->clock.wake();
}

void Player::set_loop(std::optional<TimeUs> a_us, std::optional<TimeUs> b_us) {
  std::lock_guard lock(s_->mutex);
  if (a_us && b_us && *a_us < *b_us) {
    s_->loop_a = a_us;
    s_->loop_b = b_us;
  } else {
    s_->loop_a.reset();
    s_->loop_b.reset();
  }
}

TimeUs Player::position_now() const {
  std::lock_guard lock(s_->mutex);
  const State& s = *s_;
  return s.source ? s.clamp_time(s.position(s.clock.now_us())) : 0;
}

void Player::set_follow(std::function<std::optional<TimeUs>()> follow) {
  std::lock_guard lock(s_->mutex);
  s_->follow = std::move(follow);
}

PlayerSnapshot Player::snapshot() const {
  std::lock_guard lock(s_->mutex);
  const State& s = *s_;
  PlayerSnapshot snap;
  snap.open = s.source != nullptr;
  snap.position_us = s.source ? s.clamp_time(s.position(s.clock.now_us())) : 0;
  snap.duration_us = s.info.duration_us;
  snap.playing = s.playing;
  snap.reversing = s.reversing;
  snap.reverse_rate = s.reverse_rate;
  snap.buffering = s.preroll || s.pending.has_value();
  snap.stepping = s.pending_steps != 0 || s.stepping;
  snap.at_end = s.at_end;
  snap.speed = s.speed;
  snap.volume = s.volume;
  snap.muted = s.muted;
  snap.loop_a_us = s.loop_a;
  snap.loop_b_us = s.loop_b;
  snap.last_error = s.last_error;
  snap.frame = s.frame;
  snap.frame_pts_us = s.frame_pts;
  snap.frame_serial = s.frame_serial;
  snap.stats = s.stats;
  return snap;
}

}  // namespace triad::playback
