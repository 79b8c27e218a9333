#pragma once
// Setting a session up (the CLI's `protocol set` / `participant add` and the window's
// session setup): change the protocol from what applies now, add people in roles. The
// rules are the store's (store/workflow.hpp) and core's; these add the front-end-neutral
// parts both fronts need (start from the effective protocol, import shipped
// frameworks in the same write, detectives cannot add people).
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "core/protocol.hpp"
#include "store/library.hpp"

namespace triad::app {

// Only the fields given change; the rest stay as the effective protocol has them
// (own, inherited in the cycle, or the default).
struct ProtocolChange {
  std::optional<std::vector<std::string>> focus;  // focus / research questions
  std::optional<std::string> framework;           // staff framework code (shipped ones imported)
  std::optional<std::string> detective_framework;
  std::optional<std::vector<std::string>> stems;  // "code=Label" specs (core parse_stem)
  std::optional<std::vector<std::string>> required;  // stem codes that must be used; empty = none
  std::optional<Visibility> default_visibility;
  std::optional<bool> blind_review;
  std::optional<std::optional<std::string>> retention_date;  // nullopt inside = no date
};

// Applies the change and saves it as `actor` (one write: a refused protocol leaves no
// imported framework behind).
Result<Protocol> change_protocol(store::Library& lib, RowId session_id, const ProtocolChange& change, RowId actor_id);

// Adds a person to a session in a role, as `actor_id` (learning detectives may not).
Result<Participant> add_participant_as(store::Library& lib, RowId session_id, RowId person_id, Role role,
                                       RowId actor_id);

// Gives a participant another role / removes them, as `actor_id` (app/session_rules.hpp
// may_set_up_session, then core's check_participant_change in the store).
Result<Participant> change_role_as(store::Library& lib, RowId session_id, RowId person_id, Role role, RowId actor_id);
Status remove_participant_as(store::Library& lib, RowId session_id, RowId person_id, RowId actor_id);

// Whether `actor_id` may change the session's observed teacher from `before.teacher_id` to
// `teacher` (nullopt = none); unchanged passes.
Status may_change_teacher(store::Library& lib, const Session& before, const std::optional<RowId>& teacher, RowId actor_id);

// Whether `actor_id` may turn `before` into `after` (`session edit`): the observed teacher by
// may_change_teacher, any other field, a framework or a recording (`other_changes`) only as
// may_set_up_session allows. Nothing changed passes.
Status may_edit_session(store::Library& lib, const Session& before, const Session& after, bool other_changes,
                        RowId actor_id);

}  // namespace triad::app
