#include "core/roles.hpp"

#include <string>

namespace triad {

bool is_staff(Role r) { return r != Role::LearningDetective; }

bool is_reviewer(Role r) {
  return r == Role::Teacher || r == Role::Observer || r == Role::Mentor || r == Role::Nqt;
}

bool is_self_review(Role r) { return r == Role::Nqt || r == Role::Teacher; }

bool leads_session(Role r) { return r == Role::Facilitator || r == Role::Teacher; }
bool leads_session(std::optional<Role> r) { return r && leads_session(*r); }

bool may_reveal(Role r) { return r == Role::Facilitator; }

bool may_approve_detective_comments(Role r) { return r == Role::Facilitator; }

Status may_export(Role r) {
  if (r == Role::LearningDetective)
    return make_error("A learning detective cannot export, bundle or report a session.");
  return ok_status();
}

Status may_import(Role r) {
  if (r == Role::LearningDetective) return make_error("A learning detective cannot import comments into a session.");
  return ok_status();
}

Status may_use_framework(Role r, const Framework& f) {
  if (r == Role::LearningDetective && !f.child_friendly)
    return make_error("Framework '" + f.code +
                      "' is not child-friendly, so a learning detective cannot use it.");
  return ok_status();
}

}  // namespace triad

namespace triad {
namespace {

bool any_role(const std::map<RowId, Role>& roles, Role r) {
  for (const auto& [id, role] : roles)
    if (role == r) return true;
  return false;
}

}  // namespace

Status check_participant_change(const ParticipantFacts& facts, RowId actor_id, const ParticipantChange& change) {
  const std::string doing = change.new_role ? "change roles in this session" : "remove participants from this session";
  auto actor = facts.roles.find(actor_id);
  const bool actor_is_teacher =
      (facts.teacher_id && *facts.teacher_id == actor_id) || (actor != facts.roles.end() && actor->second == Role::Teacher);
  const bool actor_is_facilitator = actor != facts.roles.end() && actor->second == Role::Facilitator;
  if (actor != facts.roles.end() && actor->second == Role::LearningDetective)
    return make_error("A learning detective cannot " + doing + ".");
  if (!actor_is_teacher && !actor_is_facilitator) {
    const bool has_leader = facts.teacher_id.has_value() || any_role(facts.roles, Role::Teacher) ||
                            any_role(facts.roles, Role::Facilitator);
    if (has_leader || actor == facts.roles.end())
      return make_error("Only a facilitator or the observed teacher can " + doing + ".");
  }

  auto target = facts.roles.find(change.person_id);
  if (target == facts.roles.end()) return make_error("That person is not a participant of this session.");
  const Role from = target->second;
  if (change.new_role) {
    if (*change.new_role == from) return make_error("That person is already " + std::string(to_string(from)) + ".");
    if ((from == Role::LearningDetective) != (*change.new_role == Role::LearningDetective))
      return make_error("A learning detective cannot become staff, nor staff a learning detective; remove the person "
                        "and add them again instead.");
  } else {
    if (facts.roles.size() == 1)
      return make_error("The last participant cannot be removed: without participants everyone who opens the library "
                        "would count as the session's triad.");
    if (from == Role::LearningDetective && facts.pending_detective_comments > 0)
      return make_error("This learning detective has " + std::to_string(facts.pending_detective_comments) +
                        " comment(s) waiting for a facilitator's approval; approve or delete them before removing them.");
  }

  std::map<RowId, Role> after = facts.roles;
  if (change.new_role)
    after[change.person_id] = *change.new_role;
  else
    after.erase(change.person_id);
  if (from == Role::Facilitator && !any_role(after, Role::Facilitator) && any_role(after, Role::LearningDetective))
    return make_error("This is the session's last facilitator and learning detectives take part: only a facilitator "
                      "can approve their comments, so add another facilitator first.");
  return ok_status();
}

}  // namespace triad
