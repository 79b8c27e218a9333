#include "media/log.hpp"

#include <cstdlib>

extern "C" {
#include <libavutil/log.h>
}

namespace triad::media {

void quiet_ffmpeg_logs() {
  const char* env = std::getenv("TRIAD_FFMPEG_LOG");
  const bool warnings = env != nullptr && *env != '\0' && *env != '0';
  av_log_set_level(warnings ? AV_LOG_WARNING : AV_LOG_QUIET);
  // Silent: no callback at all, so the demuxers' per-sample trace calls (150,000 of them
  // while reading a 100-minute lesson's index) return at once instead of formatting nothing.
  if (!warnings) av_log_set_callback(nullptr);
}

}  // namespace triad::media
