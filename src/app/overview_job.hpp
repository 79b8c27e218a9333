#pragma once
// The timeline's overview, computed in the background when a recording opens: the
// waveform peaks first (cached by the media layer), then a strip of keyframe
// thumbnails. The worker never touches the UI: the UI thread polls progress(), takes
// finished thumbnails with take_thumbnails() (bounded: the worker waits while a few
// full-size frames are pending) and reads waveform() once ready. Cancelled and joined
// by the destructor.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/time.hpp"
#include "media/thumbnails.hpp"
#include "media/waveform.hpp"

namespace triad::app {

class OverviewJob {
 public:
  // `on_stage` (tests) is called on the worker as each stage starts ("Pictures", "Sound").
  OverviewJob(std::filesystem::path path, int thumbnails, int wave_buckets,
              std::function<void(const std::string& stage)> on_stage = {});
  ~OverviewJob();
  OverviewJob(const OverviewJob&) = delete;
  OverviewJob& operator=(const OverviewJob&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // "Sound 40%", "Pictures 12/48", or "" when done.
  std::string progress() const;
  // How far the current stage is, 0-100; -1 when no stage runs (not started, or done).
  int percent() const;
  bool done() const { return done_.load(); }
  // Once done: the sentence saying why the overview stopped early, or "" when it did not.
  // Files without sound or pictures are not errors (they simply have no waveform/strip).
  std::string error() const;
  // Thumbnails finished since the last call (at most `max`), in index order.
  std::vector<media::Thumbnail> take_thumbnails(std::size_t max);
  // The waveform once computed (nullopt before, or when the file has no sound).
  std::optional<media::Waveform> take_waveform();
  // While the lesson plays, the worker pauses briefly between pictures and between
  // percents of the sound pass, so on two cores the playing picture and the window keep
  // the processor (the overview then takes a few seconds longer).
  void set_playback_busy(bool busy) { playback_busy_ = busy; }

 private:
  void run();
  void yield_while_playing();  // see set_playback_busy

  std::filesystem::path path_;
  int thumb_count_;
  int buckets_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> done_{false};
  std::atomic<bool> playback_busy_{false};
  mutable std::mutex mutex_;
  std::condition_variable room_;
  std::deque<media::Thumbnail> thumbs_;     // guarded by mutex_
  std::optional<media::Waveform> wave_;     // guarded by mutex_
  std::string stage_;                       // guarded by mutex_
  std::string error_;                       // guarded by mutex_
  std::function<void(const std::string&)> on_stage_;
  double fraction_ = 0;                     // guarded by mutex_
  std::thread worker_;
};

}  // namespace triad::app
