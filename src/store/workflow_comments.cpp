// Comments under the workflow rules: protocol stems and tags, roles, blind review,
// replies, author-only visibility changes and approvals of detectives' comments.
#include <algorithm>
#include <cctype>

#include "core/roles.hpp"
#include "store/lesson_study.hpp"
#include "store/shipped_frameworks.hpp"
#include "store/workflow_internal.hpp"

namespace triad::store {

using namespace detail;

namespace {

Result<bool> has_submitted(Library& lib, RowId session_id, RowId person_id) {
  auto r = query_one<std::int64_t>(
      lib.db(), "SELECT 1 FROM review_submissions WHERE session_id = ?1 AND person_id = ?2",
      [&](Stmt& st) { st.bind(1, session_id).bind(2, person_id); }, [](const Stmt& st) { return st.int64(0); });
  if (!r) return r.error();
  return r->has_value();
}

Result<Comment> comment_by_uuid(Library& lib, std::string_view uuid) {
  auto c = lib.find_comment_by_uuid(uuid);
  if (!c) return c.error();
  if (!*c || (*c)->deleted) return bad_input("No comment with uuid " + std::string(uuid) + ".");
  return **c;
}

}  // namespace

Result<Comment> add_checked_comment(Library& lib, Comment c, std::optional<Visibility> visibility) {
  if (c.parent_uuid) return add_reply(lib, *c.parent_uuid, c.author_id, c.text, visibility);
  // One write transaction around the checks and the insert: a reveal or a protocol
  // change by another process cannot slip in between them.
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto role = wf::require_participant(lib, c.session_id, c.author_id, "comment on it");
  if (!role) return role.error();
  auto eff = effective_protocol(lib, c.session_id);
  if (!eff) return eff.error();
  const Protocol& p = eff->protocol;
  const std::string& fw_code = framework_code_for(p, *role);
  // A shipped framework (the default protocol's, say) is imported on first use, inside
  // this transaction: a plain session with participants takes comments with no setup.
  auto fw = ensure_framework(lib, fw_code);
  if (!fw) return fw.error();
  tags_to_codes(*fw, c.tags);
  // A Lesson Study case's pupils are the lanes when the session has them, else the framework's.
  auto lesson_case = get_case(lib, c.session_id);
  if (!lesson_case) return lesson_case.error();
  if (auto ok = check_comment(p, *fw, pupil_lanes(*lesson_case, fw->pupils), *role, c); !ok)
    return bad_input(ok.error().message);

  auto access = load_session_access(lib, c.session_id);
  if (!access) return access.error();
  if (access->blind_review && !access->revealed) {
    auto submitted = has_submitted(lib, c.session_id, c.author_id);
    if (!submitted) return submitted.error();
    if (*submitted)
      return bad_input(wf::person_name(lib, c.author_id) +
                       " has submitted their blind review; new comments can be added after the reveal.");
  }
  c.visibility = visibility.value_or(initial_visibility(*role, p, false));

  // An inherited protocol's framework may not be attached to this session yet; the
  // store resolves tags among the session's frameworks.
  if (auto a = lib.attach_framework(c.session_id, fw->id); !a) return a.error();
  auto added = lib.add_comment(std::move(c));
  if (!added) return added.error();
  if (auto cm = tx->commit(); !cm) return cm.error();
  return added;
}

Result<Comment> add_reply(Library& lib, std::string_view parent_uuid, RowId author_id, std::string_view text,
                          std::optional<Visibility> visibility) {
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto parent = comment_by_uuid(lib, parent_uuid);
  if (!parent) return parent.error();
  auto role = wf::require_participant(lib, parent->session_id, author_id, "reply in it");
  if (!role) return role.error();
  auto access = load_session_access(lib, parent->session_id);
  if (!access) return access.error();
  // Same answer as for a comment that does not exist: no hint that a hidden one does.
  if (!can_see(access->viewer(author_id), *parent, *access))
    return bad_input("No comment with uuid " + std::string(parent_uuid) + ".");
  auto eff = effective_protocol(lib, parent->session_id);
  if (!eff) return eff.error();
  Comment r;
  r.session_id = parent->session_id;
  r.author_id = author_id;
  r.start_us = parent->start_us;
  r.text = std::string(text);
  r.parent_uuid = parent->uuid;
  r.visibility = visibility.value_or(initial_visibility(*role, eff->protocol, true));
  auto added = lib.add_comment(std::move(r));
  if (!added) return added.error();
  if (auto cm = tx->commit(); !cm) return cm.error();
  return added;
}

Result<Comment> set_comment_visibility(Library& lib, std::string_view uuid, RowId actor_id, Visibility v) {
  auto c = comment_by_uuid(lib, uuid);
  if (!c) return c.error();
  if (auto ok = may_change_visibility(actor_id, *c); !ok) return bad_input(ok.error().message);
  CommentEdit edit;
  edit.visibility = v;
  return lib.edit_comment(c->id, edit);
}

Status approve_detective_comment(Library& lib, std::string_view uuid, RowId actor_id) {
  auto c = comment_by_uuid(lib, uuid);
  if (!c) return c.error();
  auto role = wf::require_participant(lib, c->session_id, actor_id, "approve comments");
  if (!role) return role.error();
  if (!may_approve_detective_comments(*role))
    return bad_input("Only a facilitator can approve a learning detective's comment.");
  auto author_role = participant_role(lib, c->session_id, c->author_id);
  if (!author_role) return author_role.error();
  if (*author_role != Role::LearningDetective)
    return bad_input("Comment " + c->uuid + " is not a learning detective's, so it needs no approval.");
  if (c->visibility == Visibility::Private)
    return bad_input("Comment " + c->uuid + " is private to its author, so it cannot be approved for others.");
  auto st = Stmt::prepare(lib.db(),
                          "INSERT OR IGNORE INTO comment_approvals(comment_uuid, approved_by, approved_at_ms) "
                          "VALUES (?1, ?2, ?3)");
  if (!st) return st.error();
  st->bind(1, c->uuid).bind(2, actor_id).bind(3, now_ms());
  if (auto r = st->run(); !r) return r.error();
  if (lib.db().changes() == 0) return bad_input("Comment " + c->uuid + " is already approved.");
  return ok_status();
}

}  // namespace triad::store
