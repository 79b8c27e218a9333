#include "platform/sdl_audio_sink.hpp"

#include <algorithm>
#include <string>

namespace triad::platform {

Result<std::unique_ptr<SdlAudioSink>> SdlAudioSink::open() {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    return make_error(std::string("No sound: the audio system did not start (") + SDL_GetError() + ").");
  }
  SDL_AudioSpec want{};
  want.freq = 48000;
  want.format = AUDIO_F32SYS;
  want.channels = 2;
  want.samples = 1024;
  SDL_AudioSpec have{};
  SDL_AudioDeviceID dev = SDL_OpenAudioDevice(nullptr, 0, &want, &have, SDL_AUDIO_ALLOW_FREQUENCY_CHANGE);
  if (dev == 0) {
    std::string reason = SDL_GetError();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return make_error("No sound: no audio device could be opened (" + reason + ").");
  }
  std::unique_ptr<SdlAudioSink> s(new SdlAudioSink());
  s->device_ = dev;
  s->format_.sample_rate = have.freq;
  s->format_.channels = 2;
  s->format_.sample_format = media::SampleFormat::F32;
  s->device_frames_ = have.samples;
  // Enough queue for the player's lead (120 ms by default) plus scheduling slack.
  s->max_queued_frames_ = have.freq / 4;
  // Devices open paused; the player un-pauses when playback starts.
  return s;
}

SdlAudioSink::~SdlAudioSink() {
  if (device_) SDL_CloseAudioDevice(device_);
  SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

std::int64_t SdlAudioSink::write(const std::uint8_t* data, std::int64_t frames) {
  const std::int64_t bpf = format_.bytes_per_frame();
  const std::int64_t queued = static_cast<std::int64_t>(SDL_GetQueuedAudioSize(device_)) / bpf;
  const std::int64_t room = std::max<std::int64_t>(0, max_queued_frames_ - queued);
  const std::int64_t take = std::min(room, frames);
  if (take > 0 && SDL_QueueAudio(device_, data, static_cast<Uint32>(take * bpf)) != 0) return 0;
  return take;
}

std::int64_t SdlAudioSink::frames_buffered() const {
  const std::int64_t queued = static_cast<std::int64_t>(SDL_GetQueuedAudioSize(device_)) / format_.bytes_per_frame();
  // SDL hands the device a full buffer at a time; on average half of it is still unheard.
  const bool running = SDL_GetAudioDeviceStatus(device_) == SDL_AUDIO_PLAYING;
  return queued + (running ? device_frames_ / 2 : 0);
}

void SdlAudioSink::set_paused(bool paused) { SDL_PauseAudioDevice(device_, paused ? 1 : 0); }

void SdlAudioSink::flush() { SDL_ClearQueuedAudio(device_); }

}  // namespace triad::platform
