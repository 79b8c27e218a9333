#pragma once
// Finding a session's moved recordings by content fingerprint: `triad session relink` and
// the window's "Find the recording…" both call this. Only files of the recorded size are
// fingerprinted (fingerprinting every file of a folder tree would be slow).
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

struct RelinkResult {
  RowId recording_id = 0;
  enum class Status { InPlace, Relinked, NotFound } status = Status::NotFound;
  std::string path;  // where it is now (relinked, in place) or was last seen (not found)
};
std::string_view to_string(RelinkResult::Status s);  // "in place", "relinked", "not found"

struct RelinkReport {
  std::vector<RelinkResult> recordings;
  int missing = 0;  // recordings not found under the folder
};

// Searches `folder` (recursively) for each of the session's recordings whose file is not
// where it was last seen, and records where each found one is now (one transaction).
// Refused when `folder` is not a folder or the session has no recording.
Result<RelinkReport> relink_recordings(store::Library& lib, RowId session_id, const std::string& folder);

// True when the recording's file is where the library last saw it.
bool recording_in_place(const Recording& r);

}  // namespace triad::app
