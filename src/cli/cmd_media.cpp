// Subcommands of the media area. Owned by the media work; registered from main.cpp.
#include "cli/context.hpp"

namespace triad::cli {

void register_media_commands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace triad::cli
