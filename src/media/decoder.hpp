#pragma once
// VideoDecoder: one file, one video stream; owns the demuxer and the decoder and answers
// "which picture is shown at time T" exactly, plus frame stepping both ways.
//
// Contract of exactness: the frame returned for T is the frame a straight decode from
// the start shows at T: the last frame (in presentation order) whose pts <= T, where
// media time = pts - the file's start time. Before the first frame: the first frame.
// Holds for B-frames, open GOPs (leading pictures are never taken from a decode that
// started at their own keyframe), edit lists, VFR, rotation and non-zero start times.
//
// Decoded frames of the neighbourhood of the current position are kept in one
// contiguous run (a memory-bounded cache, default 256 MiB) so previous/next steps inside
// it cost nothing; stepping back past its start decodes the GOP before it once.
//
// Thread contract: not thread-safe; use one VideoDecoder per thread. Frames handed out
// (VideoFrame) are immutable and may be passed to any thread.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/open_input.hpp"
#include "media/probe.hpp"
#include "media/video_frame.hpp"

namespace triad::media {

struct DecoderOptions {
  int threads = 2;                                   // decoder frame threads (2 cores: 2)
  std::size_t cache_bytes = std::size_t{256} << 20;  // bound of the decoded-frame cache
  std::chrono::milliseconds step_deadline{8000};     // any single blocking read gives up after this
  OpenOptions open;                                  // deadline, max_pixels
  // Convert pictures in layouts VideoFrame does not describe to Rgba. frame_md5 does not
  // need it (it hashes the decoder's own frame), so `triad frames --md5` turns it off.
  bool convert_unusual = true;
  int stream_index = -1;  // FFmpeg stream index; -1 = the best video stream
  // seek() to a distant target skips non-reference pictures shown well before it (faster,
  // see decoder.cpp), so only the last half second before it is cached. Frame steppers turn
  // it off: after their first seek the whole GOP is kept, and every back step is free.
  bool seek_framedrop = true;
};

struct DecoderStats {
  std::int64_t frames_decoded = 0;  // pictures out of the decoder (including dropped ones)
  std::int64_t demuxer_seeks = 0;   // av_seek_frame calls (incl. rewinds)
};

class VideoDecoder {
 public:
  // Errors: those of open_input, plus kCorrupt when there is no decodable video stream.
  static Result<std::unique_ptr<VideoDecoder>> open(const std::filesystem::path& path,
                                                    const DecoderOptions& options = {});
  ~VideoDecoder();
  VideoDecoder(const VideoDecoder&) = delete;
  VideoDecoder& operator=(const VideoDecoder&) = delete;

  const ProbeInfo& info() const;
  int stream_index() const;
  TimeUs duration_us() const;  // 0 when unknown

  // Decodes every frame from the start, in presentation order. `on_frame` returns false
  // to stop early (then the result is ok). Leaves the cache empty and the position unset.
  Status decode_all(const std::function<bool(const VideoFrame&)>& on_frame);

  // Exact seek: the frame shown at `t` (see the contract above); becomes the current frame.
  Result<VideoFrame> seek(TimeUs t);
  // Fast preview: the keyframe at or before `t` (no decoding beyond it). Becomes current.
  Result<VideoFrame> seek_keyframe(TimeUs t);
  // The frame after / before the current one (the first frame if nothing is current).
  // At the last / first frame the same frame is returned again.
  Result<VideoFrame> next_frame();
  Result<VideoFrame> prev_frame();

  bool has_current() const;
  const VideoFrame& current() const;  // empty frame when !has_current()
  bool at_first_frame() const;  // current is the file's first frame
  bool at_last_frame() const;   // current is the file's last frame

  std::size_t cached_frames() const;
  std::size_t cached_bytes() const;
  const DecoderStats& stats() const;

  struct Impl;

 private:
  explicit VideoDecoder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Hex MD5 of the decoded picture's planes in the decoder's native pixel format, packed
// without padding (av_image_copy_to_buffer, align 1): the bytes `ffmpeg -noautorotate -i F
// -fps_mode passthrough -f framemd5 -` hashes. Empty string for an empty frame.
std::string frame_md5(const VideoFrame& frame);

}  // namespace triad::media
