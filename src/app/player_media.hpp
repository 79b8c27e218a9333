#pragma once
// MediaPort over the real engine: media::Pipeline (threaded decode) driven by
// playback::Player on the steady clock. The sinks are the front end's (SDL audio and
// the GL video sink in the window; null sinks headless). UI thread only.
#include <memory>
#include <vector>

#include "app/camera_followers.hpp"
#include "app/media_port.hpp"
#include "playback/clock.hpp"
#include "playback/player.hpp"
#include "playback/sinks.hpp"

namespace triad::app {

class PlayerMedia final : public MediaPort {
 public:
  // Either sink may be null (no sound / no picture). Both must outlive this object, as must
  // `camera_sinks`: the pictures of the session's other cameras, in cameras() order.
  PlayerMedia(playback::AudioSink* audio, playback::VideoSink* video,
              std::vector<playback::VideoSink*> camera_sinks = {});
  ~PlayerMedia() override;

  Result<MediaInfo> open(const std::string& path) override;
  void close() override;
  bool is_open() const override { return open_; }
  void play() override;
  void pause() override;
  bool playing() const override { return snap_.playing; }
  void play_reverse(int percent) override;
  int reverse_percent() const override;
  void seek(TimeUs t_us) override;
  void step(int frames) override;
  void scrub_to(TimeUs t_us) override;
  void end_scrub(TimeUs t_us) override;
  void set_speed_percent(int percent) override;
  void set_volume_percent(int percent) override;
  TimeUs position() const override { return snap_.position_us; }
  void update() override;
  std::optional<Error> error() const override { return snap_.last_error; }
  void set_cameras(const Recording& clock, const std::vector<Recording>& others) override;
  std::vector<CameraView> cameras() const override { return followers_.views(); }
  void step_camera(std::size_t index, int frames) override;
  // Reopens the open file's source with the sound asked for (its pictures and the position
  // stay; playing goes on). Errors: a sound that cannot be opened; the file's own sound stays.
  Status set_sound(std::optional<std::vector<media::SoundPlacement>> sounds) override;
  // Frames shown and dropped by the other cameras together.
  playback::PlaybackStats camera_stats() const { return followers_.stats(); }

  // The engine, for what the command vocabulary does not cover (timeline scrubbing).
  playback::Player& player() { return *player_; }
  const playback::PlayerSnapshot& snapshot() const { return snap_; }
  // Waits (up to `timeout_us` of wall time) until a seek or step has landed: used by
  // scripts and screenshots so the picture matches the position (every camera's). False: it
  // had not landed when the time ran out.
  bool settle(TimeUs timeout_us);

 private:
  // The source the player takes for the open file: its pipeline, or (a sound chosen) its
  // pictures with that sound mixed in place of its own.
  Result<std::unique_ptr<media::FrameSource>> make_source();

  playback::SteadyClock clock_;
  playback::AudioSink* audio_;
  playback::VideoSink* video_;
  std::unique_ptr<playback::Player> player_;
  CameraFollowers followers_;  // read player_ from their threads: declared after it, destroyed first
  playback::PlayerSnapshot snap_;
  bool open_ = false;
  bool has_video_ = false;  // of the open file
  bool has_audio_ = false;  // of the open file
  std::string path_;        // the open file
  TimeUs duration_us_ = 0;  // of the open file
  std::optional<std::vector<media::SoundPlacement>> sound_;  // see set_sound
  bool scrubbing_ = false;
  bool step_pending_ = false;               // a step was asked for and its picture not seen yet
  std::uint64_t step_serial_before_ = 0;    // frame_serial when it was asked for
};

}  // namespace triad::app
