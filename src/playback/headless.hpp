#pragma once
// Real-time playback with the null sinks: the real pipeline and engine, paced by the
// steady clock, no window and no sound card. Used by `triad play --headless` and by the
// `bench-play` benchmark to measure dropped frames, A/V offset and CPU cost.
#include <cstdint>
#include <filesystem>

#include "base/result.hpp"
#include "base/time.hpp"

namespace triad::playback {

struct HeadlessOptions {
  TimeUs start_us = 0;
  TimeUs seconds_us = 10'000'000;  // media time to play (wall time = this / speed)
  double speed = 1.0;
  int video_threads = 0;  // 0 = as the player: chosen from the core count (media::PipelineOptions)
  bool audio = true;  // false: ignore the audio track (video paced by the wall clock)
};

struct HeadlessReport {
  TimeUs start_us = 0;
  TimeUs end_us = 0;            // position when playback stopped
  TimeUs duration_us = 0;       // of the file
  bool reached_end = false;
  bool has_video = false;
  bool has_audio = false;
  std::int64_t frames_shown = 0;     // presented while playing (the preroll frame excluded)
  std::int64_t frames_dropped = 0;
  TimeUs av_offset_max_us = 0;
  TimeUs av_offset_mean_us = 0;
  std::int64_t audio_underrun_frames = 0;  // silence the null device played for lack of data
  int audio_rate = 0;
  double wall_seconds = 0;
  double cpu_seconds = 0;            // user + system of the whole process while playing
  double time_to_first_frame_s = 0;  // open + exact seek to start + first frame
  std::string error;                 // a worker's fatal error, if any
};

Result<HeadlessReport> play_headless(const std::filesystem::path& path, const HeadlessOptions& options);

}  // namespace triad::playback
