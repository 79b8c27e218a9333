#pragma once
// The triad's way of working, persisted: participants and roles, protocols, the
// blind-review submissions and reveal, approvals of learning-detective comments,
// actions carried through a lesson-study cycle, and review time per person.
// Tables: store/workflow_migrations.cpp (migration 2). Rules: core/ (protocol.hpp,
// visibility.hpp, review.hpp, agenda.hpp, cycle.hpp, roles.hpp).
//
// Every function takes the Library (one per thread) and acts as a person (`actor_id`),
// checks the rule first and changes nothing when it refuses; each write is one
// transaction. Errors are one sentence; Error::code 1 = refused/bad input, 5 = I/O.
//
// For the GUI:
//   auto eff = effective_protocol(lib, session);          // session panel + composer
//   auto c   = add_checked_comment(lib, draft, std::nullopt);  // composer "Save"
//   auto cs  = list_visible_comments(lib, session, me);    // comment list, meeting mode
//   auto ag  = build_agenda(*cs, options);                 // core/agenda.hpp
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/cycle.hpp"
#include "core/framework.hpp"
#include "core/merge.hpp"
#include "core/model.hpp"
#include "core/protocol.hpp"
#include "core/review.hpp"
#include "core/visibility.hpp"
#include "store/library.hpp"

