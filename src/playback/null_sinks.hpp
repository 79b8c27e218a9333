#pragma once
// Headless sinks so the real engine runs without a window or sound card (mpv's vo_null /
// ao_null). The null audio sink consumes samples in real time by the injected clock, so
// audio stays the master clock and headless playback measures honest A/V sync.
#include <atomic>
#include <cstdint>
#include <mutex>

#include "playback/clock.hpp"
#include "playback/sinks.hpp"

namespace triad::playback {

class NullAudioSink final : public AudioSink {
 public:
  // capacity_frames: the simulated device buffer (write() takes no more than this).
  NullAudioSink(Clock& clock, media::AudioFormat format, std::int64_t capacity_frames);

  media::AudioFormat format() const override { return format_; }
  std::int64_t write(const std::uint8_t* data, std::int64_t frames) override;
  std::int64_t frames_buffered() const override;
  void set_paused(bool paused) override;
  void flush() override;

  // Frames consumed so far, and frames of silence played because the buffer ran dry.
  std::int64_t frames_played() const;
  std::int64_t underrun_frames() const;

 private:
  // Moves the simulated speaker forward to the clock's now. Caller holds mutex_.
  void advance_locked() const;

  Clock& clock_;
  const media::AudioFormat format_;
  const std::int64_t capacity_;
  mutable std::mutex mutex_;
  mutable std::int64_t buffered_ = 0;   // guarded by mutex_
  mutable std::int64_t played_ = 0;     // guarded by mutex_
  mutable std::int64_t underrun_ = 0;   // guarded by mutex_
  mutable TimeUs origin_us_ = 0;        // guarded by mutex_; time at which tick count 0 was
  mutable std::int64_t ticks_done_ = 0; // guarded by mutex_; device frames elapsed since origin_us_
  bool paused_ = true;                  // guarded by mutex_; a device starts paused (SDL does)
};

class NullVideoSink final : public VideoSink {
 public:
  void present(const std::shared_ptr<const media::VideoFrame>& frame, TimeUs pts_us) override;
  std::int64_t presented() const { return presented_.load(); }
  TimeUs last_pts_us() const { return last_pts_.load(); }

 private:
  std::atomic<std::int64_t> presented_{0};
  std::atomic<TimeUs> last_pts_{-1};
};

}  // namespace triad::playback
