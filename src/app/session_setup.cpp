#include "app/session_setup.hpp"

#include <set>

#include "app/session_rules.hpp"
#include "core/roles.hpp"
#include "store/shipped_frameworks.hpp"
#include "store/workflow.hpp"

namespace triad::app {

Result<Protocol> change_protocol(store::Library& lib, RowId session_id, const ProtocolChange& ch, RowId actor_id) {
  auto eff = store::effective_protocol(lib, session_id);
  if (!eff) return eff.error();
  Protocol p = eff->protocol;
  p.session_id = session_id;
  if (ch.focus) p.focus_questions = *ch.focus;
  if (ch.framework) p.framework_code = *ch.framework;
  if (ch.detective_framework) p.detective_framework_code = *ch.detective_framework;
  if (ch.stems) {
    p.stems.clear();
    for (const auto& spec : *ch.stems) {
      auto s = parse_stem(spec);
      if (!s) return s.error();
      p.stems.push_back(*s);
    }
  }
  if (ch.required) {
    std::set<std::string> req;
    for (const auto& code : *ch.required) {
      if (!find_stem(p, code))
        return make_error("Cannot require stem '" + code + "': it is not one of the protocol's stems.");
      req.insert(code);
    }
    for (auto& s : p.stems) s.required = req.count(s.code) > 0;
  }
  if (ch.default_visibility) p.default_visibility = *ch.default_visibility;
  if (ch.blind_review) p.blind_review = *ch.blind_review;
  if (ch.retention_date) p.retention_date = *ch.retention_date;
  if (auto v = validate_protocol(p); !v) return v.error();
  if (auto ok = may_set_up_session(lib, session_id, actor_id, {SetupChange::What::Protocol, {}, {}}); !ok) return ok.error();
  auto tx = lib.begin();
  if (!tx) return tx.error();
  for (const auto& code : {p.framework_code, p.detective_framework_code})
    if (auto f = store::ensure_framework(lib, code); !f) return f.error();
  auto saved = store::set_protocol(lib, p, actor_id);
  if (!saved) return saved.error();
  if (auto c = tx->commit(); !c) return c.error();
  return saved;
}

Result<Participant> add_participant_as(store::Library& lib, RowId session_id, RowId person_id, Role role,
                                       RowId actor_id) {
  auto my_role = store::participant_role(lib, session_id, actor_id);
  if (!my_role) return my_role.error();
  if (*my_role && !is_staff(**my_role)) return make_error("A learning detective cannot add participants.");
  if (auto ok = may_set_up_session(lib, session_id, actor_id, {SetupChange::What::AddParticipant, person_id, role}); !ok)
    return ok.error();
  return store::add_participant(lib, session_id, person_id, role);
}

Result<Participant> change_role_as(store::Library& lib, RowId session_id, RowId person_id, Role role, RowId actor_id) {
  if (auto ok = may_set_up_session(lib, session_id, actor_id, {SetupChange::What::ChangeRole, person_id, role}); !ok)
    return ok.error();
  return store::change_participant_role(lib, session_id, person_id, role, actor_id);
}

Status remove_participant_as(store::Library& lib, RowId session_id, RowId person_id, RowId actor_id) {
  if (auto ok = may_set_up_session(lib, session_id, actor_id, {SetupChange::What::RemoveParticipant, person_id, {}}); !ok)
    return ok;
  return store::remove_participant(lib, session_id, person_id, actor_id);
}

Status may_change_teacher(store::Library& lib, const Session& before, const std::optional<RowId>& teacher, RowId actor_id) {
  if (before.teacher_id == teacher) return ok_status();
  return may_set_up_session(lib, before.id, actor_id, {SetupChange::What::Teacher, teacher, {}});
}

Status may_edit_session(store::Library& lib, const Session& before, const Session& after, bool other_changes,
                        RowId actor_id) {
  if (auto ok = may_change_teacher(lib, before, after.teacher_id, actor_id); !ok) return ok;
  const bool details = other_changes || before.title != after.title || before.date != after.date ||
                       before.school_id != after.school_id || before.subject != after.subject ||
                       before.year_group != after.year_group || before.class_label != after.class_label ||
                       before.focus != after.focus || before.cycle != after.cycle ||
                       before.cycle_position != after.cycle_position;
  if (!details) return ok_status();
  return may_set_up_session(lib, before.id, actor_id, {SetupChange::What::Details, {}, {}});
}

}  // namespace triad::app