namespace triad::store {

// ---- participants ------------------------------------------------------------------------
// Adds a person to a session with a role. A person has one role per session; adding
// them again is refused (with their current role named).
Result<Participant> add_participant(Library& lib, RowId session_id, RowId person_id, Role role);
Result<std::vector<Participant>> list_participants(Library& lib, RowId session_id);  // in order added
Result<std::optional<Role>> participant_role(Library& lib, RowId session_id, RowId person_id);
// Removes a person from a session / gives them another role, acting as `actor_id`, under
// core's check_participant_change (core/roles.hpp: who may, last facilitator, detectives).
// Their comments, replies, review submissions and review time stay.
Status remove_participant(Library& lib, RowId session_id, RowId person_id, RowId actor_id);
Result<Participant> change_participant_role(Library& lib, RowId session_id, RowId person_id, Role role,
                                            RowId actor_id);
// For bundle merges only (exchange/bundle.cpp), which decide with core's role_claim_wins
// rather than the local permission rules: the role as this library knows it, with when it
// was set, and writing a claim as it arrived (adding the person when absent).
Result<std::optional<RoleClaim>> participant_claim(Library& lib, RowId session_id, RowId person_id);
Status put_participant_claim(Library& lib, RowId session_id, RowId person_id, const RoleClaim& claim);

// ---- frameworks (with pupil lanes) ---------------------------------------------------------
// Adds a validated framework (tags and pupil lanes); refuses an existing code.
Result<Framework> import_framework(Library& lib, const Framework& f);
// Older forms (FrameworkDefinition, core/framework.hpp), kept for existing callers; the
// lanes are also in Framework::pupils, which Library::find_framework fills.
Result<Framework> import_framework(Library& lib, const FrameworkDefinition& def);
Result<std::optional<FrameworkDefinition>> load_framework(Library& lib, std::string_view code);

// ---- protocol ------------------------------------------------------------------------------
// The protocol stored for this session itself (nullopt: none of its own).
Result<std::optional<Protocol>> get_own_protocol(Library& lib, RowId session_id);

struct EffectiveProtocol {
  Protocol protocol;                        // what applies to the session now
  std::optional<RowId> source_session_id;   // whose protocol it is; nullopt = Triad's default
  std::vector<Action> carried_actions;      // open actions from earlier sessions of the cycle
};
// Own protocol, else inherited from the latest earlier session of its cycle, else the
// default protocol; plus the actions carried into it.
Result<EffectiveProtocol> effective_protocol(Library& lib, RowId session_id);

// Stores the session's protocol (replacing its own). Refused when invalid, when a
// framework is not in the library (import it first), when the learning-detective
// framework is not child-friendly, or when the actor is not a staff participant (a
// session without participants yet may be set up by anyone). Attaches both
// frameworks to the session so comment tags resolve.
Result<Protocol> set_protocol(Library& lib, Protocol protocol, RowId actor_id);
// For bundle merges only: stores a protocol with its own updated_at_ms/updated_by (the
// edit that won the merge), without the actor check; the frameworks must be present.
Result<Protocol> put_protocol_exact(Library& lib, Protocol protocol);

// ---- visibility and listings ---------------------------------------------------------------
// Participants' roles, blind state and approvals: what can_see needs, in one call.
Result<SessionAccess> load_session_access(Library& lib, RowId session_id);
// The session's comments `viewer_id` may see (can_see + threads), in list order.
Result<std::vector<Comment>> list_visible_comments(Library& lib, RowId session_id, RowId viewer_id);

// ---- comments ------------------------------------------------------------------------------
// Adds a top-level comment (author = c.author_id) after the protocol and role rules:
// the author must be a participant; stems and tags must be the protocol's (tags may be
// given as codes or labels of the author's framework); learning detectives use the
// detective framework; a reviewer who submitted a blind review cannot add more until
// the reveal. `visibility` nullopt = initial_visibility (private for self-review).
Result<Comment> add_checked_comment(Library& lib, Comment c, std::optional<Visibility> visibility);

// Adds a reply under the comment `parent_uuid` (which the author must be able to see).
// It takes the parent's session and time; visibility nullopt = protocol default.
Result<Comment> add_reply(Library& lib, std::string_view parent_uuid, RowId author_id, std::string_view text,
                          std::optional<Visibility> visibility);

// Changes a comment's visibility; only its author may.
Result<Comment> set_comment_visibility(Library& lib, std::string_view uuid, RowId actor_id, Visibility v);

// A facilitator approves a learning detective's comment so staff can see it.
Status approve_detective_comment(Library& lib, std::string_view uuid, RowId actor_id);

// ---- blind review --------------------------------------------------------------------------
struct ReviewState {
  std::vector<ReviewSubmission> submissions;  // by time
  std::vector<RowId> pending;                 // reviewers yet to submit
  std::optional<Reveal> reveal;
};
Result<ReviewState> review_state(Library& lib, RowId session_id);

struct SubmitOutcome {
  ReviewSubmission submission;
  std::optional<Reveal> reveal;  // set when this submission completed a blind review
};
// Marks the actor's review submitted (check_submit rules); reveals automatically when
// the protocol is blind and every reviewer has now submitted.
Result<SubmitOutcome> submit_review(Library& lib, RowId session_id, RowId actor_id);
// Reveals a blind review (check_reveal rules), recording who and when.
Result<Reveal> reveal_reviews(Library& lib, RowId session_id, RowId actor_id);

// ---- actions -------------------------------------------------------------------------------
// Records an agreed next step (actor = a.created_by, a staff participant of the session).
Result<Action> add_action(Library& lib, Action a);
Result<std::vector<Action>> list_actions(Library& lib, RowId session_id);
Result<Action> get_action(Library& lib, RowId action_id);
// Marks an action done (or open again); any staff participant of its session.
Result<Action> set_action_done(Library& lib, RowId action_id, bool done, RowId actor_id);
// For bundle merges only: writes an action as it arrived (inserted or replaced by uuid).
Status put_action_exact(Library& lib, const Action& a);
Result<std::optional<Action>> find_action_by_uuid(Library& lib, const std::string& uuid);

// ---- merges of review records (bundles only; exchange/bundle_import.cpp decides) ------------
struct Approval {
  std::string comment_uuid;
  RowId approved_by = 0;
  std::int64_t approved_at_ms = 0;
};
Status put_submission_exact(Library& lib, RowId session_id, RowId person_id, std::int64_t at_ms);
Status put_reveal_exact(Library& lib, RowId session_id, RowId by, std::int64_t at_ms, bool automatic);
Status put_approval_exact(Library& lib, const std::string& comment_uuid, RowId by, std::int64_t at_ms);
Result<std::vector<Approval>> list_approvals(Library& lib, RowId session_id);  // of the session's comments
Result<std::optional<Approval>> find_approval(Library& lib, const std::string& comment_uuid);

// ---- review time ---------------------------------------------------------------------------
// Milliseconds of review per person in the session: the union of their logged
// intervals (Library::log_review_time), overlaps counted once.
Result<std::map<RowId, std::int64_t>> review_time_by_person(Library& lib, RowId session_id);

}  // namespace triad::store
