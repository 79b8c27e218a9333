#pragma once
// Runs this build's `triad` on a library and captures what it prints, for the analytics
// tests that drive the CLI.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace triad::test {

struct CliRun {
  int rc = -1;
  std::string out;
};

// `with_errors`: stderr is captured too (the sentence of a refusal), else discarded.
inline CliRun triad_cli(const std::filesystem::path& db, const std::string& args, bool with_errors = false) {
  const std::string cmd = "\"" + (std::filesystem::path(TRIAD_BINARY_DIR) / "src/cli/triad").string() + "\" --db \"" +
                          db.string() + "\" " + args + (with_errors ? " 2>&1" : " 2>/dev/null");
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = pclose(p);
  r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

}  // namespace triad::test
