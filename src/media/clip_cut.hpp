#pragma once
// Cutting a recording into one MP4 (H.264, or the source's H.264/HEVC copied, + AAC): the
// seek/decode/encode/mux unit behind clip export (exchange/clip.hpp holds the policy: which
// segments, what text). FFmpeg stays inside media/; this header has no FFmpeg type.
//
// Frame-exact: the first picture is the one shown at the segment start (the last frame
// with pts <= start, as media::VideoDecoder defines it), the last is the one shown just
// before the end; audio is always decoded and re-encoded to AAC, so it is cut to the
// sample. Several segments are joined into one highlights reel in the order given.
//
// Video is copied (the compressed packets, no generation loss) when every cut is clean,
// and otherwise decoded and re-encoded with libx264. All segments are copied or none: one
// output stream cannot mix the source's coding parameters with x264's. A segment's cut is
// clean when
//  - no burn-in is asked for, and the source video is H.264 or HEVC with its parameter
//    sets in the container (so it goes into MP4 as it is);
//  - the picture shown at the start is a keyframe, nothing decoded after it is shown before
//    it and nothing decoded before it is shown after it (a closed start: open-GOP leading
//    pictures, as after x265's default CRA keyframes, mean re-encoding). The segment then
//    starts at that keyframe's time, at most one picture earlier than asked;
//  - every packet kept (shown before the end) is decoded before every packet dropped (so
//    nothing kept refers to a dropped picture): true when the end is a closed keyframe's
//    time, or the end of the file, and with no B-frames true at any picture boundary;
//  - the copied decode timestamps keep increasing from one segment to the next.
// Privacy: nothing from the source container is copied: no metadata (location, title,
// creation time, device), no chapters, no data or subtitle tracks, and the muxer runs in
// bit-exact mode so it adds no encoder tag. Copied video takes the codec parameters only
// (no stream metadata or side data but the rotation) and its packets without side data;
// the bitstream itself is the source's, SEI messages included (x264, for one, writes its
// settings into the first keyframe of a file). With `subtitle` set, each segment's text is
// added as a mov_text subtitle track (shown only when switched on in the player); with
// `burn_in`, it is drawn onto the picture (wrapped, at most three lines, over a dark box).
// The output is written to a temporary file next to the target and renamed at the end.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/sound_mix.hpp"

namespace triad::media {

struct CutSegment {
  TimeUs start_us = 0;  // media time
  TimeUs end_us = 0;    // exclusive; > start_us
  std::string text;     // subtitle / burnt-in text for this segment (may be empty)
};

struct CutOptions {
  bool subtitle = false;  // each segment's text as a mov_text track
  bool burn_in = false;   // draw each segment's text onto the picture (drawtext, default font)
  int crf = 20;           // x264 quality
  // The clip's sound: unset, the input's own; else these recordings' sound placed on the
  // input's media time and mixed (media/sound_mix.hpp; none: silence), 48 kHz stereo AAC.
  std::optional<std::vector<SoundPlacement>> sound;
  // Called with (done_us, total_us) of output written; return false to cancel. While video
  // is copied, done_us follows the packets' decode order and may step back a picture or two.
  std::function<bool(TimeUs, TimeUs)> progress;
};

struct CutResult {
  TimeUs duration_us = 0;  // sum of the segments as written
  int video_frames = 0;
  bool has_audio = false;
  bool video_copied = false;    // the video packets were copied, not re-encoded
  std::string reencode_reason;  // why not, when not: "cut not on a keyframe", ...
};

// Errors: those of open_input / open_decoder for the input; kFailed with one sentence
// naming both files for anything else (including cancel); an I/O error code (5) when the
// output cannot be created or renamed into place. Nothing is left at `output` on failure.
Result<CutResult> cut_clip(const std::filesystem::path& input, const std::vector<CutSegment>& segments,
                           const std::filesystem::path& output, const CutOptions& options = {});

}  // namespace triad::media
