#pragma once
// The other cameras of a session, kept in lockstep with the leading player (the file the
// transport runs on). Each camera has its own decode pipeline, frame stepper and player
// thread; while playing, its player's clock *is* the leader's clock mapped to the camera's
// own time (playback::Player::set_follow, offset and drift from core/recording_clock), so
// its pictures are paced and superseded frames dropped against the same clock as the
// leader's and never drift from it. Paused, each camera is sent an exact seek to its own
// time at the leader's position, so every tile shows the frame a straight decode of that
// file shows at that time. sync() runs on the UI thread after every command and update.
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "app/media_port.hpp"
#include "core/model.hpp"
#include "playback/clock.hpp"
#include "playback/player.hpp"
#include "playback/sinks.hpp"

namespace triad::app {

class CameraFollowers {
 public:
  // `sinks[i]` receives camera i's pictures (null: none, headless); cameras beyond the
  // sinks given are still opened and followed (their pictures are only in cameras()).
  explicit CameraFollowers(std::vector<playback::VideoSink*> sinks) : sinks_(std::move(sinks)) {}
  ~CameraFollowers() { clear(); }
  CameraFollowers(const CameraFollowers&) = delete;
  CameraFollowers& operator=(const CameraFollowers&) = delete;

  // Opens `others` (videos only; their sound is not played) following `leader`, whose file
  // is recording `clock`. The leader must outlive the followers (clear() them first).
  void open(playback::Player& leader, const Recording& clock, const std::vector<Recording>& others);
  void clear();
  bool empty() const { return cams_.empty(); }

  // Brings every camera to the leader's state (snapshot taken just before): play, reverse
  // and pause follow it; a paused camera is sought exactly to its own time; a playing one
  // that strayed (a loop, a jump) is sought back. A camera whose step landed moves the
  // leader: the returned time is where the leader must seek (its own media time).
  std::optional<TimeUs> sync(const playback::PlayerSnapshot& leader);
  // Steps camera `index` by `frames` of its own (pausing it; the leader is paused by the caller).
  void step(std::size_t index, int frames);
  // True when no camera waits for a seek or a step to land.
  bool settled() const;

  std::vector<CameraView> views() const;
  // Frames shown and dropped by all cameras together (figures for `triad play`).
  playback::PlaybackStats stats() const;

 private:
  struct Camera {
    Recording recording;
    playback::SteadyClock clock;
    std::unique_ptr<playback::Player> player;
    playback::PlayerSnapshot snap;
    CameraView::Where where = CameraView::Where::Showing;
    TimeUs media_us = 0;
    std::string error;
    TimeUs frame_duration_us = 0;
    std::optional<TimeUs> sought;     // where a paused camera was last sent
    bool step_pending = false;
    std::uint64_t step_serial_before = 0;
  };
  std::vector<playback::VideoSink*> sinks_;
  std::vector<std::unique_ptr<Camera>> cams_;
  Recording clock_;
};

}  // namespace triad::app
