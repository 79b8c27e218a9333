#pragma once
// A content fingerprint that identifies a recording across renames and moves, cheap even
// on a 2 GB file: SHA-256 over the file size, the first and last MiB and 16 evenly spaced
// 64 KiB blocks. Two different recordings sharing all of those bytes is not a practical
// concern; editing a file changes its fingerprint. Format: "tfp1:" + 64 hex digits (the
// prefix names the recipe so it can change later without confusing old libraries).
#include <filesystem>
#include <string>

#include "base/result.hpp"

namespace triad::media {

inline constexpr const char* kFingerprintPrefix = "tfp1:";

// Errors: kIoError (cannot read), kNotRegular.
Result<std::string> fingerprint_file(const std::filesystem::path& path);

}  // namespace triad::media
