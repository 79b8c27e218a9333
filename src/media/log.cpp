#include "media/log.hpp"

#include <cstdlib>

extern "C" {
#include <libavutil/log.h>
}

namespace triad::media {

void quiet_ffmpeg_logs() {
  const char* env = std::getenv("TRIAD_FFMPEG_LOG");
  av_log_set_level(env != nullptr && *env != '\0' && *env != '0' ? AV_LOG_WARNING : AV_LOG_QUIET);
}

}  // namespace triad::media
