#pragma once
// How smooth the window was: the work of each UI frame (events, upload, layout, draw, swap;
// not the pacing sleep), split by whether background work (thumbnails, waveform) was running,
// and when the first picture of the recording reached the screen. The studio prints it with
// TRIAD_STUDIO_STATS=1 so the "frame time <= 33 ms while the overview is computed"
// and "launch to first frame" are measured on the real window path. Pure: durations come in.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"

namespace triad::app {

struct FramePercentiles {
  std::size_t frames = 0;
  TimeUs p50_us = 0;
  TimeUs p95_us = 0;
  TimeUs max_us = 0;
};

class FrameTimings {
 public:
  // One UI frame took `work_us`; `busy`: a background overview job was running meanwhile.
  void add_frame(TimeUs work_us, bool busy);
  // The first picture of the recording was drawn `since_launch_us` after the process began
  // (only the first call counts).
  void first_picture(TimeUs since_launch_us);

  FramePercentiles all() const { return percentiles(all_); }
  FramePercentiles busy() const { return percentiles(busy_); }
  std::optional<TimeUs> first_picture_us() const { return first_picture_us_; }

  // "first picture 412 ms after launch; UI frame work p50 3.1 ms, p95 7.9 ms, max 20.4 ms
  //  over 512 frames (while thumbnails/waveform were made: p95 9.0 ms, max 20.4 ms over 120)"
  std::string summary() const;

  // Nearest-rank percentile (p in 0..100) of unsorted samples; 0 for none.
  static TimeUs percentile(std::vector<TimeUs> samples, double p);

 private:
  static FramePercentiles percentiles(const std::vector<TimeUs>& samples);
  std::vector<TimeUs> all_, busy_;
  std::optional<TimeUs> first_picture_us_;
};

}  // namespace triad::app
