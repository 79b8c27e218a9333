// Subcommands of the workflow area. Owned by the workflow work; registered from main.cpp.
#include "cli/context.hpp"

namespace triad::cli {

void register_workflow_commands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace triad::cli
