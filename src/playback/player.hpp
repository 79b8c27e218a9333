#pragma once
// The playback engine: takes decoded frames and audio from a media::FrameSource (the
// threaded pipeline) and paces them to the sinks. Audio is the master clock: the media
// time of the sample at the speaker is "now"; video frames are presented when that clock
// reaches their pts, and a frame whose successor is already due is dropped instead of
// shown late, so late frames never pile up. Without audio (or after it ends) a wall clock
// anchored at the last known position, scaled by the speed, takes over.
//
// Threads: commands (play, seek, ...) and snapshot() may be called from any thread and
// never block on decoding; they record the request and wake the player thread, which does
// the work in pump(). Options::run_thread = false leaves pump() to the caller: tests drive
// the engine with a ManualClock, one pump at a time, with no sleeping. The engine never
// calls up into UI code: it presents to the VideoSink and the UI polls snapshot().
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/pipeline_source.hpp"
#include "playback/clock.hpp"
#include "playback/sinks.hpp"
#include "playback/stepper.hpp"

namespace triad::playback {

struct PlayerOptions {
  TimeUs audio_lead_us = 120'000;  // how much audio to keep queued in the sink ahead of the speaker
  TimeUs max_wait_us = 20'000;     // longest sleep of the player thread between checks
  bool run_thread = true;          // false: the caller drives pump() (tests)
};

struct PlaybackStats {
  std::int64_t frames_shown = 0;
  std::int64_t frames_dropped = 0;   // decoded but superseded before their turn came; in reverse
                                     // play, frames passed over because decoding fell behind
  std::int64_t av_offset_samples = 0;
  TimeUs av_offset_max_us = 0;       // max |master clock - pts| when a frame was presented
  TimeUs av_offset_sum_us = 0;       // for the mean
  TimeUs av_offset_mean_us() const { return av_offset_samples ? av_offset_sum_us / av_offset_samples : 0; }
};

// A consistent copy of the engine state for a UI frame (or a test).
struct PlayerSnapshot {
  bool open = false;
  TimeUs position_us = 0;  // master clock (the pending target while a seek is under way)
  TimeUs duration_us = 0;
  bool playing = false;     // the user's intent (stays true while a seek re-buffers); false in reverse
  bool reversing = false;   // playing backwards (play_reverse)
  double reverse_rate = 1.0;
  bool buffering = false;   // waiting for the first frame/audio after a seek
  bool stepping = false;    // frame steps asked for and not all shown yet
  bool at_end = false;
  double speed = 1.0;
  float volume = 1.0f;
  bool muted = false;
  std::optional<TimeUs> loop_a_us;
  std::optional<TimeUs> loop_b_us;
  std::optional<Error> last_error;
  std::shared_ptr<const media::VideoFrame> frame;  // the picture to show now (may be null)
  TimeUs frame_pts_us = -1;
  std::uint64_t frame_serial = 0;  // changes whenever a new picture is presented
  PlaybackStats stats;
};

class Player {
 public:
  // audio/video may be null (no sound / nothing to show). They, and the clock, must
  // outlive the player.
  Player(Clock& clock, AudioSink* audio, VideoSink* video, PlayerOptions options = {});
  ~Player();
  Player(const Player&) = delete;
  Player& operator=(const Player&) = delete;

  // Takes over `source` (which must have been opened with audio in the sink's format) and
  // shows the frame at `start_us`, paused. `stepper` (optional, e.g. a DecoderStepper on
  // the same file) serves frame steps from its GOP cache; without one, steps come from the
  // pipeline (forward: the next queued frame; back: an exact seek, one GOP decode each).
  void open(std::unique_ptr<media::FrameSource> source, TimeUs start_us = 0,
            std::unique_ptr<FrameStepper> stepper = nullptr);
  void close();

  void play();
  void pause();
  void toggle_play();
  // Clamped to [0.25, 2]. Audio keeps its pitch (libavfilter atempo) at every speed.
  void set_speed(double speed);
  void set_volume(float volume);  // 0..1 (clamped; up to 2 allowed for quiet recordings)
  void set_muted(bool muted);

  // Exact seek: the frame shown afterwards is the one a straight decode shows at t.
  void seek(TimeUs t_us);
  void jump(TimeUs delta_us);  // +-2 s, +-10 s, +-60 s buttons; clamped to the file
  void jump_to_start();
  void jump_to_end();  // the last frame, paused
  // Timeline dragging: keyframe previews while the pointer moves (a new preview is only
  // requested once the previous one arrived; the latest position wins), exact on release.
  void begin_scrub();
  void scrub_to(TimeUs t_us);
  void end_scrub(TimeUs t_us);
  // One frame forward (+1) or back (-1); pauses first. Repeated calls queue up.
  void step(int direction);
  // Plays backwards at `rate` x real time (clamped to [0.25, 8]), silently: the clock runs
  // back from the current position and the stepper serves the frame shown at the clock's
  // time, so when decoding falls behind, frames are skipped (counted as dropped) instead of
  // the picture slowing down. At 0 it stops, paused on the first frame. A second call while
  // going backwards changes the rate from where the clock is. play(), pause(), seek(),
  // step(), scrubbing and open() end it; pause() keeps the picture on screen. Needs a stepper
  // (see open()); without one it does nothing.
  void play_reverse(double rate);
  // A-B loop: playback past B jumps back to A. set with a >= b clears the loop.
  void set_loop(std::optional<TimeUs> a_us, std::optional<TimeUs> b_us);
  void clear_loop() { set_loop(std::nullopt, std::nullopt); }

  PlayerSnapshot snapshot() const;
  // The master clock now (what snapshot().position_us says), without copying the rest.
  TimeUs position_now() const;

  // Lockstep with another player (a second camera): while playing either way, the clock is
  // `follow()` (this file's media time at the leader's present position, offset and drift
  // applied by the caller) instead of the audio or the wall clock, so pictures are shown and
  // superseded frames dropped against the leader's clock and never drift from it. nullopt
  // from follow() falls back to the wall clock. Paused, seeks and steps are as usual. The
  // function runs on this player's thread with its lock held: it may read another player
  // (a leader never reads its followers), never this one. Set before open(); an empty
  // function ends following.
  void set_follow(std::function<std::optional<TimeUs>()> follow);
  // One engine step; returns the clock time at which it wants to run next. Never throws:
  // an exception from the source or a sink closes the file and becomes last_error.
  TimeUs pump();

 private:
  struct State;
  void run();
  TimeUs pump_unguarded();
  std::unique_ptr<State> s_;
};

}  // namespace triad::playback
