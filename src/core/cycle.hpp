#pragma once
// Lesson-study cycles: a protocol is reusable across the sessions of a cycle, and the
// next steps agreed in one meeting (actions) are carried into the next session's
// protocol until someone marks them done.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"

namespace triad {

struct Action {
  RowId id = 0;
  RowId session_id = 0;                     // the meeting where it was agreed
  std::string text;                         // the agreed next step
  std::optional<RowId> owner_id;            // who will do it (usually the observed teacher)
  std::optional<std::string> comment_uuid;  // the comment / agenda moment it came from
  RowId created_by = 0;
  std::int64_t created_at_ms = 0;
  bool done = false;
  std::string uuid;                         // travels in bundles (merge by uuid)
  std::optional<std::int64_t> done_at_ms;   // when it was last marked done
  std::int64_t updated_at_ms = 0;           // last edit (creation or done/open): newest wins a merge
};

Status validate_action(const Action& a);

// Sessions ordered within a cycle: by cycle_position, then date, then id.
bool cycle_order_less(const Session& a, const Session& b);

// The other sessions of target's cycle that come before it, earliest first. Empty
// when target is not in a cycle.
std::vector<Session> earlier_in_cycle(const Session& target, const std::vector<Session>& sessions);

// Open actions agreed in earlier sessions of target's cycle, earliest first: they
// are shown with target's protocol ("carried into the next lesson").
std::vector<Action> actions_carried_into(const Session& target, const std::vector<Session>& sessions,
                                         const std::vector<Action>& actions);

// Whose protocol applies to target: its own if it has one, else the latest earlier
// session of its cycle that has one, else nullopt (use the default protocol).
std::optional<RowId> protocol_source(const Session& target, const std::vector<Session>& sessions,
                                     const std::set<RowId>& sessions_with_protocol);

}  // namespace triad
