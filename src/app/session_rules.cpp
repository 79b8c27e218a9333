#include "app/session_rules.hpp"

#include "app/person_name.hpp"

#include "core/framework.hpp"
#include "core/protocol.hpp"
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
  return check_comment(eff->protocol, **fw, **role, after);
}

}  // namespace triad::app
