#include "core/roles.hpp"

#include <string>

namespace triad {

bool is_staff(Role r) { return r != Role::LearningDetective; }

bool is_reviewer(Role r) {
  return r == Role::Teacher || r == Role::Observer || r == Role::Mentor || r == Role::Nqt;
}

bool is_self_review(Role r) { return r == Role::Nqt || r == Role::Teacher; }

bool may_reveal(Role r) { return r == Role::Facilitator; }

bool may_approve_detective_comments(Role r) { return r == Role::Facilitator; }

Status may_export(Role r) {
  if (r == Role::LearningDetective)
    return make_error("A learning detective cannot export, bundle or report a session.");
  return ok_status();
}

Status may_use_framework(Role r, const Framework& f) {
  if (r == Role::LearningDetective && !f.child_friendly)
    return make_error("Framework '" + f.code +
                      "' is not child-friendly, so a learning detective cannot use it.");
  return ok_status();
}

}  // namespace triad
