#pragma once
// Media-internal: mpv's hr-seek-framedrop for exact seeks, shared by VideoDecoder and the
// Pipeline. Pictures before the target are decoded only to be thrown away, so the decoder
// may skip the non-reference ones (AVDISCARD_NONREF) shown more than a margin before it.
// The margin keeps the few pictures that may be the one shown at the target; if the answer
// was left out after all (a longer gap in a variable-rate stream), the caller redoes the seek
// with every picture decoded. Times are media microseconds.
#include <algorithm>
#include <optional>

#include "base/time.hpp"

namespace triad::media {

inline constexpr TimeUs kMinFramedropMarginUs = 100'000;

// How far before the target every picture is decoded: 100 ms, or two and a half frames
// when frames are longer.
inline TimeUs framedrop_margin_us(TimeUs frame_duration_us) {
  return std::max(kMinFramedropMarginUs, frame_duration_us * 5 / 2);
}

// Decides packet by packet which pictures a seek may leave out, and remembers the latest.
class SeekFramedrop {
 public:
  // From now on, non-key pictures shown before `target_us - margin_us` may be left out.
  void start(TimeUs target_us, TimeUs margin_us) { skip_before_ = target_us - margin_us; }
  // Nothing more is left out; what was left out is still remembered.
  void stop() { skip_before_.reset(); }
  // A new seek: nothing left out yet.
  void clear() {
    skip_before_.reset();
    skipped_max_.reset();
  }
  bool active() const { return skip_before_.has_value(); }

  // Whether the packet of a picture shown at `pts_us` (nullopt: unknown) may be left out.
  bool skip(bool keyframe, std::optional<TimeUs> pts_us) {
    if (!skip_before_ || keyframe || !pts_us || *pts_us >= *skip_before_) return false;
    skipped_max_ = std::max(skipped_max_.value_or(*pts_us), *pts_us);
    return true;
  }
  // The latest pts of a picture left out, if any.
  const std::optional<TimeUs>& skipped_max() const { return skipped_max_; }
  // A picture left out was shown after `shown_us` (or nothing is shown): it may be the
  // picture shown at the target.
  bool may_hide_answer(std::optional<TimeUs> shown_us) const {
    return skipped_max_ && (!shown_us || *shown_us < *skipped_max_);
  }

 private:
  std::optional<TimeUs> skip_before_;
  std::optional<TimeUs> skipped_max_;
};

}  // namespace triad::media
