#include "app/player_media.hpp"

#include <chrono>
#include <cmath>
#include <thread>

#include "media/pipeline.hpp"
#include "media/sound_mix.hpp"
#include "media/probe.hpp"
#include "playback/stepper.hpp"

namespace triad::app {

PlayerMedia::PlayerMedia(playback::AudioSink* audio, playback::VideoSink* video,
                         std::vector<playback::VideoSink*> camera_sinks)
    : audio_(audio),
      video_(video),
      player_(std::make_unique<playback::Player>(clock_, audio, video)),
      followers_(std::move(camera_sinks)) {}

PlayerMedia::~PlayerMedia() {
  // The other cameras follow the player's clock, and the player thread must stop before
  // the clock and sinks go away.
  followers_.clear();
  player_.reset();
}

Result<std::unique_ptr<media::FrameSource>> PlayerMedia::make_source() {
  using Out = std::unique_ptr<media::FrameSource>;
  const bool mixed = sound_.has_value() && audio_ != nullptr;
  std::unique_ptr<media::Pipeline> picture;
  if (!mixed || has_video_) {
    media::PipelineOptions po;
    po.audio = audio_ != nullptr && has_audio_ && !mixed;
    if (audio_) po.audio_format = audio_->format();
    po.video = has_video_;
    auto pipeline = media::Pipeline::open(path_, po);
    if (!pipeline) return pipeline.error();
    picture = std::move(pipeline.value());
  }
  if (!mixed) return Out(std::move(picture));
  // The sound lasts as long as the open file: the transport runs on its time.
  auto mix = media::SoundMixSource::open(std::move(picture), *sound_, audio_->format(), duration_us_);
  if (!mix) return mix.error();
  return Out(std::move(mix.value()));
}

Result<MediaInfo> PlayerMedia::open(const std::string& path) {
  followers_.clear();  // they belong to the file that was open
  sound_.reset();      // so does a sound chosen for it
  auto probe = media::probe(path);
  if (!probe) return probe.error();
  MediaInfo info;
  info.path = path;
  info.duration_us = probe->duration_us;
  info.summary = probe->summary();
  if (const auto* v = probe->video()) {
    info.has_video = true;
    info.width = v->display_width;
    info.height = v->display_height;
    const auto& fr = v->average_frame_rate.known() ? v->average_frame_rate : v->nominal_frame_rate;
    if (fr.known() && fr.num > 0) info.frame_duration_us = static_cast<TimeUs>(1'000'000LL * fr.den / fr.num);
  }
  info.has_audio = probe->audio() != nullptr;
  info.picture_problem = media::undecodable_picture(*probe);
  path_ = path;
  has_video_ = info.has_video;
  has_audio_ = info.has_audio;
  auto source = make_source();
  if (!source) return source.error();
  if ((*source)->info().duration_us > 0) info.duration_us = (*source)->info().duration_us;
  duration_us_ = info.duration_us;
  // Frame steps come from the media engine's GOP cache: stepping back 50 frames must not
  // re-decode from the keyframe each time. Without a stepper (e.g. audio-only) the player
  // falls back to the pipeline.
  std::unique_ptr<playback::FrameStepper> stepper;
  if (info.has_video) {
    if (auto s = playback::DecoderStepper::open(path)) stepper = std::move(s.value());
  }
  player_->open(std::move(source.value()), 0, std::move(stepper));
  open_ = true;
  snap_ = player_->snapshot();
  return info;
}

Status PlayerMedia::set_sound(std::optional<std::vector<media::SoundPlacement>> sounds) {
  if (sounds == std::nullopt && sound_ == std::nullopt) return ok_status();
  auto previous = std::move(sound_);
  sound_ = std::move(sounds);
  if (!open_) return ok_status();
  auto source = make_source();
  if (!source) {
    sound_ = std::move(previous);
    return source.error();
  }
  // The player takes the new source at the position shown; play goes on from there.
  const auto before = player_->snapshot();
  const TimeUs at = before.position_us;
  std::unique_ptr<playback::FrameStepper> stepper;
  if (has_video_) {
    if (auto s = playback::DecoderStepper::open(path_)) stepper = std::move(s.value());
  }
  player_->open(std::move(source.value()), at, std::move(stepper));
  if (before.playing) player_->play();
  update();
  return ok_status();
}

void PlayerMedia::close() {
  followers_.clear();
  player_->close();
  open_ = false;
  sound_.reset();
  snap_ = player_->snapshot();
}

// Commands update the cached snapshot at once so a script line sees its own effect.
void PlayerMedia::play() {
  player_->play();
  snap_ = player_->snapshot();
}
void PlayerMedia::pause() {
  player_->pause();
  snap_ = player_->snapshot();
}
void PlayerMedia::play_reverse(int percent) {
  player_->play_reverse(percent / 100.0);
  snap_ = player_->snapshot();
}
int PlayerMedia::reverse_percent() const {
  return snap_.reversing ? static_cast<int>(std::lround(snap_.reverse_rate * 100)) : 0;
}
void PlayerMedia::seek(TimeUs t) {
  player_->seek(t);
  // The other cameras are sent to their own times now, so they decode while the open file
  // does rather than after it has landed.
  update();
}
void PlayerMedia::scrub_to(TimeUs t) {
  if (!scrubbing_) player_->begin_scrub();
  scrubbing_ = true;
  player_->scrub_to(t);
  snap_ = player_->snapshot();
}
void PlayerMedia::end_scrub(TimeUs t) {
  if (!scrubbing_) player_->begin_scrub();
  scrubbing_ = false;
  player_->end_scrub(t);
  snap_ = player_->snapshot();
}
void PlayerMedia::step(int frames) {
  // A step is queued on the player thread; settle() waits for its picture.
  step_serial_before_ = player_->snapshot().frame_serial;
  step_pending_ = frames != 0;
  const int dir = frames < 0 ? -1 : 1;
  for (int i = 0; i < (frames < 0 ? -frames : frames); ++i) player_->step(dir);
  snap_ = player_->snapshot();
}
void PlayerMedia::set_speed_percent(int percent) { player_->set_speed(percent / 100.0); }
void PlayerMedia::set_volume_percent(int percent) { player_->set_volume(static_cast<float>(percent) / 100.0f); }
void PlayerMedia::update() {
  snap_ = player_->snapshot();
  if (followers_.empty()) return;
  if (auto leader_t = followers_.sync(snap_)) {
    // A camera's step landed: the transport goes to the session time of its frame.
    player_->seek(*leader_t);
    snap_ = player_->snapshot();
  }
}

void PlayerMedia::set_cameras(const Recording& clock, const std::vector<Recording>& others) {
  followers_.clear();
  if (!open_ || others.empty()) return;
  followers_.open(*player_, clock, others);
  update();
}

void PlayerMedia::step_camera(std::size_t index, int frames) {
  player_->pause();
  followers_.step(index, frames);
  snap_ = player_->snapshot();
}

bool PlayerMedia::settle(TimeUs timeout_us) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(timeout_us);
  for (;;) {
    snap_ = player_->snapshot();
    if (!snap_.open || snap_.last_error) return true;  // nothing more will come
    if (snap_.reversing) return true;  // nothing lands: the picture follows the reverse clock
    if (step_pending_) {
      if ((snap_.frame_serial == step_serial_before_ || snap_.stepping) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      step_pending_ = false;
    }
    // Landed: the seek's first picture has been presented (the player stops buffering only
    // then). Its pts may lie after the position: a position before the first frame (a file
    // whose audio starts first) shows the first frame.
    // A sound-only file has no picture to wait for: it has landed once it stops buffering
    // (waiting for a picture here held every script line of such a file for the whole timeout).
    if (!snap_.buffering && (snap_.frame || snap_.frame_serial > 0 || !has_video_)) {
      update();  // the other cameras are sent where the leader landed
      if (followers_.settled() && !snap_.buffering) return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace triad::app
