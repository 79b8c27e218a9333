#include "test_media.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <vector>

#include "../made_once.hpp"

namespace triad::test {

namespace {

std::filesystem::path work_dir() {
  static std::once_flag once;
  static std::filesystem::path dir;
  // Removed when the test process ends (each test runs in a process of its own).
  static struct Remover {
    ~Remover() {
      std::error_code ec;
      if (!dir.empty()) std::filesystem::remove_all(dir, ec);
    }
  } remover;
  std::call_once(once, [] {
    dir = std::filesystem::temp_directory_path() / ("triad-playback-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
  });
  return dir;
}

}  // namespace

std::filesystem::path make_clip(const std::string& name, const std::string& ffmpeg_args) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  const std::filesystem::path out = work_dir() / name;
  if (std::filesystem::exists(out)) return out;
  // Encoded once per machine (made_once.hpp); this process works on its own copy.
  const auto made = made_once(recipe_without(ffmpeg_args, work_dir()), name, [&](const std::filesystem::path& part) {
    const std::string cmd = "ffmpeg -nostdin -v error -y " + ffmpeg_args + " '" + part.string() + "'";
    return std::system(cmd.c_str()) == 0;
  });
  if (made.empty() || !private_copy(made, out)) return {};
  return out;
}

std::filesystem::path truncated_copy(const std::filesystem::path& src, double fraction, const std::string& name) {
  const std::filesystem::path out = work_dir() / name;
  std::ifstream in(src, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bytes.resize(static_cast<std::size_t>(static_cast<double>(bytes.size()) * fraction));
  std::ofstream o(out, std::ios::binary | std::ios::trunc);
  o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return out;
}

}  // namespace triad::test
