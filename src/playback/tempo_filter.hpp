#pragma once
// Changes audio speed while keeping its pitch, for 0.25x-2x playback: libavfilter's
// atempo (one instance covers 0.5-2; two chained cover 0.25-0.5). Works on interleaved
// samples in the sink's format, so it sits between the pipeline and the audio sink.
// Not thread-safe: used by the player thread only.
#include <cstdint>
#include <memory>
#include <vector>

#include "base/result.hpp"
#include "media/pipeline_source.hpp"

namespace triad::playback {

class TempoFilter {
 public:
  // speed in [0.25, 2]; outside that range (or for 1.0, which needs no filter) fails.
  static Result<std::unique_ptr<TempoFilter>> create(media::AudioFormat format, double speed);
  ~TempoFilter();
  TempoFilter(const TempoFilter&) = delete;
  TempoFilter& operator=(const TempoFilter&) = delete;

  double speed() const { return speed_; }
  // Feeds `frames` interleaved frames and appends whatever output is ready to `out`
  // (atempo works in overlapping windows, so output lags input by a few tens of ms).
  // Returns the number of frames appended.
  Result<std::int64_t> process(const std::uint8_t* data, std::int64_t frames, std::vector<std::uint8_t>& out);

 private:
  struct Graph;
  TempoFilter(std::unique_ptr<Graph> graph, media::AudioFormat format, double speed);
  std::unique_ptr<Graph> graph_;
  media::AudioFormat format_;
  double speed_;
};

}  // namespace triad::playback
