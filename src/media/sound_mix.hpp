#pragma once
// The sound of other recordings, placed on the time of one file and mixed (issue 15: "the
// chosen audio: any recording's sound, or a mix"). A session's recordings each run on their
// own clock; the window plays the session clock's file and may let another recording be
// heard instead, or several at once. Each sound is decoded by its own audio-only pipeline
// and read at the mix time through its placement (offset and clock drift), so what is heard
// at time t is what that recording heard at t, for the whole lesson: drift is taken up by
// resampling each sound to the rate that makes its samples last as long as mix time
// (48 kHz * 1e9 / (1e9 + drift)), and the rounding of that rate by re-reading the
// placement at every block (a sample slips at most once every few seconds). Where a sound
// has nothing (before it starts, after it ends, a gap in its file) it adds silence.
//
// SoundMixSource is a FrameSource: the player takes it in place of the file's own pipeline
// (its pictures pass through untouched, its sound is the mix), so A/V sync, seeking, speed
// and loops work as for one file. SoundMixReader reads stretches of the mix in one call
// (clip export). No FFmpeg types cross this header.
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/pipeline_source.hpp"

namespace triad::media {

// Where one recording's sound lies on the time of the mix:
//   own time = (mix time - offset_us) * (1e9 + drift_ppb) / 1e9.
struct SoundPlacement {
  std::filesystem::path path;
  TimeUs offset_us = 0;
  std::int64_t drift_ppb = 0;
};

// The sound's own time at mix time `mix_us` (rounded to the nearest µs).
TimeUs placed_time(const SoundPlacement& p, TimeUs mix_us);

class SoundMixSource final : public FrameSource {
 public:
  // `picture`: the file whose pictures are shown (its own sound is not used; open it
  // without audio); null for sound only. `sounds`: mixed together (none: silence).
  // `format`: what the sink plays. The sound ends at `duration_us`; 0: at the picture's
  // end, or without a picture at the end of the last sound. Errors: a sound that cannot be
  // opened or has no sound track, named with its reason.
  static Result<std::unique_ptr<SoundMixSource>> open(std::unique_ptr<FrameSource> picture,
                                                      const std::vector<SoundPlacement>& sounds, AudioFormat format,
                                                      TimeUs duration_us = 0);
  ~SoundMixSource() override;
  SoundMixSource(const SoundMixSource&) = delete;
  SoundMixSource& operator=(const SoundMixSource&) = delete;

  const SourceInfo& info() const override { return info_; }
  std::uint64_t seek(TimeUs target_us, SeekMode mode) override;
  std::optional<VideoItem> peek_video() override;
  std::optional<VideoItem> pop_video() override;
  // The next block of the mix, once every sound has decoded what it needs (nullopt until
  // then: the pipelines wake the consumer). Never more than kLeadLimitUs ahead of the
  // pictures, so a consumer that drains the sound while paused stops.
  std::optional<AudioItem> pop_audio() override;
  std::optional<Error> error() const override;
  void report_video_lag(TimeUs lag_us) override;
  void set_wakeup(std::function<void()> wake) override;

  static constexpr std::int64_t kBlockFrames = 1024;
  static constexpr TimeUs kLeadLimitUs = 3'000'000;

  struct Input;

 private:
  SoundMixSource() = default;
  std::unique_ptr<FrameSource> picture_;
  std::vector<std::unique_ptr<Input>> inputs_;
  AudioFormat format_;
  SourceInfo info_;
  std::uint64_t serial_ = 0;
  TimeUs target_us_ = 0;
  std::int64_t frames_out_ = 0;  // frames of the mix delivered since the seek
  bool eof_sent_ = false;
  std::optional<TimeUs> picture_seen_us_;  // the latest picture pts handed out since the seek
  bool picture_eof_ = false;
};

// Stretches of a mix in one call, for work that is not paced by a clock (clip export).
class SoundMixReader {
 public:
  static Result<std::unique_ptr<SoundMixReader>> open(const std::vector<SoundPlacement>& sounds, AudioFormat format,
                                                      TimeUs duration_us);
  // `frames` frames of the mix from mix time `from_us`, interleaved in the format given
  // (F32 only). Silence past the end. Errors: a sound that failed while decoding.
  Result<std::vector<float>> read(TimeUs from_us, std::int64_t frames);

 private:
  SoundMixReader() = default;
  std::unique_ptr<SoundMixSource> mix_;
  AudioFormat format_;
  std::mutex mutex_;
  std::condition_variable woken_;
  bool wake_ = false;  // guarded by mutex_
};

}  // namespace triad::media
