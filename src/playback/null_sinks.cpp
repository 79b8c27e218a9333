#include "playback/null_sinks.hpp"

#include <algorithm>

namespace triad::playback {

NullAudioSink::NullAudioSink(Clock& clock, media::AudioFormat format, std::int64_t capacity_frames)
    : clock_(clock), format_(format), capacity_(std::max<std::int64_t>(1, capacity_frames)) {}

void NullAudioSink::advance_locked() const {
  if (paused_) return;
  // Integer frame count since origin_us_, so rounding never accumulates drift.
  const TimeUs elapsed = clock_.now_us() - origin_us_;
  const std::int64_t ticks = elapsed <= 0 ? 0 : elapsed * format_.sample_rate / kUsPerSecond;
  const std::int64_t due = ticks - ticks_done_;
  if (due <= 0) return;
  ticks_done_ = ticks;
  const std::int64_t from_buffer = std::min(due, buffered_);
  buffered_ -= from_buffer;
  played_ += due;
  underrun_ += due - from_buffer;
}

std::int64_t NullAudioSink::write(const std::uint8_t* /*data*/, std::int64_t frames) {
  std::lock_guard lock(mutex_);
  advance_locked();
  const std::int64_t taken = std::clamp<std::int64_t>(capacity_ - buffered_, 0, std::max<std::int64_t>(0, frames));
  buffered_ += taken;
  return taken;
}

std::int64_t NullAudioSink::frames_buffered() const {
  std::lock_guard lock(mutex_);
  advance_locked();
  return buffered_;
}

void NullAudioSink::set_paused(bool paused) {
  std::lock_guard lock(mutex_);
  advance_locked();
  if (paused_ == paused) return;
  paused_ = paused;
  if (!paused) {
    origin_us_ = clock_.now_us();
    ticks_done_ = 0;
  }
}

void NullAudioSink::flush() {
  std::lock_guard lock(mutex_);
  advance_locked();
  buffered_ = 0;
}

std::int64_t NullAudioSink::frames_played() const {
  std::lock_guard lock(mutex_);
  advance_locked();
  return played_;
}

std::int64_t NullAudioSink::underrun_frames() const {
  std::lock_guard lock(mutex_);
  advance_locked();
  return underrun_;
}

void NullVideoSink::present(const std::shared_ptr<const media::VideoFrame>& /*frame*/, TimeUs pts_us) {
  last_pts_.store(pts_us);
  presented_.fetch_add(1);
}

}  // namespace triad::playback
