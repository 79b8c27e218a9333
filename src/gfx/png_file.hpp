#pragma once
// Writes RGB pixels (top row first) as a PNG file, atomically (libpng).
#include <cstdint>
#include <filesystem>
#include <vector>

#include "base/result.hpp"

namespace triad::gfx {

Status write_png_rgb(const std::filesystem::path& path, const std::vector<std::uint8_t>& rgb, int width, int height);

}  // namespace triad::gfx
