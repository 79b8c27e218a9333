// Subcommands of the exchange area. Owned by the exchange work; registered from main.cpp.
#include "cli/context.hpp"

namespace triad::cli {

void register_exchange_commands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace triad::cli
