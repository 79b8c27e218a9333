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
#include <map>
#include <optional>

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

// Who leads a session: its facilitator or its observed teacher. They set it up (roster,
// protocol), start and sign its roster's chain, and re-key a participant who lost their key;
// the CLI, the window and a bundle's import all ask this one rule.
bool leads_session(Role r);
bool leads_session(std::optional<Role> r);  // false for someone not in the roster

// Only a facilitator may reveal a blind review early and approve detectives' comments.
bool may_reveal(Role r);
bool may_approve_detective_comments(Role r);

// Learning detectives cannot export, bundle or print reports of a session.
Status may_export(Role r);

// Nor import comments into one from a file (CSV, JSON, WebVTT, SRT, EAF) or a bundle.
Status may_import(Role r);

// Learning detectives may use only child-friendly frameworks; staff may use any.
Status may_use_framework(Role r, const Framework& f);

// ---- changing who takes part ----------------------------------------------------------
// Removing a participant (new_role nullopt) or giving them another role. The rules:
//  - Who: a facilitator of the session, or its observed teacher (Session::teacher_id, or a
//    participant with the teacher role): the people who set the triad up. A session with
//    neither lets any staff participant do it, so a triad without them can still fix a
//    mistake. A learning detective never may; nor may anyone outside the session.
//  - The person must be a participant, and a role change must change the role.
//  - A pupil never becomes staff and staff never become a pupil: a learning detective's
//    comments are gated behind approval and they see no staff comments, so switching
//    sides would reveal or hide comments behind everyone's back. Remove and add instead.
//  - A learning detective with comments still waiting for approval cannot be removed:
//    once not a participant, an author counts as staff (core/visibility.hpp), so their
//    unapproved comments would reach staff. Approve or delete those first.
//  - The last facilitator cannot go (removed or given another role) while learning
//    detectives take part: only a facilitator can approve their comments.
//  - The last participant cannot be removed: a session without participants has no triad
//    to tell apart, so everyone who opens the library would count as its triad.
// What happens to the person's comments is not decided here: they stay, always.
struct ParticipantChange {
  RowId person_id = 0;
  std::optional<Role> new_role;  // nullopt = remove from the session
};
struct ParticipantFacts {
  std::map<RowId, Role> roles;            // the session's participants now
  std::optional<RowId> teacher_id;        // Session::teacher_id
  int pending_detective_comments = 0;     // the person's unapproved shared comments (detectives)
};
Status check_participant_change(const ParticipantFacts& facts, RowId actor_id, const ParticipantChange& change);

}  // namespace triad
