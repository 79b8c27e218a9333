// Actions: the next steps agreed in a meeting, carried through a lesson-study cycle.
#include <algorithm>

#include "base/uuid.hpp"
#include "store/workflow_internal.hpp"

namespace triad::store {

using namespace detail;

namespace {

constexpr std::string_view kActionSelect =
    "SELECT id, session_id, text, owner_id, comment_uuid, created_by, created_at_ms, done, uuid, done_at_ms, updated_at_ms "
    "FROM actions ";

Action read_action(const Stmt& st) {
  Action a;
  a.id = st.int64(0);
  a.session_id = st.int64(1);
  a.text = st.text(2);
  a.owner_id = st.opt_int64(3);
  a.comment_uuid = st.opt_text(4);
  a.created_by = st.opt_int64(5).value_or(0);
  a.created_at_ms = st.int64(6);
  a.done = st.int64(7) != 0;
  a.uuid = st.opt_text(8).value_or("");
  a.done_at_ms = st.opt_int64(9);
  a.updated_at_ms = st.int64(10);
  return a;
}

}  // namespace

Result<Action> add_action(Library& lib, Action a) {
  a.text = trim(a.text);
  if (auto v = validate_action(a); !v) return bad_input(v.error().message);
  auto tx = lib.begin();
  if (!tx) return tx.error();
  if (auto s = lib.get_session(a.session_id); !s) return s.error();
  if (auto r = wf::require_staff(lib, a.session_id, a.created_by, "record an action"); !r) return r.error();
  if (a.owner_id) {
    auto owner = participant_role(lib, a.session_id, *a.owner_id);
    if (!owner) return owner.error();
    if (!*owner)
      return bad_input(wf::person_name(lib, *a.owner_id) + " is not a participant of session " +
                       std::to_string(a.session_id) + ", so cannot own one of its actions.");
  }
  if (a.comment_uuid) {
    auto c = lib.find_comment_by_uuid(*a.comment_uuid);
    if (!c) return c.error();
    if (!*c || (*c)->session_id != a.session_id)
      return bad_input("No comment with uuid " + *a.comment_uuid + " in session " + std::to_string(a.session_id) + ".");
  }
  a.created_at_ms = now_ms();
  a.updated_at_ms = a.created_at_ms;
  a.done = false;
  a.done_at_ms.reset();
  if (a.uuid.empty()) a.uuid = new_uuid();
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO actions(session_id, text, owner_id, comment_uuid, created_by, created_at_ms, done, uuid, "
                          "updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?6)");
  if (!st) return st.error();
  st->bind(1, a.session_id).bind(2, a.text).bind(3, a.owner_id).bind(4, a.comment_uuid).bind(5, a.created_by);
  st->bind(6, a.created_at_ms).bind(7, a.uuid);
  if (auto r = st->run(); !r) return r.error();
  a.id = lib.db().last_insert_rowid();
  if (auto c = tx->commit(); !c) return c.error();
  return a;
}

Result<std::vector<Action>> list_actions(Library& lib, RowId session_id) {
  return query_all<Action>(
      lib.db(), std::string(kActionSelect) + "WHERE session_id = ?1 ORDER BY created_at_ms, id",
      [&](Stmt& st) { st.bind(1, session_id); }, read_action);
}

Result<Action> get_action(Library& lib, RowId action_id) {
  auto a = query_one<Action>(
      lib.db(), std::string(kActionSelect) + "WHERE id = ?1", [&](Stmt& st) { st.bind(1, action_id); }, read_action);
  if (!a) return a.error();
  if (!*a) return bad_input("No action with id " + std::to_string(action_id) + ".");
  return **a;
}

Result<Action> set_action_done(Library& lib, RowId action_id, bool done, RowId actor_id) {
  auto a = get_action(lib, action_id);
  if (!a) return a.error();
  if (auto r = wf::require_staff(lib, a->session_id, actor_id, "update its actions"); !r) return r.error();
  // The edit time only moves forward, so a merge's "newest wins" sees this as the latest.
  const std::int64_t at = std::max(now_ms(), a->updated_at_ms + 1);
  auto st = Stmt::prepare(lib.db(), "UPDATE actions SET done = ?2, done_at_ms = ?3, updated_at_ms = ?4 WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, action_id).bind(2, done).bind(4, at);
  if (done)
    st->bind(3, at);
  else
    st->bind_null(3);
  if (auto r = st->run(); !r) return r.error();
  a->done = done;
  a->done_at_ms = done ? std::optional<std::int64_t>(at) : std::nullopt;
  a->updated_at_ms = at;
  return a;
}

Status put_action_exact(Library& lib, const Action& a) {
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO actions(session_id, text, owner_id, comment_uuid, created_by, created_at_ms, done, uuid, "
                          "done_at_ms, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                          "ON CONFLICT(uuid) DO UPDATE SET text = excluded.text, owner_id = excluded.owner_id, "
                          "comment_uuid = excluded.comment_uuid, created_by = excluded.created_by, "
                          "created_at_ms = excluded.created_at_ms, done = excluded.done, done_at_ms = excluded.done_at_ms, "
                          "updated_at_ms = excluded.updated_at_ms");
  if (!st) return st.error();
  st->bind(1, a.session_id).bind(2, a.text).bind(3, a.owner_id).bind(4, a.comment_uuid);
  if (a.created_by) st->bind(5, a.created_by); else st->bind_null(5);
  st->bind(6, a.created_at_ms).bind(7, a.done).bind(8, a.uuid).bind(9, a.done_at_ms).bind(10, a.updated_at_ms);
  return st->run();
}

Result<std::optional<Action>> find_action_by_uuid(Library& lib, const std::string& uuid) {
  return query_one<Action>(
      lib.db(), std::string(kActionSelect) + "WHERE uuid = ?1", [&](Stmt& st) { st.bind(1, uuid); }, read_action);
}

}  // namespace triad::store
