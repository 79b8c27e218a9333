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
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("triad-playback-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    remove_at_exit(d);
    return d;
  }();
  return dir;
}

}  // namespace

std::filesystem::path make_clip(const std::string& name, const std::string& ffmpeg_args) {
  return ffmpeg_made_in(work_dir(), name, ffmpeg_args);
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
