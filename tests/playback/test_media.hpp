#pragma once
// Test clips made with the ffmpeg CLI at test time (never committed), once per machine
// (tests/made_once.hpp), each test process working on its own copies in a temporary folder.
#include <filesystem>
#include <string>

namespace triad::test {

// Runs `ffmpeg -v error -y <args> <out>` once per recipe; returns this process's copy, or an empty
// path when ffmpeg is missing or failed (callers use TRIAD_REQUIRE_MEDIA, tests/media_tool.hpp:
// skip only when the ffmpeg CLI is absent, fail otherwise).
std::filesystem::path make_clip(const std::string& name, const std::string& ffmpeg_args);

// A copy of `src` cut to `fraction` of its bytes (a recording whose battery died).
std::filesystem::path truncated_copy(const std::filesystem::path& src, double fraction, const std::string& name);

}  // namespace triad::test
