#pragma once
// Clip export: the segment(s) of a recording around comments, as one MP4 (H.264 + AAC).
//
// Frame-exact: the first picture is the one shown at the segment start (the last frame
// with pts <= start, as media::VideoDecoder defines it), the last is the one shown just
// before the end; audio is cut to the sample. Every segment is decoded and re-encoded
// (libx264 / FFmpeg's AAC), so a cut never has to fall on a keyframe. Several segments
// are joined into one highlights reel in the order given.
// Privacy: nothing from the source container is copied: no metadata (location, title,
// creation time, device), no chapters, no data or subtitle tracks, and the muxer runs in
// bit-exact mode so it adds no encoder tag. With `subtitle` set, each segment's text is
// added as a mov_text subtitle track (shown only when switched on in the player); with
// `burn_in`, it is drawn onto the picture (wrapped, at most three lines, over a dark box).
// The output is written to a temporary file next to the target and renamed at the end.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"

namespace triad::exchange {

struct ClipSegment {
  TimeUs start_us = 0;  // media time
  TimeUs end_us = 0;    // exclusive; > start_us
  std::string text;     // subtitle text for this segment (may be empty)
};

struct ClipOptions {
  bool subtitle = false;
  bool burn_in = false;  // draw each segment's text onto the picture (drawtext, default font)
  int crf = 20;  // x264 quality
  // Called with (done_us, total_us) of output written; return false to cancel.
  std::function<bool(TimeUs, TimeUs)> progress;
};

struct ClipResult {
  TimeUs duration_us = 0;  // sum of the segments as written
  int video_frames = 0;
  bool has_audio = false;
};

Result<ClipResult> write_clip(const std::filesystem::path& input, const std::vector<ClipSegment>& segments,
                              const std::filesystem::path& output, const ClipOptions& options = {});

}  // namespace triad::exchange
