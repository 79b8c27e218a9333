#pragma once

namespace triad::media {

// FFmpeg's own log lines would drown Triad's one-sentence errors, so front ends call this once
// at start-up: FFmpeg stays silent unless TRIAD_FFMPEG_LOG=1 asks for its warnings.
void quiet_ffmpeg_logs();

}  // namespace triad::media
