#pragma once
// Shared helpers for the store tests: temporary folders and file hashes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <string>

namespace triad::store::test {

// A fresh folder under the system temp dir, removed with everything in it at scope end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("triad-store-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::filesystem::path operator/(const std::string& name) const { return path / name; }
};

inline std::string file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Content identity for "left byte-for-byte untouched" checks: the bytes themselves are
// compared (a hash would only stand in for them); the size is checked first for a clear message.
inline void write_bytes(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace triad::store::test

namespace triad::store::test {
// Size and std::hash of the content: equal before/after means the file was not changed.
inline std::string file_hash(const std::filesystem::path& p) {
  std::string bytes = file_bytes(p);
  return std::to_string(bytes.size()) + ":" + std::to_string(std::hash<std::string>{}(bytes));
}
}  // namespace triad::store::test
