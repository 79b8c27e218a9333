#pragma once
// What the workstation needs from the player. The GUI and the script runner use
// app/player_media.hpp (the real playback engine); unit tests drive a fake so the
// command vocabulary is tested without decoding. All calls on the UI thread.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "core/model.hpp"
#include "media/sound_mix.hpp"

namespace triad::app {

struct MediaInfo {
  std::string path;
  TimeUs duration_us = 0;
  TimeUs frame_duration_us = 0;  // nominal; 0 when unknown
  int width = 0;
  int height = 0;
  bool has_video = false;
  bool has_audio = false;
  // Set when the file has a picture no decoder here reads (media::undecodable_picture): the
  // window says so, naming the codec, instead of calling the recording sound-only.
  std::string picture_problem;
  std::string summary;  // e.g. "h264 1920x1080 25 fps; aac 48 kHz stereo"
};

// Where another camera of the session stands at the session time shown (issue 15).
struct CameraView {
  enum class Where { Showing, BeforeStart, AfterEnd, Failed };
  Recording recording;
  Where where = Where::Showing;
  TimeUs media_us = 0;      // the camera's own time at the session time shown
  TimeUs frame_pts_us = -1; // the picture it shows (-1: none yet)
  std::string error;        // Failed: why it cannot be shown
  std::int64_t frames_shown = 0;    // by its player since it was opened
  std::int64_t frames_dropped = 0;
  TimeUs frame_duration_us = 0;     // nominal, for nudges by a frame; 0 when unknown
};

class MediaPort {
 public:
  virtual ~MediaPort() = default;
  // Opens a file; the error is the media engine's plain-language reason.
  virtual Result<MediaInfo> open(const std::string& path) = 0;
  virtual void close() = 0;
  virtual bool is_open() const = 0;
  virtual void play() = 0;
  virtual void pause() = 0;  // also ends reverse play, keeping the picture shown
  virtual bool playing() const = 0;  // forward
  // Plays backwards at percent/100 of real time (the J key): picture only, no sound; frames
  // that cannot be decoded in time are skipped rather than the picture slowing down. Stops,
  // paused, at 0. play(), pause(), seek() and step() end it. Calling it again changes the rate.
  virtual void play_reverse(int percent) = 0;
  // The rate backwards in percent while playing backwards, else 0.
  virtual int reverse_percent() const = 0;
  // Exact seek: the frame shown afterwards is the one a straight decode shows at t.
  virtual void seek(TimeUs t_us) = 0;
  // Timeline dragging: quick keyframe previews while the pointer moves, then an exact
  // seek on release. Engines without previews just seek.
  virtual void scrub_to(TimeUs t_us) { seek(t_us); }
  virtual void end_scrub(TimeUs t_us) { seek(t_us); }
  // Frame step (+n forward, -n back); pauses first.
  virtual void step(int frames) = 0;
  virtual void set_speed_percent(int percent) = 0;  // 25..200
  virtual void set_volume_percent(int percent) = 0;  // 0..100
  // Media time of the picture on screen now.
  virtual TimeUs position() const = 0;
  // Lets the engine make progress on the UI thread (pick up frames, notice EOF).
  virtual void update() = 0;
  // A fatal problem met while playing (one sentence), if any.
  virtual std::optional<Error> error() const = 0;

  // ---- further cameras of the session, in lockstep with the open file ----
  // The open file is recording `clock` (the session clock, or the recording whose time the
  // transport runs on); `others` are shown beside it: each shows its own frame for the
  // session time of the transport, offset and drift applied. An engine that shows one
  // camera keeps the default (no others). A camera that cannot be opened is kept as
  // Failed with its reason, so the window can say so in its tile.
  virtual void set_cameras(const Recording& /*clock*/, const std::vector<Recording>& /*others*/) {}
  virtual std::vector<CameraView> cameras() const { return {}; }
  // Frame step on camera `index` of cameras(): it steps one of its own frames and the
  // transport (and every other camera) moves to the session time of the frame it lands on.
  virtual void step_camera(std::size_t /*index*/, int frames) { step(frames); }

  // ---- the sound heard (app/session_sound.hpp) ----
  // nullopt: the open file's own sound. Otherwise these sounds, placed on the open file's
  // time, mixed in its place (none: silence); the picture, the position and play/pause stay.
  // Kept until the next open(). An engine without sound keeps the default (ignores it).
  virtual Status set_sound(std::optional<std::vector<media::SoundPlacement>> /*sounds*/) { return ok_status(); }
};

}  // namespace triad::app
