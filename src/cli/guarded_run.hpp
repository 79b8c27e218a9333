#pragma once
// The CLI's last line of defence: parsing and running a subcommand under a catch-all, so no
// exception ever reaches main() (an escaped one would abort with a core dump and no sentence).
// Usage errors keep CLI11's message and exit code 2; anything else becomes exit code 1 with
// one "triad: ..." line naming what went wrong.
#include "cli/context.hpp"

namespace triad::cli {

int run_guarded(CLI::App& app, Context& ctx, int argc, const char* const* argv);

}  // namespace triad::cli
