#include "app/session_rules.hpp"

#include "app/person_name.hpp"

#include "core/framework.hpp"
#include "core/protocol.hpp"
#include "core/lesson_study.hpp"
#include "core/roles.hpp"
#include "store/lesson_study.hpp"
#include "store/workflow.hpp"

namespace triad::app {

Result<SessionMode> session_mode(store::Library& lib, RowId session_id) {
  auto parts = store::list_participants(lib, session_id);
  if (!parts) return parts.error();
  return parts->empty() ? SessionMode::Plain : SessionMode::Workflow;
}

Status may_change_comment(store::Library& lib, const Comment& comment, RowId actor_id) {
  if (comment.author_id == actor_id) return ok_status();
  return make_error("Comment " + std::to_string(comment.id) + " is " + person_name(lib, comment.author_id) +
                    "'s; only its author (use --as) may change it.");
}

Status check_comment_edit(store::Library& lib, const Comment& before, const store::CommentEdit& edit,
                          RowId actor_id) {
  if (before.parent_uuid) return ok_status();
  auto mode = session_mode(lib, before.session_id);
  if (!mode) return mode.error();
  if (*mode == SessionMode::Plain) return ok_status();
  auto role = store::participant_role(lib, before.session_id, actor_id);
  if (!role) return role.error();
  if (!*role) return ok_status();
  auto eff = store::effective_protocol(lib, before.session_id);
  if (!eff) return eff.error();
  auto fw = lib.find_framework(framework_code_for(eff->protocol, **role));
  if (!fw) return fw.error();
  if (!*fw) return ok_status();  // the store names a missing framework when tags are resolved
  Comment after = before;
  if (edit.kind) after.kind = *edit.kind;
  if (edit.pupil) after.pupil = *edit.pupil;
  if (edit.tags) {
    after.tags = *edit.tags;
    tags_to_codes(**fw, after.tags);  // labels are accepted as the store accepts them
  }
  auto lesson_case = store::get_case(lib, before.session_id);
  if (!lesson_case) return lesson_case.error();
  return check_comment(eff->protocol, **fw, pupil_lanes(*lesson_case, (*fw)->pupils), **role, after);
}

namespace {

std::string setup_words(store::Library& lib, const SetupChange& c) {
  using W = SetupChange::What;
  const std::string who = c.person ? person_name(lib, *c.person) : std::string("someone");
  switch (c.what) {
    case W::AddParticipant: return "add " + who + " as " + std::string(c.role ? role_label(*c.role) : "a participant");
    case W::ChangeRole: return "make " + who + " " + std::string(c.role ? role_label(*c.role) : "another role");
    case W::RemoveParticipant: return "remove " + who + " from the session";
    case W::Teacher: return c.person ? "make " + who + " the observed teacher" : std::string("clear the observed teacher");
    case W::Protocol: return "change the protocol";
    case W::Details: return "change the session's details";
    case W::LessonStudy: return "change the Lesson Study case pupils or phases";
  }
  return "change the session";
}

bool grants_authority(const SetupChange& c) {
  using W = SetupChange::What;
  if (c.what == W::Teacher) return c.person.has_value();
  if (c.what == W::AddParticipant || c.what == W::ChangeRole)
    return leads_session(c.role);
  return false;
}

}  // namespace

Status may_set_up_session(store::Library& lib, RowId session_id, RowId actor_id, const SetupChange& change) {
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  auto parts = store::list_participants(lib, session_id);
  if (!parts) return parts.error();
  if (parts->empty()) return ok_status();  // being set up
  std::optional<Role> mine;
  bool leader_exists = session->teacher_id.has_value();
  for (const auto& p : *parts) {
    if (p.person_id == actor_id) mine = p.role;
    leader_exists |= leads_session(p.role);
  }
  const bool leader = leads_session(mine) ||
                      (session->teacher_id && *session->teacher_id == actor_id);
  if (leader) return ok_status();
  const std::string who = person_name(lib, actor_id) + " (" +
                          (mine ? std::string(role_label(*mine)) : std::string("not a participant")) + ")";
  const std::string tried = who + " cannot " + setup_words(lib, change) + " in session '" + session->title + "'";
  if (mine && *mine == Role::LearningDetective)
    return make_error(tried + ": a learning detective never changes how a session is run.");
  if (!mine) return make_error(tried + ": only its facilitator or observed teacher may.");
  if (leader_exists) return make_error(tried + ": only its facilitator or observed teacher may.");
  if (grants_authority(change) && change.person && *change.person == actor_id)
    return make_error(tried + ": nobody gives themselves the facilitator's or the observed teacher's place.");
  return ok_status();
}

}  // namespace triad::app
