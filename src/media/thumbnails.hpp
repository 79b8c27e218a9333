#pragma once
// Timeline thumbnails: N evenly spaced pictures made from keyframes only, so a 100-minute
// lesson's strip costs a small fraction of a full decode. With a container index
// (MP4/MOV, Matroska cues) the nearest keyframe to each target is read directly by a
// seek; otherwise one pass over the packets hands only keyframe packets to the decoder
// (non-key packets are dropped before it: a frame-threaded decoder asked to skip them via
// skip_frame is ~7x slower). For an exact picture at any time use thumbnail_at.
#include <filesystem>
#include <functional>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/open_input.hpp"
#include "media/progress.hpp"
#include "media/video_frame.hpp"

namespace triad::media {

struct Thumbnail {
  int index = 0;         // 0..count-1, in time order
  TimeUs target_us = 0;  // centre of this thumbnail's slice of the timeline
  VideoFrame frame;      // the keyframe used (frame.pts_us says where it really is)
};

// Calls `on_thumb` once per thumbnail in index order (a keyframe may serve several
// neighbouring slices when the GOP is longer than a slice). An error returned by
// `on_thumb` stops the work and is returned. Errors: those of open_input; kCorrupt when
// there is no video; kFailed "cancelled" when `progress` returns false.
Status make_thumbnails(const std::filesystem::path& path, int count,
                       const std::function<Status(const Thumbnail&)>& on_thumb, const ProgressFn& progress = {},
                       const OpenOptions& options = {});

// The exact frame shown at `t` (VideoDecoder::seek), for hover previews on request.
Result<VideoFrame> thumbnail_at(const std::filesystem::path& path, TimeUs t);

}  // namespace triad::media
