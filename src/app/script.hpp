#pragma once
// `triad-studio --script FILE`: one command per line (app/command.hpp), '#' starts a
// comment line, blank lines are skipped.
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace triad::app {

struct ScriptLine {
  int number = 0;  // 1-based line in the file, for error messages
  std::string text;
};

Result<std::vector<ScriptLine>> load_script(const std::filesystem::path& path);
std::vector<ScriptLine> parse_script(const std::string& text);

}  // namespace triad::app
