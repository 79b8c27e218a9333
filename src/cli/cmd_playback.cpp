// Subcommands of the playback area. Owned by the playback work; registered from main.cpp.
#include "cli/context.hpp"

namespace triad::cli {

void register_playback_commands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace triad::cli
