#pragma once
// What the playback engine consumes: decoded video frames and resampled audio, each
// tagged with the serial of the seek that produced it. media::Pipeline implements this
// with threads over FFmpeg; tests implement it with synthetic frames so A/V sync can be
// checked on a manual clock. No FFmpeg types cross this header.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"

namespace triad::media {

struct VideoFrame;  // media/video_frame.hpp: a decoded picture usable without FFmpeg headers

enum class SampleFormat { F32, S16 };  // interleaved (packed) samples

// The audio device's format: the pipeline resamples every file to it.
struct AudioFormat {
  int sample_rate = 48000;
  int channels = 2;
  SampleFormat sample_format = SampleFormat::F32;
  int bytes_per_frame() const { return channels * (sample_format == SampleFormat::F32 ? 4 : 2); }
};

enum class SeekMode {
  Exact,     // first frame delivered = the one a straight decode shows at the target (last pts <= T)
  Keyframe,  // first frame delivered = the nearest keyframe's picture (fast previews while dragging)
};

struct VideoItem {
  std::uint64_t serial = 0;
  bool eof = false;  // no more frames for this serial; `frame` is empty
  TimeUs pts_us = 0;  // media time (pts - file start)
  TimeUs duration_us = 0;  // best guess of how long this frame stays on screen (0 = unknown)
  std::shared_ptr<const VideoFrame> frame;
};

struct AudioItem {
  std::uint64_t serial = 0;
  bool eof = false;
  TimeUs pts_us = 0;               // media time of the first sample
  std::int64_t frames = 0;         // sample frames (one sample per channel)
  std::vector<std::uint8_t> data;  // interleaved, in the AudioFormat the source was opened with
};

struct SourceInfo {
  TimeUs duration_us = 0;  // 0 when unknown
  bool has_video = false;
  bool has_audio = false;
  TimeUs frame_duration_us = 0;  // nominal, from the average frame rate; 0 when unknown
  int width = 0;
  int height = 0;
};

// Thread contract: every method may be called from any one consumer thread (the player
// thread); implementations are internally synchronised against their own workers.
class FrameSource {
 public:
  virtual ~FrameSource() = default;
  virtual const SourceInfo& info() const = 0;
  // Requests a seek. Never blocks on decoding: queued items are dropped at once and the
  // workers pick the request up; a newer request replaces an older one not yet started
  // (the last one wins). Returns the serial that items of this seek will carry.
  virtual std::uint64_t seek(TimeUs target_us, SeekMode mode) = 0;
  // Non-blocking. peek leaves the item queued. Items of older serials are never returned.
  virtual std::optional<VideoItem> peek_video() = 0;
  virtual std::optional<VideoItem> pop_video() = 0;
  virtual std::optional<AudioItem> pop_audio() = 0;
  // A fatal problem met by a worker (e.g. the file vanished), as one sentence; empty if none.
  // Corrupt packets are skipped without being reported here.
  virtual std::optional<Error> error() const = 0;
  // How late the player is showing video (master clock - pts of the frame just shown;
  // 0 when in time). A source may skip decoding work to catch up (e.g. non-reference
  // frames) while it stays high; exact-seek results are never affected. Optional.
  virtual void report_video_lag(TimeUs /*lag_us*/) {}
  // `wake` is called from worker threads when a new item has been queued. Set it before
  // the first seek; it must be cheap and must not call back into the source.
  virtual void set_wakeup(std::function<void()> wake) = 0;
};

}  // namespace triad::media
