#pragma once
// What the session panel, the composer and meeting mode show about a session's way of
// working, loaded in one call from the store (store/workflow.hpp): the protocol that
// applies, the review state (blind review submissions, reveal), review time per
// person, agreed actions, and the tag framework the reviewer's role may use.
// Plain data; reloaded by the workstation after every change that can touch it.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "base/result.hpp"
#include "core/cycle.hpp"
#include "core/model.hpp"
#include "core/protocol.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"

namespace triad::app {

struct SessionInfo {
  // A session with participants recorded follows its protocol (stems, tags, roles,
  // blind review). A plain session (just a video opened) keeps the default stems and
  // whatever frameworks are attached to it.
  bool triad = false;
  Protocol protocol;                        // what applies now (own, inherited or default)
  std::optional<RowId> protocol_source;     // session whose protocol it is; nullopt = default
  std::vector<Action> carried_actions;      // open actions carried in from the cycle
  store::ReviewState review;
  std::map<RowId, std::int64_t> review_ms;  // stored review time per person
  std::vector<Action> actions;              // agreed in this session's meeting
  std::optional<Framework> framework;       // the framework the reviewer's role uses (triad only)
  std::vector<std::string> pupils;          // case-study pupil lanes: the Lesson Study case's, else the framework's
  std::string framework_name;               // staff framework's name (or code when not in the library)
  std::string detective_framework_name;

  bool has_required_stems() const;
  bool submitted(RowId person) const;
};

// Loads everything above. `role` = the reviewer's role in the session (nullopt when
// not a participant): it picks the framework (learning detectives get the
// child-friendly one).
Result<SessionInfo> load_session_info(store::Library& lib, RowId session_id, std::optional<Role> role,
                                      bool triad);

}  // namespace triad::app
