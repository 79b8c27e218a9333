#pragma once
// The protocol's retention date (core/protocol.hpp retention_passed): once it has passed,
// the lesson's recording is due for deletion. Opening such a session says so; deleting
// is done here on a person's confirmation, for the window and `triad session
// delete-recording` alike. Only the video and sound files go: the comments, the session
// and each recording's fingerprint stay (a bundle still matches the lesson), and the
// recording's row records when, by whom and under which date its file was deleted, in
// place of the path (`session show` prints it; relinking never looks for it again).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

struct RetentionState {
  std::optional<std::string> date;  // the protocol's retention date, if any
  bool passed = false;              // today is after it
  std::vector<Recording> files;     // the session's recordings whose files are still here
  std::vector<std::string> deleted; // what earlier deletions recorded (one line each)
  bool due() const { return passed && !files.empty(); }
};
// `today`: "YYYY-MM-DD" (base/wall_clock today_iso).
Result<RetentionState> retention_state(store::Library& lib, RowId session_id, const std::string& today);

struct RetentionDeletion {
  std::vector<std::string> files;  // deleted
  std::string sentence;            // "Deleted the recording lesson.mp4 (retention date ...)."
};
// Deletes the files of the session's recordings once its retention date has passed (refused
// before, or without a date), and records it. Who may: whoever may change the session's
// details (app/session_rules.hpp). A file that cannot be deleted stops it with its reason.
Result<RetentionDeletion> delete_expired_recordings(store::Library& lib, RowId session_id, RowId person_id,
                                                    const std::string& today);

// The marker a deleted recording keeps as its path: "(deleted ...)".
bool recording_deleted_by_retention(const Recording& r);

}  // namespace triad::app
