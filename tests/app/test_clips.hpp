#pragma once
// Clips for the app tests, made once per test run with the ffmpeg CLI into a temporary folder.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace triad::app::test {

// Runs `cmd` (ffmpeg command lines; {dir} is replaced by the folder) unless `name` exists;
// returns its path, or an empty path when ffmpeg failed (tests skip with a message).
inline std::filesystem::path make_clip(const std::string& name, std::string cmd) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("triad-app-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path out = dir / name;
  if (fs::exists(out)) return out;
  for (std::size_t at; (at = cmd.find("{dir}")) != std::string::npos;) cmd.replace(at, 5, dir.string());
  return std::system(cmd.c_str()) == 0 && fs::exists(out) ? out : fs::path();
}

}  // namespace triad::app::test
