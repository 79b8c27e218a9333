#pragma once
// `triad frame --session S --recording N --at T`: the frame form of the recording area,
// called by the `frame` subcommand (cmd_media.cpp) when --session is given.
#include <string>

#include "cli/context.hpp"

namespace triad::cli {

struct RecordingFrameArgs {
  std::string session, at, out;
  long long recording = 0;
  bool md5 = false;
  int width = 0;
};
void run_recording_frame(Context& ctx, const RecordingFrameArgs& a);

}  // namespace triad::cli
