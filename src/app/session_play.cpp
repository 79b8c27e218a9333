#include "app/session_play.hpp"

#include <chrono>
#include <thread>

#include "app/player_media.hpp"
#include "app/recordings.hpp"
#include "base/process_cpu.hpp"
#include "core/recording_clock.hpp"
#include "playback/clock.hpp"
#include "playback/null_sinks.hpp"

namespace triad::app {

namespace {

constexpr int kMaxCameras = 4;  // as the window shows


using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Mean time of exact seeks to `count` positions spread over [from, to), each until every
// camera shows its frame (settle waits for the others too).
Result<double> time_seeks(PlayerMedia& media, int count, TimeUs from, TimeUs to) {
  if (count <= 0 || to <= from) return 0.0;
  double total = 0;
  for (int i = 0; i < count; ++i) {
    // Spread and out of order, so no seek lands in the previous one's GOP.
    const TimeUs t = from + (to - from) * ((i * 7) % count) / count + 13'337;
    const auto t0 = Clock::now();
    media.seek(t);
    if (!media.settle(30'000'000)) return make_error("A seek to " + format_time(t) + " did not land in 30 s.");
    total += ms_since(t0);
  }
  return total / count;
}

}  // namespace

Result<SessionPlayReport> play_session_headless(store::Library& lib, RowId session_id, const SessionPlayOptions& o) {
  auto recs = list_recordings(lib, session_id);
  if (!recs) return recs.error();
  const Recording* clock = session_clock(*recs);
  if (clock == nullptr) return make_error("This session has no recording to play.");
  std::vector<Recording> others;
  for (const auto& r : *recs)
    if (r.id != clock->id && r.role == RecordingRole::Camera && others.size() + 1 < kMaxCameras) others.push_back(r);

  playback::SteadyClock device;
  playback::NullAudioSink audio(device, media::AudioFormat{}, 48000 / 4);
  playback::NullVideoSink video;
  std::vector<playback::NullVideoSink> other_sinks(others.size());
  std::vector<playback::VideoSink*> sinks;
  for (auto& s : other_sinks) sinks.push_back(&s);
  PlayerMedia media(&audio, &video, sinks);
  auto info = media.open(clock->path);
  if (!info) return info.error();
  const TimeUs end = std::min(info->duration_us, o.start_us + o.seconds_us);

  SessionPlayReport report;
  if (o.seeks > 0) {
    auto one = time_seeks(media, o.seeks, 0, info->duration_us);
    if (!one) return one.error();
    report.seek_one_ms = *one;
  }
  media.set_cameras(*clock, others);
  const SoundChoice sound = o.sound.value_or(load_sound_choice(lib, session_id));
  auto beside = sound_beside(*recs, *clock, sound);
  if (!beside) return beside.error();
  if (auto st = media.set_sound(*beside); !st) return st.error();
  if (o.seeks > 0) {
    auto all = time_seeks(media, o.seeks, 0, info->duration_us);
    if (!all) return all.error();
    report.seek_all_ms = *all;
  }

  media.seek(o.start_us);
  if (!media.settle(30'000'000)) return make_error("The start at " + format_time(o.start_us) + " did not land in 30 s.");
  const auto before = media.snapshot().stats;
  const std::int64_t heard_before = audio.frames_played();
  std::vector<CameraView> start_views = media.cameras();
  const double cpu0 = process_cpu_seconds();
  const auto t0 = Clock::now();
  media.play();
  // The window's pace: the UI thread looks in every frame; the players run on their own.
  while (media.position() < end && !media.error()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    media.update();
    if (!media.playing() && !media.snapshot().buffering) break;  // the end of the clock's file
  }
  media.pause();
  report.wall_seconds = ms_since(t0) / 1000;
  report.cpu_seconds = process_cpu_seconds() - cpu0;
  media.update();
  if (auto e = media.error()) return *e;
  report.start_us = o.start_us;
  report.sound = sound_phrase(*recs, sound);
  report.sound_frames = audio.frames_played() - heard_before;
  report.end_us = media.position();
  const auto after = media.snapshot().stats;
  report.cameras.push_back({camera_name(*clock, 1), after.frames_shown - before.frames_shown,
                            after.frames_dropped - before.frames_dropped});
  const auto views = media.cameras();
  for (std::size_t i = 0; i < views.size(); ++i) {
    const auto& v = views[i];
    if (v.where == CameraView::Where::Failed) return make_error(v.recording.path + ": " + v.error);
    report.cameras.push_back({camera_name(v.recording, i + 2),
                              v.frames_shown - start_views[i].frames_shown,
                              v.frames_dropped - start_views[i].frames_dropped});
  }
  return report;
}

}  // namespace triad::app
