#include "app/action_items.hpp"

#include "app/person_name.hpp"

#include "store/workflow.hpp"

namespace triad::app {

Result<ActionAnswer> add_action(store::Library& lib, const NewAction& r) {
  Action a;
  a.session_id = r.session_id;
  a.text = r.text;
  a.created_by = r.actor_id;
  a.comment_uuid = r.comment_uuid;
  if (r.owner) {
    auto p = lib.resolve_person(*r.owner);
    if (!p) return p.error();
    a.owner_id = p->id;
  } else {
    auto parts = store::list_participants(lib, r.session_id);
    if (!parts) return parts.error();
    for (const auto& p : *parts)  // usually the observed teacher's to carry out
      if (p.role == Role::Teacher) a.owner_id = p.person_id;
  }
  auto added = store::add_action(lib, a);
  if (!added) return added.error();
  std::string sentence = "Action #" + std::to_string(added->id) + " agreed in session " + std::to_string(r.session_id);
  sentence += added->owner_id ? " for " + person_name(lib, *added->owner_id) + "." : ".";
  return ActionAnswer{*added, std::move(sentence)};
}

Result<ActionAnswer> set_action_done(store::Library& lib, RowId action_id, bool done, RowId actor_id) {
  auto a = store::set_action_done(lib, action_id, done, actor_id);
  if (!a) return a.error();
  return ActionAnswer{*a, "Action #" + std::to_string(a->id) + (done ? " marked done." : " open again.")};
}

}  // namespace triad::app
