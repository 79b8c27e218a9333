#pragma once
// The threaded decode pipeline behind playback (ffplay/mpv model):
//
//   demux thread --packets--> video decode thread --frames--> video frame queue --> player
//                --packets--> audio decode thread --samples--> audio queue ------> player
//
// Every queue is bounded (items and bytes) and every item carries the serial of the seek
// that produced it; seek() empties the queues at once and raises their serial, so a worker
// that was busy with the old position can never deliver a stale item. Seek requests are
// coalesced: a request replaces any request the demuxer has not started yet (the last one
// wins). After an Exact seek the first video item is the frame a straight decode shows at
// the target (the last pts <= T); if the demuxer landed too late (B-frame or open-GOP
// keyframes whose dts precedes their pts), the pipeline seeks again further back, under
// the same serial, until it can prove it. Audio is resampled (libswresample) to the
// sink's format and trimmed to start at the target.
//
// Nothing is decoded until the first seek(). Workers never throw; a fatal read error is
// kept for error() and ends the stream with EOF items; corrupt packets are skipped.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include "base/result.hpp"
#include "media/open_input.hpp"
#include "media/pipeline_source.hpp"

namespace triad::media {

struct PipelineOptions {
  bool video = true;
  bool audio = true;
  AudioFormat audio_format;  // what the audio sink plays
  // Threads of the video decoder (media/decoder_open.hpp). 0 = chosen from the core count
  // exactly as ffmpeg and mpv choose (cores + 1 frame threads; libdav1d its own), so the
  // player decodes at least as fast as ffmpeg does (bench/decode_vs_ffmpeg.sh) instead of
  // holding a fixed 2 on every machine.
  int video_threads = 0;
  std::size_t video_frames = 8;                          // decoded pictures queued ahead
  std::size_t video_frame_bytes = std::size_t{128} << 20;
  std::size_t audio_chunks = 128;                        // ~2.7 s of 1024-sample frames
  std::size_t audio_bytes = std::size_t{4} << 20;
  std::size_t packets = 512;                             // per stream
  std::size_t packet_bytes = std::size_t{48} << 20;      // per stream
  OpenOptions open;
  // Tests only: called first on each worker thread ("demux", "video", "audio"); a throw
  // there must end as error(), never as std::terminate.
  std::function<void(const char* thread)> on_thread_start;
};

struct PipelineCounters {
  std::int64_t packets_read = 0;
  std::int64_t video_frames_decoded = 0;
  std::int64_t video_frames_discarded = 0;  // decoded before an exact-seek target, or stale
  std::int64_t video_skip_switches = 0;     // times the decoder started skipping non-reference frames
  std::int64_t audio_frames_decoded = 0;
  std::int64_t demuxer_seeks = 0;           // including retries further back
};

class Pipeline final : public FrameSource {
 public:
  // Opens the file (media::open_input rules) and its decoders; starts the worker threads,
  // idle until the first seek(). Errors: those of open_input; kCorrupt when neither a
  // video nor an audio stream can be decoded.
  static Result<std::unique_ptr<Pipeline>> open(const std::filesystem::path& path, const PipelineOptions& options = {});
  ~Pipeline() override;  // stops and joins every worker
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  const SourceInfo& info() const override;
  std::uint64_t seek(TimeUs target_us, SeekMode mode) override;
  std::optional<VideoItem> peek_video() override;
  std::optional<VideoItem> pop_video() override;
  std::optional<AudioItem> pop_audio() override;
  std::optional<Error> error() const override;
  void set_wakeup(std::function<void()> wake) override;
  // Above kSkipNonRefLagUs of lag the video decoder skips non-reference frames (mpv's
  // decoder framedrop) until the player has caught up.
  void report_video_lag(TimeUs lag_us) override;
  static constexpr TimeUs kSkipNonRefLagUs = 100'000;

  PipelineCounters counters() const;

  struct Impl;

 private:
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace triad::media
