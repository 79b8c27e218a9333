#include "core/cycle.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace triad {

Status validate_action(const Action& a) {
  bool blank = std::all_of(a.text.begin(), a.text.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) return make_error("An action needs text saying what was agreed.");
  if (a.session_id == 0) return make_error("An action must belong to a session.");
  return ok_status();
}

bool cycle_order_less(const Session& a, const Session& b) {
  return std::tie(a.cycle_position, a.date, a.id) < std::tie(b.cycle_position, b.date, b.id);
}

std::vector<Session> earlier_in_cycle(const Session& target, const std::vector<Session>& sessions) {
  std::vector<Session> out;
  if (target.cycle.empty()) return out;
  for (const auto& s : sessions)
    if (s.id != target.id && s.cycle == target.cycle && cycle_order_less(s, target)) out.push_back(s);
  std::sort(out.begin(), out.end(), cycle_order_less);
  return out;
}

std::vector<Action> actions_carried_into(const Session& target, const std::vector<Session>& sessions,
                                         const std::vector<Action>& actions) {
  std::vector<Action> out;
  for (const auto& s : earlier_in_cycle(target, sessions))
    for (const auto& a : actions)
      if (a.session_id == s.id && !a.done) out.push_back(a);
  return out;
}

std::optional<RowId> protocol_source(const Session& target, const std::vector<Session>& sessions,
                                     const std::set<RowId>& sessions_with_protocol) {
  if (sessions_with_protocol.count(target.id)) return target.id;
  auto earlier = earlier_in_cycle(target, sessions);
  for (auto it = earlier.rbegin(); it != earlier.rend(); ++it)
    if (sessions_with_protocol.count(it->id)) return it->id;
  return std::nullopt;
}

}  // namespace triad
