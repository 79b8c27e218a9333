#pragma once
// What the window's home screen shows about every session at once, read with a few
// aggregate queries (not one listing per session), and the cheap change counter the
// window polls to notice writes made by other programs.
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::store {

struct LibraryActivity {
  // session -> author -> live top-level comments (replies and tombstones left out)
  std::map<RowId, std::map<RowId, std::int64_t>> comments;
  std::map<RowId, std::vector<Participant>> participants;  // in order added
  std::map<RowId, std::set<RowId>> submitted;              // who submitted their review
  std::set<RowId> revealed;                                 // sessions whose blind review is revealed
  std::map<RowId, std::int64_t> open_actions;              // agreed actions not yet done
  std::map<RowId, bool> blind;                              // sessions with their own protocol: blind review?
  std::map<RowId, std::string> primary_recording;           // session -> path of its primary recording
};
Result<LibraryActivity> library_activity(Library& lib);

// SQLite's PRAGMA data_version for this connection: it changes when another connection
// (another window, the CLI, an import) commits to the file, never for our own writes.
// One cheap query: no table is read.
Result<std::int64_t> data_version(Library& lib);

}  // namespace triad::store
