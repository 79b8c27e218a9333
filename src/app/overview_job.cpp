#include "app/overview_job.hpp"

#include <chrono>

#include "app/background_priority.hpp"
#include "base/worker_guard.hpp"
#include "media/frame_shrink.hpp"

namespace triad::app {

OverviewJob::OverviewJob(std::filesystem::path path, int thumbnails, int wave_buckets,
                         std::function<void(const std::string& stage)> on_stage)
    : path_(std::move(path)), thumb_count_(thumbnails), buckets_(wave_buckets), on_stage_(std::move(on_stage)) {
  worker_ = std::thread([this] {
    lower_this_thread_priority();
    run();
  });
}

OverviewJob::~OverviewJob() {
  cancel_ = true;
  room_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void OverviewJob::run() {
  // Errors are not fatal here: a file without sound simply has no waveform, and the
  // player already reports files that cannot be opened at all. An exception is: it ends
  // the job with a sentence (error()) instead of ending the program.
  auto guarded = run_guarded("the overview of " + path_.filename().string(), [&] {
    // Pictures first: the strip reads a handful of keyframes through the index and fills in
    // within a second, while the sound needs a decode of the whole track.
    {
      std::lock_guard lock(mutex_);
      stage_ = "Pictures";
    }
    if (on_stage_) on_stage_("Pictures");
    (void)media::make_thumbnails(
        path_, thumb_count_,
        [this](const media::Thumbnail& t) -> Status {
          // Shrunk here, on the worker: the window then uploads a small picture, not a
          // full-size keyframe, in the middle of a UI frame (the strip draws them 90 points
          // high; 180 pixels keeps them sharp on a HiDPI screen).
          media::Thumbnail small = t;
          small.frame = media::shrink_frame(t.frame, 180);
          yield_while_playing();
          std::unique_lock lock(mutex_);
          room_.wait(lock, [this] { return thumbs_.size() < 4 || cancel_.load(); });
          if (cancel_) return make_error("cancelled");
          thumbs_.push_back(std::move(small));
          fraction_ = static_cast<double>(t.index + 1) / thumb_count_;
          return ok_status();
        },
        [this](double) { return !cancel_.load(); });
    if (!cancel_) {  // a cancelled job still ends below (stage cleared, done set)
      {
        std::lock_guard lock(mutex_);
        stage_ = "Sound";
        fraction_ = 0;
      }
      if (on_stage_) on_stage_("Sound");
      media::WaveformOptions wo;
      wo.progress = [this](double f) {
        {
          std::lock_guard lock(mutex_);
          fraction_ = f;
        }
        yield_while_playing();
        return !cancel_.load();
      };
      auto wave = media::compute_waveform(path_, buckets_, wo);
      if (wave) {
        std::lock_guard lock(mutex_);
        wave_ = std::move(*wave);
      }
    }
  });
  std::lock_guard lock(mutex_);
  if (!guarded) error_ = guarded.error().message;
  stage_.clear();
  done_ = true;
}

void OverviewJob::yield_while_playing() {
  if (!playback_busy_.load()) return;
  // Woken early by cancel (the destructor notifies room_).
  std::unique_lock lock(mutex_);
  room_.wait_for(lock, std::chrono::milliseconds(40), [this] { return cancel_.load(); });
}

std::string OverviewJob::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

int OverviewJob::percent() const {
  std::lock_guard lock(mutex_);
  return stage_.empty() ? -1 : static_cast<int>(fraction_ * 100);
}

std::string OverviewJob::progress() const {
  std::lock_guard lock(mutex_);
  if (stage_.empty()) return {};
  return stage_ + " " + std::to_string(static_cast<int>(fraction_ * 100)) + "%";
}

std::vector<media::Thumbnail> OverviewJob::take_thumbnails(std::size_t max) {
  std::vector<media::Thumbnail> out;
  {
    std::lock_guard lock(mutex_);
    while (!thumbs_.empty() && out.size() < max) {
      out.push_back(std::move(thumbs_.front()));
      thumbs_.pop_front();
    }
  }
  room_.notify_all();
  return out;
}

std::optional<media::Waveform> OverviewJob::take_waveform() {
  std::lock_guard lock(mutex_);
  std::optional<media::Waveform> w;
  w.swap(wave_);
  return w;
}

}  // namespace triad::app
