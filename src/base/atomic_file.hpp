#pragma once
// Writes a whole file so that readers see either the old content or the new one,
// never half: temporary file in the same folder, fsync, rename, fsync the folder.
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace triad {

Status write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Streams into the temporary file through `fill` (return false or throw to abandon:
// the final name is then never touched and the temporary is removed).
Status write_file_atomically(const std::filesystem::path& path,
                             const std::function<bool(std::FILE*)>& fill);

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes = std::size_t{1} << 30);

}  // namespace triad
