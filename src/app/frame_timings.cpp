#include "app/frame_timings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace triad::app {

void FrameTimings::add_frame(TimeUs work_us, bool busy) {
  all_.push_back(work_us);
  if (busy) busy_.push_back(work_us);
}

void FrameTimings::first_picture(TimeUs since_launch_us) {
  if (!first_picture_us_) first_picture_us_ = since_launch_us;
}

TimeUs FrameTimings::percentile(std::vector<TimeUs> samples, double p) {
  if (samples.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
  const std::size_t i = std::clamp<std::size_t>(rank, 1, samples.size()) - 1;
  std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(i), samples.end());
  return samples[i];
}

FramePercentiles FrameTimings::percentiles(const std::vector<TimeUs>& samples) {
  FramePercentiles out;
  out.frames = samples.size();
  if (samples.empty()) return out;
  out.p50_us = percentile(samples, 50);
  out.p95_us = percentile(samples, 95);
  out.max_us = *std::max_element(samples.begin(), samples.end());
  return out;
}

namespace {
std::string ms(TimeUs us) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(us) / 1000.0);
  return buf;
}
}  // namespace

std::string FrameTimings::summary() const {
  std::string s = first_picture_us_ ? "first picture " + ms(*first_picture_us_) + " after launch; "
                                    : std::string("no picture shown; ");
  const FramePercentiles a = all();
  s += "UI frame work p50 " + ms(a.p50_us) + ", p95 " + ms(a.p95_us) + ", max " + ms(a.max_us) + " over " +
       std::to_string(a.frames) + " frames";
  const FramePercentiles b = busy();
  if (b.frames > 0)
    s += " (while thumbnails/waveform were made: p95 " + ms(b.p95_us) + ", max " + ms(b.max_us) + " over " +
         std::to_string(b.frames) + ")";
  return s;
}

}  // namespace triad::app
