#pragma once
// What each session role may do. `Role` itself lives in core/model.hpp; this file
// holds the rules that depend on it so the CLI, the GUI and exports ask one place.
//
//   teacher (observed)  reviews their own lesson; answers comments in the meeting
//   observer / mentor   review the lesson; subject to blind review
//   nqt (self-review)   reviews their own lesson; comments private by default
//   learning detective  a pupil: child-friendly framework only, sees no staff comments,
//                       cannot export; comments reach staff after a facilitator approves
//   facilitator         runs the meeting: reveals blind reviews, approves detectives' comments
#include "base/result.hpp"
#include "core/model.hpp"

namespace triad {

// Staff = every role except learning detective.
bool is_staff(Role r);

// Reviewers are the participants whose submissions end a blind review: everyone who
// writes a review of the lesson (teacher, observer, mentor, NQT). Facilitators run the
// process and learning detectives are gated by approval instead, so neither counts.
bool is_reviewer(Role r);

// Self-review roles: the person filmed reviewing their own lesson. Their comments
// start private (a private reflection) and are shared only when they choose.
bool is_self_review(Role r);

// Only a facilitator may reveal a blind review early and approve detectives' comments.
bool may_reveal(Role r);
bool may_approve_detective_comments(Role r);

// Learning detectives cannot export, bundle or print reports of a session.
Status may_export(Role r);

// Learning detectives may use only child-friendly frameworks; staff may use any.
Status may_use_framework(Role r, const Framework& f);

}  // namespace triad
