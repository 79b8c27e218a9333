// Subcommands of the store area. Owned by the store work; registered from main.cpp.
#include "cli/context.hpp"

namespace triad::cli {

void register_store_commands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace triad::cli
