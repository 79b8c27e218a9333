#pragma once
// The one way Triad opens a media file. Hostile or broken input must never hang,
// exhaust memory or make FFmpeg read anything but the file itself:
//  - only regular files (no directories, fifos, devices);
//  - the *content* picks the demuxer (the name/extension is not shown to the prober);
//  - a whitelist of container formats: playlists (HLS, concat, ffconcat, ...) and image
//    sequences are refused, so a playlist disguised as .mp4 cannot pull in other files;
//  - protocol_whitelist=file for anything a demuxer might try to open itself;
//  - an interrupt callback with a deadline, re-armed by callers before each long step;
//  - max_pixels for every decoder opened while probing.
// Errors carry the CLI exit code (media/errors.hpp) and one plain sentence naming the file.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "media/ffmpeg_ptr.hpp"

namespace triad::media {

struct OpenOptions {
  // Deadline for the whole open (header parsing + stream probing).
  std::chrono::milliseconds deadline{8000};
  // Largest picture (width x height) any decoder may allocate; 8K UHD is 33 Mpx.
  std::int64_t max_pixels = std::int64_t{8192} * 8192;
  // Run avformat_find_stream_info (needed for codec parameters of most containers).
  bool find_stream_info = true;
};

// Opens `path` for reading. Thread-safe (no global state).
Result<FormatContextPtr> open_input(const std::filesystem::path& path, const OpenOptions& options = {});

// The container formats Triad accepts (FFmpeg demuxer names, comma-separated).
const char* container_whitelist();

// Restarts the interrupt deadline of a context made by open_input: blocking FFmpeg calls
// after this give up (AVERROR_EXIT) once `budget` has elapsed. Call before each read loop
// step that may block; cheap (one atomic store). No effect on other contexts.
void arm_deadline(AVFormatContext* ctx, std::chrono::milliseconds budget);
// Makes every blocking call on `ctx` return AVERROR_EXIT as soon as possible. Any thread.
void request_cancel(AVFormatContext* ctx);
// True when the last AVERROR_EXIT came from the deadline (not from request_cancel).
bool deadline_expired(const AVFormatContext* ctx);
// Only MP4/MOV (a full sample index) are trusted to seek back to their very first packet;
// other demuxers may land past it on damaged files, so getting back to the start means
// opening the file again.
bool seeks_to_start_exactly(const AVFormatContext* ctx);

// Turns an FFmpeg error met while reading/decoding `path` into a Triad Error:
// deadline -> kTimeout, I/O errno -> kIoError, anything else -> kCorrupt.
// `doing` is a short phrase such as "reading" or "decoding video".
Error media_error(const std::filesystem::path& path, int averror, const AVFormatContext* ctx, const char* doing);

// "lesson.mp4": how files are named in messages (the file name, not the whole path).
std::string display_name(const std::filesystem::path& path);

}  // namespace triad::media
