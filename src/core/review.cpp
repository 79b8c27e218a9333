#include "core/review.hpp"

#include <algorithm>

#include "core/protocol.hpp"
#include "core/roles.hpp"

namespace triad {

std::vector<RowId> pending_reviewers(const std::vector<Participant>& participants, const std::set<RowId>& submitted) {
  std::vector<RowId> out;
  for (const auto& p : participants)
    if (is_reviewer(p.role) && !submitted.count(p.person_id) &&
        std::find(out.begin(), out.end(), p.person_id) == out.end())
      out.push_back(p.person_id);
  return out;
}

bool all_reviewers_submitted(const std::vector<Participant>& participants, const std::set<RowId>& submitted) {
  bool any = std::any_of(participants.begin(), participants.end(), [](auto& p) { return is_reviewer(p.role); });
  return any && pending_reviewers(participants, submitted).empty();
}

Status check_submit(const Protocol& protocol, std::optional<Role> role, bool already_submitted,
                    const std::vector<Comment>& own) {
  if (!role) return make_error("Only a participant of the session can submit a review.");
  if (!is_reviewer(*role))
    return make_error("A " + std::string{role_label(*role)} + " does not submit a review; only reviewers do.");
  if (already_submitted) return make_error("This review has already been submitted.");
  auto missing = missing_required_stems(protocol, own);
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    return make_error("The review cannot be submitted yet: the protocol requires at least one comment with stem " +
                      list + ".");
  }
  return ok_status();
}

Status check_reveal(const Protocol& protocol, std::optional<Role> role, bool already_revealed, bool all_submitted) {
  if (!protocol.blind_review) return make_error("Review of this session is not blind, so there is nothing to reveal.");
  if (already_revealed) return make_error("The reviews of this session have already been revealed.");
  if (role && may_reveal(*role)) return ok_status();
  if (!all_submitted) return make_error("Only a facilitator can reveal before every reviewer has submitted.");
  if (!role) return make_error("Only a participant of the session can reveal its reviews.");
  return ok_status();
}

Status validate_interval(const ReviewInterval& iv) {
  if (iv.end_ms <= iv.start_ms) return make_error("A review interval must end after it starts.");
  if (iv.start_ms < 0) return make_error("A review interval cannot start before 1970.");
  return ok_status();
}

std::map<RowId, std::int64_t> review_time_ms(const std::vector<ReviewInterval>& intervals) {
  std::map<RowId, std::vector<std::pair<std::int64_t, std::int64_t>>> per;
  for (const auto& iv : intervals)
    if (iv.end_ms > iv.start_ms) per[iv.person_id].emplace_back(iv.start_ms, iv.end_ms);
  std::map<RowId, std::int64_t> out;
  for (auto& [person, list] : per) {
    std::sort(list.begin(), list.end());
    std::int64_t total = 0, cur_s = list.front().first, cur_e = list.front().second;
    for (std::size_t i = 1; i < list.size(); ++i) {
      if (list[i].first <= cur_e) {
        cur_e = std::max(cur_e, list[i].second);
      } else {
        total += cur_e - cur_s;
        cur_s = list[i].first;
        cur_e = list[i].second;
      }
    }
    out[person] = total + (cur_e - cur_s);
  }
  return out;
}

std::string format_review_time(std::int64_t ms) {
  const std::int64_t s = ms / 1000;
  const std::int64_t h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
  auto two = [](std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  if (h > 0) return std::to_string(h) + " h " + two(m) + " min";
  if (m > 0) return std::to_string(m) + " min " + two(sec) + " s";
  return std::to_string(sec) + " s";
}

}  // namespace triad
