// The workstation's transport commands: opening a recording, play, seek, step, speed,
// shuttle, loops and the timeline's view (see workstation.hpp).
#include "app/workstation.hpp"

#include <algorithm>

#include "app/comment_actions.hpp"
#include "app/comment_json.hpp"
#include "base/parse.hpp"
#include "base/text.hpp"
#include "store/workflow.hpp"

namespace triad::app {

namespace {

constexpr int kSpeeds[] = {25, 50, 75, 100, 125, 150, 200};  // the speed keys' steps, in percent

}  // namespace

// ---------------------------------------------------------------------------------------
// media and transport (the table checks that a recording is open where one is needed)

Result<Outcome> Workstation::cmd_open(const Command& c) {
  if (c.args.empty()) return make_error("Usage: open PATH.");
  if (auto st = open_media(c.args[0]); !st) return st.error();
  return done("Opened " + std::filesystem::path(c.args[0]).filename().string() + ".");
}

Result<Outcome> Workstation::cmd_play(const Command& c) {
  media_.play();
  Outcome o;
  if (!c.args.empty()) {
    auto ms = parse_int(c.args[0], 0, 86'400'000, "the play time in milliseconds");
    if (!ms) return ms.error();
    o.wait_us = millis_us(*ms);
  }
  return o;
}

Result<Outcome> Workstation::cmd_shuttle_way(const Command& c) {
  const std::string way = c.args.empty() ? "" : c.args[0];
  if (way == "back" || way == "backward" || way == "reverse") return cmd_shuttle(ShuttleKey::Back);
  if (way == "forward") return cmd_shuttle(ShuttleKey::Forward);
  if (way == "stop") return cmd_shuttle(ShuttleKey::Stop);
  return make_error("Usage: shuttle back|stop|forward (the J, K and L keys).");
}

Result<Outcome> Workstation::cmd_scrub(const Command& c) {  // timeline dragging: previews, exact on release
  auto t = parse_time(c.args.empty() ? "" : c.args[0]);
  if (!t) return t.error();
  if (c.name == "scrub") media_.scrub_to(clamp_time(*t));
  else media_.end_scrub(clamp_time(*t));
  return done();
}

Result<Outcome> Workstation::cmd_end(const Command&) {
  TimeUs d = media_info_ ? media_info_->duration_us : 0;
  TimeUs fd = media_info_ && media_info_->frame_duration_us > 0 ? media_info_->frame_duration_us : 40000;
  media_.seek(std::max<TimeUs>(0, d - fd));
  return done();
}

Result<Outcome> Workstation::cmd_step(const Command& c) {
  std::string_view frames = c.args.empty() ? "1" : std::string_view(c.args[0]);
  if (frames.size() > 1 && frames.front() == '+') frames.remove_prefix(1);  // "step +1", as the keys say
  auto k = parse_int(frames, -1000, 1000, "the number of frames");
  if (!k) return k.error();
  // The focused camera steps one of its own frames; the others follow to its time.
  if (focused_camera_ > 0)
    media_.step_camera(focused_camera_ - 1, static_cast<int>(*k));
  else
    media_.step(static_cast<int>(*k));
  return done();
}

Result<Outcome> Workstation::cmd_speed(const Command& c) {
  int p = speed_percent_;
  if (c.name == "speed") {
    const std::string a = c.args.empty() ? "" : c.args[0];
    auto t = parse_time(a);  // "1.25" read as seconds -> exact hundredths
    if (!t) return make_error("Speed must be a number such as 0.5, 1 or 1.5, not '" + a + "'.");
    p = static_cast<int>(*t / 10000);
    if (p < 25 || p > 200) return make_error("Speed must be between 0.25 and 2.");
  } else if (c.name == "faster") {
    for (int s : kSpeeds)
      if (s > p) {
        p = s;
        break;
      }
  } else {
    for (auto it = std::rbegin(kSpeeds); it != std::rend(kSpeeds); ++it)
      if (*it < p) {
        p = *it;
        break;
      }
  }
  speed_percent_ = p;
  media_.set_speed_percent(p);
  return done("Speed " + speed_label(p));
}

Result<Outcome> Workstation::cmd_loop(const Command& c) {
  if (c.name == "loop-a") {
    loop_a_ = media_.position();
    if (loop_b_ && *loop_b_ <= *loop_a_) loop_b_.reset();
    return done("Loop starts at " + format_time(*loop_a_));
  }
  if (c.name == "loop-b") {
    const TimeUs b = media_.position();
    if (!loop_a_ || b <= *loop_a_) return make_error("Set the loop start (A) before a later loop end (B).");
    loop_b_ = b;
    return done("Loop ends at " + format_time(b));
  }
  loop_a_.reset();
  loop_b_.reset();
  return done("Loop cleared.");
}

Result<Outcome> Workstation::cmd_zoom(const Command& c) {  // zoom FACTOR around the playhead: 2 = closer, 0.5 = wider
  const TimeUs dur = media_info_ ? media_info_->duration_us : 0;
  if (dur <= 0) return done();
  TimeUs span = timeline_.span_us > 0 ? timeline_.span_us : dur;
  auto t = parse_time(c.args.empty() ? "" : c.args[0]);
  if (!t || *t <= 0) return make_error("Usage: zoom FACTOR (2 zooms in, 0.5 zooms out).");
  span = std::clamp<TimeUs>(static_cast<TimeUs>(static_cast<long double>(span) * kUsPerSecond / *t),
                            seconds_us(5), dur);
  timeline_.span_us = span >= dur ? 0 : span;
  timeline_.start_us = std::clamp<TimeUs>(media_.position() - span / 2, 0, std::max<TimeUs>(0, dur - span));
  return done();
}

// view START [SPAN|all]: the timeline shows SPAN from START (the whole recording for "all"
// or no SPAN). The timeline panel's wheel zoom, Shift+wheel pan and right-drag send this, so
// a script can put the view anywhere a hand can.
Result<Outcome> Workstation::cmd_view(const Command& c) {
  if (c.args.empty() || c.args.size() > 2) return make_error("Usage: view START [SPAN|all].");
  auto start = parse_time(c.args[0]);
  if (!start) return start.error();
  TimeUs span = 0;
  if (c.args.size() == 2 && c.args[1] != "all") {
    auto s = parse_time(c.args[1]);
    if (!s) return s.error();
    if (*s <= 0) return make_error("The timeline's span must be more than zero seconds.");
    span = *s;
  }
  const TimeUs dur = media_info_ ? media_info_->duration_us : 0;
  if (dur <= 0) return done();
  if (span > 0) span = std::clamp<TimeUs>(span, std::min<TimeUs>(seconds_us(5), dur), dur);
  timeline_.span_us = span >= dur ? 0 : span;
  const TimeUs shown = timeline_.span_us > 0 ? timeline_.span_us : dur;
  timeline_.start_us = timeline_.span_us > 0 ? std::clamp<TimeUs>(*start, 0, dur - shown) : 0;
  return done();
}

// While playing zoomed in, the view pages along with the playhead (a tenth of the span stays
// behind it), so the moment being watched never leaves the timeline.
void Workstation::follow_playhead() {
  const TimeUs dur = media_info_ ? media_info_->duration_us : 0;
  const TimeUs span = timeline_.span_us;
  if (span <= 0 || dur <= 0 || !media_.playing()) return;
  const TimeUs at = media_.position();
  if (at >= timeline_.start_us && at <= timeline_.start_us + span) return;
  timeline_.start_us = std::clamp<TimeUs>(at - span / 10, 0, std::max<TimeUs>(0, dur - span));
}

// J/K/L shuttle (app/shuttle.hpp holds the rules).
Result<Outcome> Workstation::cmd_shuttle(ShuttleKey key) {
  Shuttle now;
  now.direction = media_.reverse_percent() > 0 ? -1 : media_.playing() ? 1 : 0;
  now.forward_percent = speed_percent_;
  now.reverse_percent = std::max(100, media_.reverse_percent());
  const Shuttle next = shuttle_press(now, key);
  if (next.direction > 0) {
    if (next.forward_percent != speed_percent_) {
      speed_percent_ = next.forward_percent;
      media_.set_speed_percent(speed_percent_);
    }
    media_.play();
    // L says how fast; Space and K just resume, as they always did.
    return done(key == ShuttleKey::Forward ? "Forward " + speed_label(speed_percent_) : std::string());
  }
  if (next.direction < 0) {
    if (media_.position() <= 0) {
      media_.pause();
      return done("At the start.");
    }
    media_.play_reverse(next.reverse_percent);
    if (media_.reverse_percent() == 0) return make_error("This recording cannot be played backwards: it has no picture.");
    return done("Backwards " + speed_label(next.reverse_percent));
  }
  media_.pause();
  return done();
}

}  // namespace triad::app
