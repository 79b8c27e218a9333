#include "gfx/gl_video_sink.hpp"

#include "gfx/frame_picture.hpp"

namespace triad::gfx {

void GlVideoSink::present(const std::shared_ptr<const media::VideoFrame>& frame, TimeUs pts_us) {
  {
    std::lock_guard lock(mutex_);
    pending_ = frame;
    pending_pts_ = pts_us;
    ++generation_;
  }
  if (wake_) wake_();
}

std::uint64_t GlVideoSink::presented() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

bool GlVideoSink::upload_pending(VideoRenderer& renderer, std::string* error) {
  std::shared_ptr<const media::VideoFrame> frame;
  TimeUs pts = -1;
  {
    std::lock_guard lock(mutex_);
    if (generation_ == uploaded_generation_) return false;
    uploaded_generation_ = generation_;
    frame = pending_;
    pts = pending_pts_;
  }
  if (!frame) return false;
  auto view = picture_of(*frame);
  if (!view) return false;
  auto st = renderer.upload(*view);
  if (!st) {
    if (error) *error = st.error().message;
    return false;
  }
  shown_pts_ = pts;
  return true;
}

}  // namespace triad::gfx
