#pragma once
// A player without decoding: 25 fps (a keyframe each second for scrub previews), a
// position that moves only when the test says so, and a list of files that "cannot be played" to check error paths.
#include <algorithm>
#include <set>
#include <vector>

#include "app/media_port.hpp"

namespace triad::test {

class FakeMedia : public app::MediaPort {
 public:
  static constexpr TimeUs kFrame = 40000;
  TimeUs duration = seconds_us(600);
  std::set<std::string> broken;

  Result<app::MediaInfo> open(const std::string& path) override {
    if (broken.count(path)) return make_error("Cannot open " + path + ": it is not a video or audio file Triad can play.", ErrorKind::kUnsupported);
    open_ = true;
    pos_ = 0;
    playing_ = false;
    reverse_ = 0;
    app::MediaInfo i;
    i.path = path;
    i.duration_us = duration;
    i.frame_duration_us = kFrame;
    i.width = 320;
    i.height = 240;
    i.has_video = true;
    return i;
  }
  void close() override { open_ = false; }
  bool is_open() const override { return open_; }
  void play() override {
    playing_ = true;
    reverse_ = 0;
  }
  void pause() override {
    playing_ = false;
    reverse_ = 0;
  }
  bool playing() const override { return playing_; }
  void play_reverse(int percent) override {
    playing_ = false;
    reverse_ = pos_ > 0 ? percent : 0;
  }
  int reverse_percent() const override { return reverse_; }
  void seek(TimeUs t) override {
    reverse_ = 0;
    pos_ = std::clamp<TimeUs>(t / kFrame * kFrame, 0, duration);
  }
  // Scrubbing as an engine with previews does it: while dragging, the picture is the
  // keyframe at or before the pointer (one every kKeyframe), not the exact frame; the
  // release seeks exactly. Each call is recorded, so tests see which path ran.
  static constexpr TimeUs kKeyframe = 1'000'000;
  void scrub_to(TimeUs t) override {
    scrubbed.push_back(t);
    playing_ = false;
    reverse_ = 0;
    pos_ = std::clamp<TimeUs>(t / kKeyframe * kKeyframe, 0, duration);
  }
  void end_scrub(TimeUs t) override {
    scrub_ended.push_back(t);
    seek(t);
  }
  std::vector<TimeUs> scrubbed, scrub_ended;

  void step(int n) override {
    playing_ = false;
    seek(pos_ + n * kFrame);
  }
  void set_speed_percent(int p) override { speed = p; }
  void set_volume_percent(int p) override { volume = p; }
  TimeUs position() const override { return pos_; }
  void update() override {}
  std::optional<Error> error() const override { return std::nullopt; }

  // Test control: playback advances only here (at the current speed; backwards at the
  // reverse rate, stopping at 0).
  void advance(TimeUs wall_us) {
    if (playing_) pos_ = std::min(duration, pos_ + wall_us * speed / 100);
    if (reverse_ > 0) {
      pos_ = std::max<TimeUs>(0, pos_ - wall_us * reverse_ / 100);
      if (pos_ == 0) reverse_ = 0;
    }
  }
  int speed = 100;
  int volume = 100;

 private:
  bool open_ = false;
  bool playing_ = false;
  int reverse_ = 0;  // percent while playing backwards
  TimeUs pos_ = 0;
};

}  // namespace triad::test
