#include "playback/headless.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "base/process_cpu.hpp"
#include "media/pipeline.hpp"
#include "playback/null_sinks.hpp"
#include "playback/player.hpp"

namespace triad::playback {

Result<HeadlessReport> play_headless(const std::filesystem::path& path, const HeadlessOptions& options) {
  if (!(options.speed >= 0.25 && options.speed <= 2.0)) {
    return make_error("The speed must be between 0.25 and 2.", ErrorKind::kUsage);
  }
  SteadyClock clock;
  const TimeUs t0 = clock.now_us();
  media::PipelineOptions popt;
  popt.audio = options.audio;
  popt.video_threads = options.video_threads;
  popt.audio_format = media::AudioFormat{48000, 2, media::SampleFormat::F32};
  auto pipeline = media::Pipeline::open(path, popt);
  if (!pipeline) return pipeline.error();

  // A 200 ms device buffer, like a typical SDL audio queue.
  NullAudioSink audio(clock, popt.audio_format, popt.audio_format.sample_rate / 5);
  NullVideoSink video;
  Player player(clock, &audio, &video);
  HeadlessReport report;
  report.start_us = options.start_us;
  report.duration_us = pipeline.value()->info().duration_us;
  report.has_video = pipeline.value()->info().has_video;
  report.has_audio = pipeline.value()->info().has_audio;
  report.audio_rate = popt.audio_format.sample_rate;
  player.open(std::move(pipeline.value()), options.start_us);
  player.set_speed(options.speed);

  // Wait for the exact frame at the start (bounded: a broken file must not hang us).
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (player.snapshot().buffering && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  PlayerSnapshot snap = player.snapshot();
  if (snap.buffering) {
    return make_error("Playback of " + path.filename().string() + " did not start within 20 seconds.", ErrorKind::kTimeout);
  }
  report.time_to_first_frame_s = static_cast<double>(clock.now_us() - t0) / 1e6;
  const std::int64_t preroll_shown = snap.stats.frames_shown;
  const std::int64_t preroll_underrun = audio.underrun_frames();

  const double cpu0 = process_cpu_seconds();
  const TimeUs wall0 = clock.now_us();
  player.play();
  const TimeUs target = options.start_us + options.seconds_us;
  const TimeUs wall_limit = wall0 + static_cast<TimeUs>(static_cast<double>(options.seconds_us) / options.speed) + 5'000'000;
  while (true) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    snap = player.snapshot();
    if (!snap.playing || snap.position_us >= target) break;
    // Stalled (audio master starved by a decoder that cannot keep up): stop honestly.
    if (clock.now_us() > wall_limit) break;
  }
  player.pause();
  const TimeUs wall1 = clock.now_us();
  const double cpu1 = process_cpu_seconds();
  snap = player.snapshot();

  report.end_us = snap.position_us;
  report.reached_end = snap.at_end;
  report.frames_shown = snap.stats.frames_shown - preroll_shown;
  report.frames_dropped = snap.stats.frames_dropped;
  report.av_offset_max_us = snap.stats.av_offset_max_us;
  report.av_offset_mean_us = snap.stats.av_offset_mean_us();
  report.audio_underrun_frames = audio.underrun_frames() - preroll_underrun;
  report.wall_seconds = static_cast<double>(wall1 - wall0) / 1e6;
  report.cpu_seconds = cpu1 - cpu0;
  if (snap.last_error) report.error = snap.last_error->message;
  return report;
}

}  // namespace triad::playback
