#pragma once
// The window's VideoSink. present() runs on the player thread and only keeps a
// reference to the newest frame; the UI thread uploads it to the renderer in
// upload_pending() ("call down, wake up": the player never touches GL).
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "gfx/video_renderer.hpp"
#include "playback/sinks.hpp"

namespace triad::gfx {

class GlVideoSink final : public playback::VideoSink {
 public:
  void present(const std::shared_ptr<const media::VideoFrame>& frame, TimeUs pts_us) override;
  // Called on the player thread after each present(), so an idle UI loop waiting for events
  // wakes for the new picture. Set it before the player starts.
  void set_wakeup(std::function<void()> wake) { wake_ = std::move(wake); }

  // UI thread: uploads the newest frame if it changed since the last call. Returns
  // true when a new picture was uploaded; an upload failure is kept in `error`.
  bool upload_pending(VideoRenderer& renderer, std::string* error = nullptr);
  TimeUs shown_pts_us() const { return shown_pts_; }
  std::uint64_t presented() const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const media::VideoFrame> pending_;  // guarded by mutex_
  TimeUs pending_pts_ = -1;                           // guarded by mutex_
  std::uint64_t generation_ = 0;                      // guarded by mutex_
  std::uint64_t uploaded_generation_ = 0;             // UI thread only
  TimeUs shown_pts_ = -1;                             // UI thread only
  std::function<void()> wake_;                        // set before the player starts
};

}  // namespace triad::gfx
