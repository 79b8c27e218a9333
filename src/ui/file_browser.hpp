#pragma once
// The in-window file browser (SDL2 here has no native file dialog): the folder listed by the
// last `browse` command (app/folder_listing.hpp), its sub-folders to go into and "up one
// folder", its files with their sizes. Used by "New session" (recordings), the Import panel
// (bundles and comment files) and "Find the recording…" (a folder to search). Folders are
// opened with `browse`; a file clicked is handed back to the panel.
#include <optional>
#include <string>

#include "ui/ui_frame.hpp"

namespace triad::ui {

struct FileBrowser {
  // `show`: which files the listing should hold (recordings, import, all); when the
  // workstation's listing holds others, it is asked for again. `selected`: the file
  // highlighted. Returns the file clicked this frame.
  std::optional<std::string> draw(UiFrame& f, const char* id, float height, const std::string& show,
                                  const std::string& selected, const char* empty_note);
};

// "1.2 GB", "40 MB", "12 kB".
std::string size_label(std::int64_t bytes);

}  // namespace triad::ui
