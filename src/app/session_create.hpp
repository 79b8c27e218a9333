#pragma once
// Making a session: the one use case behind `triad session create` and the window's
// "New session" form. The recording (when given) is probed and fingerprinted before the
// library is touched; everything else is one write. A framework or focus given at
// creation becomes the session's protocol (a shipped framework is imported as
// `protocol set` does), so the session is ready for comments in one step.
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

struct NewSession {
  Session fields;           // title (required), date, subject, year_group, class_label, focus, cycle, position
  std::string teacher;      // an existing person (name or id); empty = none
  std::string school;       // added to the library when new; empty = none
  std::vector<std::string> frameworks;  // codes; the first becomes the protocol's framework
  std::string recording;    // a lesson video to attach; empty = none
  std::optional<RowId> actor;  // who sets the protocol (recorded as its author)
  // The recording already described by the caller (describe_recording_file), so it is not
  // probed and fingerprinted twice; with its probe warnings.
  std::optional<Recording> described;
  std::vector<std::string> recording_problems;
};

struct CreatedSession {
  Session session;
  std::optional<Recording> recording;
  std::vector<std::string> problems;  // the probe's warnings about the recording
  std::string note;                   // e.g. why no framework was attached
  bool protocol_set = false;
};

Result<CreatedSession> create_session(store::Library& lib, const NewSession& n);

}  // namespace triad::app
