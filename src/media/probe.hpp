#pragma once
// What a recording contains, read from its header (no decoding beyond what FFmpeg's stream
// probing does), plus a plain-language list of problems worth telling a teacher about.
// No FFmpeg types: usable from store/, app/ and UI code.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "media/open_input.hpp"

namespace triad::media {

// An exact rational (frame rates, aspect ratios); den == 0 or num == 0 means unknown.
struct Ratio {
  int num = 0;
  int den = 1;
  bool known() const { return num != 0 && den != 0; }
  friend bool operator==(const Ratio&, const Ratio&) = default;
};

enum class StreamKind { Video, Audio, Subtitle, Data, Attachment, Other };
const char* to_string(StreamKind kind);

struct StreamInfo {
  int index = -1;  // FFmpeg stream index in the file
  StreamKind kind = StreamKind::Other;
  std::string codec;          // "h264", "hevc", "aac" ("none" when FFmpeg has no name for it)
  std::string codec_tag;      // the container's four-character code ("avc1", "FMP4"); "" when none or not printable
  std::string profile;        // "High", "Main 10", "LC"; empty when unknown
  bool decodable = false;     // this FFmpeg build has a decoder for it
  bool attached_picture = false;  // cover art, not a moving picture
  bool is_default = false;
  std::string language;       // from the "language" tag, empty when absent
  TimeUs start_us = 0;        // first timestamp, media time (relative to the file start)
  TimeUs duration_us = 0;     // 0 when unknown
  std::int64_t frame_count = 0;  // from the container (nb_frames), 0 when unknown
  std::int64_t bit_rate = 0;

  // Video
  std::string pixel_format;   // "yuv420p", "yuvj420p", "yuv420p10le"
  int bits_per_sample = 0;    // luma bit depth
  std::string colour_space;   // matrix coefficients: "bt709", "bt470bg", "bt2020nc", "" unknown
  std::string colour_range;   // "tv" (limited), "pc" (full), "" unknown
  std::string colour_primaries;
  std::string colour_transfer;
  int width = 0;              // coded picture size
  int height = 0;
  int display_width = 0;      // after the sample aspect ratio and the rotation
  int display_height = 0;
  int rotation = 0;           // display-matrix rotation as ffprobe prints it (degrees CCW, e.g. -90)
  int rotation_cw = 0;        // clockwise turn needed to show the picture upright: 0, 90, 180, 270
  Ratio sample_aspect{1, 1};
  Ratio nominal_frame_rate;   // r_frame_rate: lowest rate all timestamps fit
  Ratio average_frame_rate;   // avg_frame_rate: frames / duration
  bool variable_frame_rate = false;

  // Audio
  int sample_rate = 0;
  int channels = 0;
  std::string channel_layout;  // "stereo", "5.1"
  std::string sample_format;   // "fltp", "s16"
};

// The codec as a person can look it up: FFmpeg's name, else the file's own four-character
// code ("codec 'ZQX9', unknown to FFmpeg"), else "an unknown codec".
std::string codec_words(const StreamInfo& s);

// Why the file's picture is not shown, when it has a moving picture no decoder here reads
// ("its video (codec ...) cannot be decoded on this computer"); "" otherwise.
struct ProbeInfo;
std::string undecodable_picture(const ProbeInfo& info);

struct ProbeInfo {
  std::string path;
  std::string container;       // FFmpeg demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  std::string container_long;  // "QuickTime / MOV"
  std::int64_t size_bytes = 0;
  std::int64_t bit_rate = 0;
  TimeUs start_us = 0;         // the file's start time (media time 0 is here)
  TimeUs duration_us = 0;      // 0 when unknown
  std::vector<StreamInfo> streams;
  int video_stream = -1;       // index into `streams` of the video Triad shows, -1 none
  int audio_stream = -1;       // index into `streams` of the audio Triad plays, -1 none
  // Plain-language problems, e.g. "file ends at 41:07 — recording was cut off".
  std::vector<std::string> problems;

  const StreamInfo* video() const { return video_stream >= 0 ? &streams[video_stream] : nullptr; }
  const StreamInfo* audio() const { return audio_stream >= 0 ? &streams[audio_stream] : nullptr; }
  // One line: "mov, 1:40:00, h264 1280x720 25 fps, aac 48 kHz stereo; 1 problem".
  std::string summary() const;
};

// Opens and describes `path`. Errors: see open_input (codes of media/errors.hpp).
Result<ProbeInfo> probe(const std::filesystem::path& path, const OpenOptions& options = {});
// Describes an already opened input (the caller keeps ownership).
ProbeInfo describe(AVFormatContext* ctx, const std::filesystem::path& path);

}  // namespace triad::media
