#pragma once
// The playback engine's AudioSink on an SDL2 audio device (push model, SDL_QueueAudio).
// Thread contract (playback/sinks.hpp): called from the player thread only; SDL's own
// audio thread drains the queue. Creating one fails when the machine has no sound
// device (e.g. under Xvfb); the studio then plays with the null sink instead.
#include <SDL.h>

#include <cstdint>
#include <memory>

#include "base/result.hpp"
#include "playback/sinks.hpp"

namespace triad::platform {

class SdlAudioSink final : public playback::AudioSink {
 public:
  static Result<std::unique_ptr<SdlAudioSink>> open();
  ~SdlAudioSink() override;

  media::AudioFormat format() const override { return format_; }
  std::int64_t write(const std::uint8_t* data, std::int64_t frames) override;
  std::int64_t frames_buffered() const override;
  void set_paused(bool paused) override;
  void flush() override;

 private:
  SdlAudioSink() = default;
  SDL_AudioDeviceID device_ = 0;
  media::AudioFormat format_;
  std::int64_t device_frames_ = 0;    // SDL's hardware buffer, heard after the queue
  std::int64_t max_queued_frames_ = 0;
};

}  // namespace triad::platform
