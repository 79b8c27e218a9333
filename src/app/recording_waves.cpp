#include "app/recording_waves.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace triad::app {
namespace {

const Recording* find(const std::vector<Recording>& recordings, RowId id) {
  // The clock (first) draws its sound in the Sound lane, not in a row of its own.
  for (std::size_t i = 1; i < recordings.size(); ++i)
    if (recordings[i].id == id) return &recordings[i];
  return nullptr;
}

}  // namespace

std::vector<std::pair<RowId, media::Waveform>> RecordingWaves::update(const std::vector<Recording>& recordings,
                                                                       bool playing) {
  std::vector<std::pair<RowId, media::Waveform>> out;
  for (auto it = settled_.begin(); it != settled_.end();) {
    const Recording* r = find(recordings, it->first);
    if (r && r->path == it->second) {
      ++it;
      continue;
    }
    dropped_.push_back(it->first);
    it = settled_.erase(it);
  }
  if (job_) {
    const Recording* r = find(recordings, job_for_);
    if (!r || r->path != job_->path().string()) {
      job_.reset();  // its recording went (or is another file now): cancelled and joined here
    } else if (job_->done()) {
      if (auto w = job_->take_waveform()) out.emplace_back(job_for_, std::move(*w));
      settled_[job_for_] = r->path;
      job_.reset();
    } else {
      job_->set_playback_busy(playing);
    }
  }
  if (!job_)
    for (std::size_t i = 1; i < recordings.size(); ++i) {
      const Recording& r = recordings[i];
      if (settled_.count(r.id)) continue;
      std::error_code ec;
      if (r.path.empty() || !std::filesystem::is_regular_file(r.path, ec)) {
        settled_[r.id] = r.path;  // missing: no wave (the Recordings section offers to relink it)
        continue;
      }
      job_ = std::make_unique<OverviewJob>(r.path, 0, buckets_);
      job_->set_playback_busy(playing);
      job_for_ = r.id;
      break;
    }
  return out;
}

bool RecordingWaves::all_made(const std::vector<Recording>& recordings) const {
  for (std::size_t i = 1; i < recordings.size(); ++i) {
    auto it = settled_.find(recordings[i].id);
    if (it == settled_.end() || it->second != recordings[i].path) return false;
  }
  return true;
}

std::vector<RowId> RecordingWaves::take_dropped() {
  std::vector<RowId> out;
  out.swap(dropped_);
  return out;
}

std::string RecordingWaves::progress() const {
  const int p = job_ ? job_->percent() : -1;
  return p < 0 ? std::string() : std::to_string(p) + "%";
}

}  // namespace triad::app
