#pragma once
// Agreed next steps of a feedback meeting ("actions"), carried into the next lesson of a
// cycle: the one implementation behind the window's `action add|done|open` and the CLI's
// `action add|done`. Rules: core/cycle.hpp (validate_action) and store/workflow.hpp
// (staff participants only, owners must take part).
#include <optional>
#include <string>

#include "base/result.hpp"
#include "core/cycle.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

struct NewAction {
  RowId session_id = 0;
  RowId actor_id = 0;  // who records it (a staff participant)
  std::string text;
  std::optional<std::string> owner;         // name or id; nullopt: the session's observed teacher, if any
  std::optional<std::string> comment_uuid;  // the moment it came from
};

struct ActionAnswer {
  Action action;
  std::string sentence;
};

Result<ActionAnswer> add_action(store::Library& lib, const NewAction& request);
// Marks an action done (no longer carried forward) or open again.
Result<ActionAnswer> set_action_done(store::Library& lib, RowId action_id, bool done, RowId actor_id);

}  // namespace triad::app
