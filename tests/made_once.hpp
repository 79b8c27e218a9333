#pragma once
// Test media made once per machine instead of once per test process.
//
// ctest runs every test in a process of its own (gtest_discover_tests), so a cache that lived
// in one process made the same clips again for every test: the 46 media tests spent most of
// their time in ffmpeg encoding the same fifteen files, in the plain build and again under the
// sanitizers. Here a file (or folder) is made once, keyed by its recipe: the whole command or
// source text that makes it, so changing how it is made makes it anew. It lives under the temp
// folder, where both build trees of a CI run find it.
//
// What made_once returns is shared by every test process: never write into it or next to it.
// private_copy gives a process its own copy to use, change or delete.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <string>
#include <vector>

namespace triad::test {

// FNV-1a: a stable name for a recipe (std::hash may differ between standard libraries).
inline std::string recipe_key(const std::string& recipe) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : recipe) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// `command` with this process's own folder `here` named by "@": a recipe whose inputs are
// this process's copies of made media is then the same recipe in every process.
inline std::string recipe_without(std::string command, const std::filesystem::path& here) {
  const std::string h = here.string();
  if (h.empty()) return command;
  for (auto at = command.find(h); at != std::string::npos; at = command.find(h, at + 1)) command.replace(at, h.size(), "@");
  return command;
}

// The shared folder of made media (one per user, so no one else's files are trusted).
inline std::filesystem::path made_once_root() {
  std::error_code ec;
  const auto root = std::filesystem::temp_directory_path() / ("triad-test-media-" + std::to_string(::getuid()));
  std::filesystem::create_directories(root, ec);
  return root;
}

// The file or folder `name` that `make(path)` writes at `path`, made at most once for
// `recipe`; empty when `make` failed (then nothing is kept, and the next test tries again).
inline std::filesystem::path made_once(const std::string& recipe, const std::string& name,
                                       const std::function<bool(const std::filesystem::path&)>& make) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root = made_once_root();
  const std::string key = recipe_key(name + '\n' + recipe);
  const fs::path out = root / (key + "-" + name);
  if (fs::exists(out, ec)) return out;
  // One maker at a time per recipe; the processes waiting find it made when they get the lock.
  struct Lock {
    int fd;
    ~Lock() {
      if (fd >= 0) ::close(fd);  // closing releases the flock
    }
  } lock{::open((root / (key + ".lock")).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)};
  if (lock.fd >= 0) ::flock(lock.fd, LOCK_EX);
  if (fs::exists(out, ec)) return out;
  // Made under a private name that keeps the extension (ffmpeg picks its muxer by it), then
  // renamed into place, so no reader ever sees half a file, even when a maker is killed.
  const fs::path part = root / (key + "-part" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(part, ec);
  if (!make(part) || !fs::exists(part, ec)) {
    fs::remove_all(part, ec);
    return {};
  }
  fs::rename(part, out, ec);
  if (ec) {
    fs::remove_all(part, ec);
    return fs::exists(out, ec) ? out : fs::path{};
  }
  return out;
}

// A copy of a made file or folder at `to` (replacing what was there): the test's own.
inline bool private_copy(const std::filesystem::path& made, const std::filesystem::path& to) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::remove_all(to, ec);
  fs::copy(made, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
  return !ec;
}

// Removes `dir` when the test process exits (each test runs in a process of its own, so a
// fixture's folder of copies lives exactly as long as its test).
inline void remove_at_exit(const std::filesystem::path& dir) {
  static struct Folders {
    std::mutex mutex;
    std::vector<std::filesystem::path> paths;
    ~Folders() {
      std::error_code ec;
      for (const auto& p : paths) std::filesystem::remove_all(p, ec);
    }
  } folders;
  std::lock_guard lock(folders.mutex);
  folders.paths.push_back(dir);
}

// `dir / name`, this process's copy of what `ffmpeg -nostdin -v error -y ARGS OUT` makes,
// encoded once per machine. ARGS may name earlier copies in `dir`: the recipe names `dir` by a
// placeholder, so it is the same in every process. Empty path when ffmpeg failed.
inline std::filesystem::path ffmpeg_made_in(const std::filesystem::path& dir, const std::string& name,
                                            const std::string& args) {
  static std::mutex mutex;  // one maker per name within the process too
  std::lock_guard lock(mutex);
  const auto out = dir / name;
  if (std::filesystem::exists(out)) return out;
  const auto made = made_once(recipe_without(args, dir), name, [&](const std::filesystem::path& part) {
    return std::system(("ffmpeg -nostdin -v error -y " + args + " '" + part.string() + "'").c_str()) == 0;
  });
  if (made.empty() || !private_copy(made, out)) return {};
  return out;
}

// The text of a source file, as the recipe of media its code makes (empty when unreadable).
inline std::string source_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace triad::test
