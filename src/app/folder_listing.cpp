#include "app/folder_listing.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <filesystem>

namespace triad::app {

namespace fs = std::filesystem;

bool looks_like_recording(const std::string& name) {
  static constexpr std::array<const char*, 14> kExts = {".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mts",
                                                        ".m2ts", ".mpg", ".mpeg", ".wav", ".mp3", ".m4a", ".ogg"};
  std::string ext = fs::path(name).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(kExts.begin(), kExts.end(), ext) != kExts.end();
}

std::string home_folder() {
  const char* home = std::getenv("HOME");
  if (home && *home) return home;
  std::error_code ec;
  const fs::path here = fs::current_path(ec);
  return ec ? std::string(".") : here.string();
}

Result<FolderListing> list_folder(const std::string& folder, bool all_files) {
  auto out = list_folder_with(folder, all_files ? nullptr : &looks_like_recording);
  if (out) out->show = all_files ? "all" : "recordings";
  return out;
}

Result<FolderListing> list_folder_with(const std::string& folder, bool (*accept)(const std::string&)) {
  std::error_code ec;
  fs::path dir = fs::absolute(folder.empty() ? fs::path(".") : fs::path(folder), ec);
  if (ec) return make_error("The folder " + folder + " cannot be found: " + ec.message() + ".");
  dir = dir.lexically_normal();
  if (dir.has_filename() == false && dir != dir.root_path()) dir = dir.parent_path();
  FolderListing out;
  out.folder = dir.string();
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return make_error("The folder " + dir.string() + " cannot be read: " + ec.message() + ".");
  for (fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code e2;
    const bool is_dir = it->is_directory(e2);
    if (!is_dir && accept && !accept(name)) continue;
    FolderEntry f;
    f.name = name;
    f.folder = is_dir;
    if (!is_dir) {
      const auto n = it->file_size(e2);
      f.size_bytes = e2 ? 0 : static_cast<std::int64_t>(n);
    }
    out.entries.push_back(std::move(f));
  }
  std::sort(out.entries.begin(), out.entries.end(), [](const FolderEntry& a, const FolderEntry& b) {
    if (a.folder != b.folder) return a.folder;
    return a.name < b.name;
  });
  return out;
}

}  // namespace triad::app
