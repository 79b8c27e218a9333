#pragma once
// Who may do what in a session, decided once for every front end (the window's commands,
// `triad-studio --script` and the `triad` CLI all reach these through app/'s use cases).
// The rules of a session run under a protocol live in core/ (protocol, roles, visibility,
// review) and are enforced by store/workflow.hpp; this file adds the two decisions that
// sat in each front end before: is the session plain or run under a protocol, and who may
// change an existing comment.
#include <optional>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

// A session with participants recorded is run under its protocol (roles, stems, tags,
// blind review, visibility). A plain session (a video opened, a session created with no
// triad) stores what it is given, within its frameworks.
enum class SessionMode { Plain, Workflow };
Result<SessionMode> session_mode(store::Library& lib, RowId session_id);

// Editing and deleting a comment are its author's alone, in either mode.
Status may_change_comment(store::Library& lib, const Comment& comment, RowId actor_id);

// Under a protocol, an edited top-level comment must still follow it (the author's role's
// framework, stems, pupil lanes). Plain sessions, replies and authors who are no longer
// participants pass; the store's own checks (text, times, tags) still apply.
Status check_comment_edit(store::Library& lib, const Comment& before, const store::CommentEdit& edit,
                          RowId actor_id);

// ---- setting a session up: roster, roles, observed teacher, protocol -----------------------
// Who may change how a session is run, decided here for the CLI and the window alike (and,
// for changes arriving in bundles, by exchange/bundle_import.cpp under the same rule):
//  - a session with no participants yet is being set up: whoever sets it up may;
//  - otherwise only its facilitator or observed teacher (a participant in the teacher role,
//    or the session's teacher) may add people, change roles, change the observed teacher,
//    the protocol or the session's details (title, date, class, subject, focus, cycle,
//    frameworks, recordings) or its Lesson Study case (case pupils and lesson phases);
//  - a session with participants but neither a facilitator nor an observed teacher lets any
//    staff participant fix it (as core check_participant_change does), except that nobody
//    gives *themselves* the facilitator or teacher role or makes themselves the observed
//    teacher that way;
//  - a learning detective never may; nor may someone outside the session.
// The refusal is one sentence naming who tried what.
struct SetupChange {
  enum class What { AddParticipant, ChangeRole, RemoveParticipant, Teacher, Protocol, Details, LessonStudy } what = What::Protocol;
  std::optional<RowId> person;  // who is added, changed or made the observed teacher
  std::optional<Role> role;     // the role given (AddParticipant, ChangeRole)
};
Status may_set_up_session(store::Library& lib, RowId session_id, RowId actor_id, const SetupChange& change);

}  // namespace triad::app
