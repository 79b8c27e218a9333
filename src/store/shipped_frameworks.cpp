#include "store/shipped_frameworks.hpp"

#include <algorithm>
#include <filesystem>

#include "base/atomic_file.hpp"
#include "core/framework.hpp"
#include "store/workflow.hpp"

namespace triad::store {

namespace fs = std::filesystem;

Result<std::optional<Framework>> read_shipped_framework(std::string_view code) {
  // Codes are plain words: a code cannot reach outside the shipped folder.
  if (code.empty() || code.find('/') != std::string_view::npos || code.find("..") != std::string_view::npos)
    return std::optional<Framework>{};
  const fs::path file = fs::path(shipped_frameworks_dir()) / (std::string(code) + ".json");
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::optional<Framework>{};
  auto text = read_file(file, 4 << 20);
  if (!text) return text.error();
  auto f = parse_framework(*text, file.string());
  if (!f) return f.error();
  return std::optional<Framework>{std::move(*f)};
}

std::vector<std::string> shipped_framework_codes() {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(shipped_frameworks_dir(), ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") out.push_back(it->path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

Result<Framework> ensure_framework(Library& lib, std::string_view code) {
  auto have = lib.find_framework(code);
  if (!have) return have.error();
  if (*have) return **have;
  auto shipped = read_shipped_framework(code);
  if (!shipped) return shipped.error();
  if (!*shipped)
    return make_error("There is no framework '" + std::string(code) + "' in the library or among the shipped ones (" +
                          shipped_frameworks_dir() + ").",
                      kErrFailure);
  return import_framework(lib, **shipped);
}

}  // namespace triad::store
