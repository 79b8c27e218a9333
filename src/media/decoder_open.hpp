#pragma once
// The one way Triad opens an FFmpeg decoder (media-internal: FFmpeg types; playback/ and
// bench/ use it too). Every decoder of every stream gets the same guards and the same
// kinds of error, whoever asks for it (pipeline, VideoDecoder, thumbnails, waveform,
// clip cutting):
//  - max_pixels: a hostile header cannot make a decoder allocate a giant picture;
//  - threads chosen like the ffmpeg CLI chooses them (see DecodeSetup::threads), with
//    frame threads where the codec has them and slice threads otherwise; a wrapped library
//    with threads of its own (libdav1d) gets the count asked for, or picks its own;
//  - the stream comes from a context made by media::open_input, so every read that feeds
//    the decoder runs under that context's interrupt deadline (refused otherwise);
//  - errors: no decoder in this FFmpeg -> kUnsupported; parameters the decoder refuses
//    -> kCorrupt; out of memory -> kFailed. One sentence naming the file and the stream kind.
#include <cstdint>
#include <filesystem>

#include "base/result.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/open_input.hpp"

namespace triad::media {

struct DecodeSetup {
  // 0 = as many as suit this machine (what `ffmpeg` does without -threads: one per core
  // plus one, at most 16, for frame threads); 1 = decode in the calling thread only (one
  // picture at a time, no frame-thread latency: thumbnails, audio); n > 1 = exactly n.
  int threads = 0;
  std::int64_t max_pixels = OpenOptions{}.max_pixels;
  // Hand out pictures the decoder would withhold as "not recovered" (an open-GOP keyframe
  // decoded on its own is a whole picture: thumbnails want it).
  bool show_all = false;
};

// True when `ctx` was made by open_input (it carries the deadline and cancel guard).
// (Declared here, defined beside the guard in open_input.cpp.)
bool has_deadline_guard(const AVFormatContext* ctx);

// Opens a decoder for stream `stream_index` of `fmt` (a context from open_input; `path` is
// the file it was opened from, for messages). The context's deadline guard must be there.
Result<CodecContextPtr> open_decoder(const std::filesystem::path& path, const AVFormatContext* fmt, int stream_index,
                                     const DecodeSetup& setup);

// The thread count and type open_decoder gives `codec` for `requested` threads (0 = auto)
// on a machine with `cores` cores. Exposed for tests and for triad-bench's report.
// kThreadsOwn: the decoder wraps a library with threads of its own (AV_CODEC_CAP_OTHER_THREADS,
// e.g. libdav1d); count 0 then leaves the number to that library, as the ffmpeg CLI does.
constexpr int kThreadsOwn = 0x100;
struct ThreadChoice {
  int count = 1;
  int type = 0;  // FF_THREAD_FRAME, FF_THREAD_SLICE, kThreadsOwn or 0 (the caller's thread only)
};
ThreadChoice choose_decoder_threads(const AVCodec* codec, const AVCodecParameters* par, int requested, int cores);

}  // namespace triad::media
