#pragma once
// The in-window file browser's listing (SDL2 here has no native file dialog): one
// folder's sub-folders and the files a lesson recording may be, for the "New session"
// form and "Open recording". Read once per `browse` command, never per frame.
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace triad::app {

struct FolderEntry {
  std::string name;
  bool folder = false;
  std::int64_t size_bytes = 0;
};

struct FolderListing {
  std::string folder;                 // absolute, normalised
  std::vector<FolderEntry> entries;   // folders first, then files; each by name; hidden ones left out
  std::string error;                  // why the last folder asked for could not be read
  std::string show = "recordings";    // which files are listed: recordings, import, all
};

// Where a browser or an export starts when nothing says otherwise: the person's home
// folder ($HOME), else the working directory.
std::string home_folder();

// True for the file extensions offered as recordings (video and audio containers).
bool looks_like_recording(const std::string& name);
// Lists `folder` (sub-folders and recordings; `all_files` lists every file).
Result<FolderListing> list_folder(const std::string& folder, bool all_files = false);
// The same with the files `accept` takes (nullptr: every file), e.g. app/share_files
// looks_importable for the Import panel.
Result<FolderListing> list_folder_with(const std::string& folder, bool (*accept)(const std::string&));

}  // namespace triad::app
