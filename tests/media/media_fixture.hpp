#pragma once
// Test media made with the ffmpeg CLI into a temporary folder (once per test binary),
// and the reference list of frames ffmpeg itself decodes (framemd5).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/time.hpp"

namespace triad::media::test {

namespace fs = std::filesystem;

// Folder holding the generated clips; generated on first use. Names:
//  h264_bframes.mp4   H.264 High, 3 B-frames, GOP 100, 12 s, 25 fps, AAC audio
//  h264_opengop.mp4   H.264 open GOP (x264 open-gop), B-frames, 6 s
//  hevc.mp4           HEVC (x265, CRA open GOPs, B-frames), GOP 30, 4 s
//  vp9.webm           VP9 + Opus, 4 s
//  vfr.mp4            H.264 with dropped runs of frames (variable frame rate)
//  rotated.mov        H.264 320x180 with a -90 display matrix (upright phone: turn 90 cw)
//  offset.ts          MPEG-TS whose timestamps start at 10 s
//  audio.m4a          AAC only: 2 s of a 0.5-amplitude sine, then 2 s silence
//  truncated.mp4      faststart H.264 cut at 60% of its size
//  cutoff.mp4         moov-at-end H.264 cut at 60%: no index at all
//  corrupted.mp4      faststart H.264 with garbage written over parts of the data
//  playlist.mp4       an HLS playlist, named .mp4
//  concat.mp4         an ffconcat list naming another file, named .mp4
//  garbage.mp4        random bytes
//  empty.mp4          0 bytes
const fs::path& media_dir();
fs::path clip(const std::string& name);

// Runs a shell command; returns its exit status.
int run(const std::string& command);
// Runs a shell command and returns its stdout.
std::string capture(const std::string& command);
std::string quote(const fs::path& p);

struct RefFrame {
  TimeUs pts_us = 0;   // ffmpeg's printed pts converted to microseconds (output time base)
  TimeUs tick_us = 0;  // one unit of ffmpeg's printed time base, in microseconds (rounding tolerance)
  std::string md5;
};
// `ffmpeg -noautorotate -i F -map 0:<stream> -fps_mode passthrough -f framemd5 -`.
std::vector<RefFrame> ffmpeg_framemd5(const fs::path& file, int stream_index);

// The shared corpus folder, or empty when absent ($TRIAD_CORPUS_DIR overrides the build default).
fs::path corpus_dir();

}  // namespace triad::media::test
