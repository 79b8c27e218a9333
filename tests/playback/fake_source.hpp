#pragma once
// A FrameSource that makes synthetic frames and silence at exact timestamps, so the
// player's sync logic can be tested on a ManualClock without FFmpeg or threads.
#include <cstdint>
#include <optional>

#include "media/pipeline_source.hpp"

namespace triad::test {

class FakeSource final : public media::FrameSource {
 public:
  FakeSource(TimeUs duration_us, TimeUs frame_us, bool audio, media::AudioFormat fmt = {});

  const media::SourceInfo& info() const override { return info_; }
  std::uint64_t seek(TimeUs target_us, media::SeekMode mode) override;
  std::optional<media::VideoItem> peek_video() override;
  std::optional<media::VideoItem> pop_video() override;
  std::optional<media::AudioItem> pop_audio() override;
  std::optional<Error> error() const override { return std::nullopt; }
  void set_wakeup(std::function<void()>) override {}
  void report_video_lag(TimeUs lag_us) override { last_reported_lag = lag_us; }

  // Test knobs.
  int seeks = 0;
  std::optional<TimeUs> last_seek_target;
  std::optional<media::SeekMode> last_seek_mode;
  std::optional<TimeUs> audio_until_us;  // deliver no audio at or after this (a starving decoder)
  std::optional<TimeUs> video_until_us;  // deliver no video at or after this
  TimeUs last_reported_lag = -1;

 private:
  media::SourceInfo info_;
  media::AudioFormat fmt_;
  std::uint64_t serial_ = 0;
  std::int64_t next_frame_ = 0;       // index of the next video frame
  TimeUs audio_base_us_ = 0;          // seek target; audio sample n is at base + n/rate
  std::int64_t next_sample_ = 0;
  bool video_eof_sent_ = false;
  bool audio_eof_sent_ = false;
};

}  // namespace triad::test
