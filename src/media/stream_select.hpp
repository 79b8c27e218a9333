#pragma once
// Which streams Triad uses when a file has several (media-internal, FFmpeg types).
#include "media/ffmpeg_ptr.hpp"

namespace triad::media {

// The video stream Triad shows: like the ffmpeg CLI, the largest picture (the default
// disposition breaks ties), skipping cover art and streams without a decoder. -1 if none.
int pick_video_stream(const AVFormatContext* ctx);
// The audio stream Triad plays (FFmpeg's choice relative to the video stream). -1 if none.
int pick_audio_stream(AVFormatContext* ctx, int video_stream);

// Clockwise turn (0, 90, 180, 270) needed to show the stream upright, from its display matrix.
int stream_rotation_cw(const AVStream* st);
// The display matrix angle as ffprobe prints it (counter-clockwise degrees, e.g. -90); 0 if none.
int stream_rotation_ffprobe(const AVStream* st);

}  // namespace triad::media
