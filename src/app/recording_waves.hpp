#pragma once
// The sound of every recording besides the session clock, for the timeline's recording
// rows (issue 15: a waveform per recording, so a microphone placed on the clock can be seen
// to line up with it). One background job at a time (app/overview_job.hpp, sound only), in
// the session's order, so the window's two cores are never both taken from playback.
// A recording whose file is missing or has no sound gets no wave, without a word (its row
// already says where it is). Used from the window's thread only.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/overview_job.hpp"
#include "core/model.hpp"
#include "media/waveform.hpp"

namespace triad::app {

class RecordingWaves {
 public:
  explicit RecordingWaves(int buckets) : buckets_(buckets) {}

  // Once per frame, with the session's recordings (the clock first): forgets the recordings
  // gone or moved to another file (take_dropped), ends a job whose recording went, starts the
  // next when none runs, and returns the waves finished since the last call.
  std::vector<std::pair<RowId, media::Waveform>> update(const std::vector<Recording>& recordings, bool playing);
  // The recordings forgotten since the last call: the caller drops what it drew for them.
  std::vector<RowId> take_dropped();
  // The recording whose sound is being read (0: none) and how far ("40%"; "" when idle).
  RowId busy_for() const { return job_ ? job_for_ : 0; }
  // Whether every recording besides the clock has its wave (or cannot have one).
  bool all_made(const std::vector<Recording>& recordings) const;
  std::string progress() const;

 private:
  int buckets_;
  std::unique_ptr<OverviewJob> job_;
  RowId job_for_ = 0;
  std::map<RowId, std::string> settled_;  // recording -> the file whose wave was made, or cannot be
  std::vector<RowId> dropped_;
};

}  // namespace triad::app
