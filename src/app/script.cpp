#include "app/script.hpp"

#include <sstream>

#include "base/atomic_file.hpp"

namespace triad::app {

std::vector<ScriptLine> parse_script(const std::string& text) {
  std::vector<ScriptLine> out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::size_t a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos || line[a] == '#') continue;
    std::size_t b = line.find_last_not_of(" \t\r");
    out.push_back({n, line.substr(a, b - a + 1)});
  }
  return out;
}

Result<std::vector<ScriptLine>> load_script(const std::filesystem::path& path) {
  auto text = read_file(path, 16 << 20);
  if (!text) return make_error("Cannot read the script " + path.string() + ": " + text.error().message, ErrorKind::kIoError);
  return parse_script(*text);
}

}  // namespace triad::app
