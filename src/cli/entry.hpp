#pragma once
// The `triad` command line: parses argv, runs the subcommand, returns the exit code (0 ok, 1
// failure, 2 usage, ... as `triad --help` lists them). Never throws (cli/guarded_run.hpp).
namespace triad::cli {
int run_triad(int argc, char** argv);
}
