#include "app/camera_followers.hpp"

#include <algorithm>
#include <cmath>

#include "core/recording_clock.hpp"
#include "media/pipeline.hpp"
#include "media/probe.hpp"
#include "playback/stepper.hpp"

namespace triad::app {

namespace {

// A playing camera whose picture is this far from its own time was moved under it (an A-B
// loop, a meeting loop, a seek while playing): it is sought back rather than left to wait
// for the clock or to drop its way forward.
constexpr TimeUs kAheadLimitUs = 250'000;
constexpr TimeUs kBehindLimitUs = 1'000'000;

// The last time at which a camera still shows a picture: just before its end.
TimeUs last_time(const Recording& r) { return std::max<TimeUs>(0, r.duration_us - 1); }

}  // namespace

void CameraFollowers::open(playback::Player& leader, const Recording& clock, const std::vector<Recording>& others) {
  clear();
  clock_ = clock;
  const TimeUs session_now = session_time_of(clock_, leader.position_now());
  for (std::size_t i = 0; i < others.size(); ++i) {
    auto cam = std::make_unique<Camera>();
    cam->recording = others[i];
    playback::VideoSink* sink = i < sinks_.size() ? sinks_[i] : nullptr;
    cam->player = std::make_unique<playback::Player>(cam->clock, nullptr, sink);
    auto fail = [&](const Error& e) {
      cam->where = CameraView::Where::Failed;
      cam->error = e.message;
    };
    auto probe = media::probe(cam->recording.path);
    if (!probe) {
      fail(probe.error());
    } else if (probe->video() == nullptr) {
      fail(Error{"\"" + cam->recording.path + "\" has no picture to show."});
    } else {
      media::PipelineOptions po;
      po.audio = false;  // one sound plays: the leader's
      po.video = true;
      auto pipeline = media::Pipeline::open(cam->recording.path, po);
      if (!pipeline) {
        fail(pipeline.error());
      } else {
        if (cam->recording.duration_us <= 0) cam->recording.duration_us = (*pipeline)->info().duration_us;
        cam->frame_duration_us = (*pipeline)->info().frame_duration_us;
        std::unique_ptr<playback::FrameStepper> stepper;
        if (auto s = playback::DecoderStepper::open(cam->recording.path)) stepper = std::move(s.value());
        // The leader's clock in this camera's own time. Copies, not references: it runs on
        // the camera's player thread for as long as the camera lives.
        cam->player->set_follow([lead = &leader, clk = clock_, rec = cam->recording]() -> std::optional<TimeUs> {
          return recording_time_at(rec, session_time_of(clk, lead->position_now()));
        });
        const TimeUs start = std::clamp<TimeUs>(recording_time_at(cam->recording, session_now), 0,
                                                last_time(cam->recording));
        cam->player->open(std::move(pipeline.value()), start, std::move(stepper));
        cam->sought = start;
      }
    }
    cams_.push_back(std::move(cam));
  }
}

void CameraFollowers::clear() {
  // Each player thread reads the leader: stop them before anyone destroys the leader.
  cams_.clear();
}

std::optional<TimeUs> CameraFollowers::sync(const playback::PlayerSnapshot& leader) {
  std::optional<TimeUs> move_leader;
  const TimeUs session_now = session_time_of(clock_, leader.position_us);
  for (auto& cp : cams_) {
    Camera& c = *cp;
    if (c.where == CameraView::Where::Failed) continue;
    c.snap = c.player->snapshot();
    if (c.snap.last_error) {
      c.where = CameraView::Where::Failed;
      c.error = c.snap.last_error->message;
      continue;
    }
    // A step on this camera landed: the whole session goes to the time of its new frame.
    if (c.step_pending) {
      // Landed once every step asked for has shown its picture (two steps are two pictures).
      if (c.snap.frame_serial == c.step_serial_before || c.snap.buffering || c.snap.stepping) continue;
      c.step_pending = false;
      const TimeUs session_t = session_time_of(c.recording, c.snap.frame_pts_us);
      const TimeUs leader_t = std::max<TimeUs>(0, recording_time_at(clock_, session_t));
      move_leader = leader_t;
      // Where the leader lands this camera already is: no second seek for it.
      c.media_us = recording_time_at(c.recording, session_time_of(clock_, leader_t));
      c.sought = c.media_us;
      c.where = CameraView::Where::Showing;
      continue;
    }
    if (move_leader) continue;
    const TimeUs target = recording_time_at(c.recording, session_now);
    c.media_us = target;
    c.where = target < 0                            ? CameraView::Where::BeforeStart
              : target >= c.recording.duration_us ? CameraView::Where::AfterEnd
                                                  : CameraView::Where::Showing;
    const bool inside = c.where == CameraView::Where::Showing;
    if (leader.reversing) {
      c.sought.reset();
      const int want = static_cast<int>(std::lround(leader.reverse_rate * 100));
      const int have = c.snap.reversing ? static_cast<int>(std::lround(c.snap.reverse_rate * 100)) : 0;
      if (inside && have != want) {
        c.player->play_reverse(leader.reverse_rate);  // its clock is the leader's: no seek needed
      } else if (!inside && c.snap.reversing) {
        c.player->pause();
      }
    } else if (leader.playing) {
      c.sought.reset();
      if (c.snap.speed != leader.speed) c.player->set_speed(leader.speed);
      if (inside && !c.snap.playing) {
        c.player->seek(target);
        c.player->play();
      } else if (inside && !c.snap.buffering && !leader.buffering && c.snap.frame_pts_us >= 0 &&
                 (c.snap.frame_pts_us > target + kAheadLimitUs || c.snap.frame_pts_us < target - kBehindLimitUs)) {
        c.player->seek(target);
      } else if (!inside && c.snap.playing) {
        c.player->pause();
      }
    } else {
      if (c.snap.playing || c.snap.reversing) c.player->pause();
      const TimeUs want = std::clamp<TimeUs>(target, 0, last_time(c.recording));
      if (!c.sought || *c.sought != want) {
        c.player->seek(want);
        c.sought = want;
      }
    }
  }
  return move_leader;
}

void CameraFollowers::step(std::size_t index, int frames) {
  if (index >= cams_.size() || frames == 0) return;
  Camera& c = *cams_[index];
  if (c.where == CameraView::Where::Failed) return;
  c.step_serial_before = c.player->snapshot().frame_serial;
  c.step_pending = true;
  const int dir = frames < 0 ? -1 : 1;
  for (int i = 0; i < std::abs(frames); ++i) c.player->step(dir);
}

bool CameraFollowers::settled() const {
  for (const auto& cp : cams_) {
    if (cp->where == CameraView::Where::Failed) continue;
    const auto snap = cp->player->snapshot();
    if (snap.last_error) continue;
    if (cp->step_pending) return false;
    if (snap.buffering) return false;
    if (!snap.reversing && !snap.playing && cp->sought && snap.frame_serial == 0) return false;
  }
  return true;
}

std::vector<CameraView> CameraFollowers::views() const {
  std::vector<CameraView> out;
  out.reserve(cams_.size());
  for (const auto& cp : cams_) {
    // The picture shown now, not at the last sync: a seek may have landed since.
    const auto snap = cp->player->snapshot();
    CameraView v;
    v.recording = cp->recording;
    v.where = cp->where;
    v.media_us = cp->media_us;
    v.frame_pts_us = snap.frame_pts_us;
    v.error = cp->error;
    v.frame_duration_us = cp->frame_duration_us;
    v.frames_shown = snap.stats.frames_shown;
    v.frames_dropped = snap.stats.frames_dropped;
    out.push_back(std::move(v));
  }
  return out;
}

playback::PlaybackStats CameraFollowers::stats() const {
  playback::PlaybackStats total;
  for (const auto& cp : cams_) {
    const auto st = cp->player->snapshot().stats;
    total.frames_shown += st.frames_shown;
    total.frames_dropped += st.frames_dropped;
  }
  return total;
}

}  // namespace triad::app
