// `triad`: the headless command line over the same libraries as the workstation.
#include "cli/entry.hpp"

int main(int argc, char** argv) { return triad::cli::run_triad(argc, argv); }
