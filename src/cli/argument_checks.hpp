#pragma once
// Every argument of every subcommand is checked at the boundary, in one place, before any
// command runs (issue 14: untrusted input validated at the boundary):
//  - text is valid UTF-8 (refused with a sentence otherwise: it would poison the library
//    and every JSON view of it) and carries no control characters (stripped; free text
//    keeps line breaks and tabs; names and titles are one line, trimmed);
//  - whole numbers and decimals go through base/parse.hpp (range-checked; nan, inf,
//    hex and overflow refused) before CLI11 converts them;
//  - dates are real calendar dates (base/parse.hpp).
// Paths (files, folders, the library) are left as the system gives them.
// Times are parsed by each command with parse_time (they are kept as text until then).
#include <CLI/CLI.hpp>

namespace triad::cli {

// Adds the checks to every option of `app` and of its subcommands, by option name.
// Call after every subcommand is registered.
void check_arguments(CLI::App& app);

// The sentence of the last argument refused by these checks ("" when none): the run is then
// reported as a failure (exit code 1, one "triad: ..." line) like every other bad input.
std::string& refused_argument();

}  // namespace triad::cli
