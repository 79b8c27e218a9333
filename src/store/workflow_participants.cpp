// Participants and roles, and the visibility inputs built from them.
#include "core/roles.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow_internal.hpp"

namespace triad::store {

using namespace detail;

namespace wf {

std::string person_name(Library& lib, RowId person_id) {
  auto p = lib.get_person(person_id);
  return p ? p->display_name : "person " + std::to_string(person_id);
}

Result<Role> require_participant(Library& lib, RowId session_id, RowId actor_id, std::string_view doing) {
  auto role = participant_role(lib, session_id, actor_id);
  if (!role) return role.error();
  if (!*role)
    return bad_input(person_name(lib, actor_id) + " is not a participant of session " + std::to_string(session_id) +
                     ", so cannot " + std::string(doing) + ".");
  return **role;
}

Result<Role> require_staff(Library& lib, RowId session_id, RowId actor_id, std::string_view doing) {
  auto role = require_participant(lib, session_id, actor_id, doing);
  if (!role) return role;
  if (!is_staff(*role)) return bad_input("A learning detective cannot " + std::string(doing) + ".");
  return role;
}

}  // namespace wf

Result<Participant> add_participant(Library& lib, RowId session_id, RowId person_id, Role role) {
  if (auto s = lib.get_session(session_id); !s) return s.error();
  if (auto p = lib.get_person(person_id); !p) return p.error();
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto existing = participant_role(lib, session_id, person_id);
  if (!existing) return existing.error();
  if (*existing)
    return bad_input(wf::person_name(lib, person_id) + " is already in session " + std::to_string(session_id) +
                     " as " + std::string(to_string(**existing)) + ".");
  if (role == Role::LearningDetective) {
    // A learning detective's work travels under a pseudonym (exchange's TravelNames), so
    // someone who already wrote in the session under their name, or who signs (a key is
    // bound to them), cannot become one: their bundles would re-sign that work under the
    // pseudonym and every other library would refuse them. (core/roles.cpp refuses the
    // same switch as a role change; this is the remove-and-add-again way round.)
    auto wrote = query_one<std::int64_t>(
        lib.db(), "SELECT 1 FROM comments WHERE session_id = ?1 AND author_id = ?2 LIMIT 1",
        [&](Stmt& st) { st.bind(1, session_id).bind(2, person_id); }, [](const Stmt& st) { return st.int64(0); });
    if (!wrote) return wrote.error();
    auto key = person_key(lib, person_id);
    if (!key) return key.error();
    if (*wrote || *key)
      return bad_input(wf::person_name(lib, person_id) + (*wrote ? " has written in session " + std::to_string(session_id) + " under their name"
                                                                 : " signs their work with a key of their own") +
                       ", so they cannot take part as a learning detective (who takes part under a pseudonym); add the "
                       "pupil as a new person instead.");
  }
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO participants(session_id, person_id, role, added_at_ms, role_set_at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, ?4)");
  if (!st) return st.error();
  st->bind(1, session_id).bind(2, person_id).bind(3, to_string(role)).bind(4, now_ms());
  if (auto r = st->run(); !r) return r.error();
  if (auto c = tx->commit(); !c) return c.error();
  return Participant{session_id, person_id, role};
}

Result<std::vector<Participant>> list_participants(Library& lib, RowId session_id) {
  return query_all<Participant>(
      lib.db(), "SELECT session_id, person_id, role FROM participants WHERE session_id = ?1 ORDER BY added_at_ms, person_id",
      [&](Stmt& st) { st.bind(1, session_id); },
      [](const Stmt& st) {
        return Participant{st.int64(0), st.int64(1), parse_role(st.text(2)).value_or(Role::Observer)};
      });
}

Result<std::optional<Role>> participant_role(Library& lib, RowId session_id, RowId person_id) {
  auto r = query_one<std::string>(
      lib.db(), "SELECT role FROM participants WHERE session_id = ?1 AND person_id = ?2",
      [&](Stmt& st) { st.bind(1, session_id).bind(2, person_id); }, [](const Stmt& st) { return st.text(0); });
  if (!r) return r.error();
  if (!*r) return std::optional<Role>{};
  return parse_role(**r);
}

namespace {

// The facts check_participant_change needs, read inside the caller's transaction.
Result<ParticipantFacts> participant_facts(Library& lib, RowId session_id, RowId person_id) {
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  if (auto p = lib.get_person(person_id); !p) return p.error();
  ParticipantFacts facts;
  facts.teacher_id = session->teacher_id;
  auto parts = list_participants(lib, session_id);
  if (!parts) return parts.error();
  for (const auto& p : *parts) facts.roles[p.person_id] = p.role;
  if (!facts.roles.count(person_id))
    return bad_input(wf::person_name(lib, person_id) + " is not a participant of session " +
                     std::to_string(session_id) + ".");
  // Shared (not private), live, top-level or reply comments nobody has approved yet.
  auto pending = query_one<std::int64_t>(
      lib.db(),
      "SELECT count(*) FROM comments c WHERE c.session_id = ?1 AND c.author_id = ?2 AND c.deleted = 0 "
      "AND c.visibility <> 'private' AND NOT EXISTS (SELECT 1 FROM comment_approvals a WHERE a.comment_uuid = c.uuid)",
      [&](Stmt& st) { st.bind(1, session_id).bind(2, person_id); }, [](const Stmt& st) { return st.int64(0); });
  if (!pending) return pending.error();
  facts.pending_detective_comments = static_cast<int>(pending->value_or(0));
  return facts;
}

Status check_change(Library& lib, const ParticipantFacts& facts, RowId session_id, RowId actor_id,
                    const ParticipantChange& change) {
  if (auto ok = check_participant_change(facts, actor_id, change); !ok)
    return bad_input(wf::person_name(lib, actor_id) + " cannot change " + wf::person_name(lib, change.person_id) +
                     " in session " + std::to_string(session_id) + ": " + ok.error().message);
  return ok_status();
}

}  // namespace

Status remove_participant(Library& lib, RowId session_id, RowId person_id, RowId actor_id) {
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto facts = participant_facts(lib, session_id, person_id);
  if (!facts) return facts.error();
  if (auto ok = check_change(lib, *facts, session_id, actor_id, {person_id, std::nullopt}); !ok) return ok;
  // Only the membership goes: comments, replies, submissions and review time are kept.
  auto st = Stmt::prepare(lib.db(), "DELETE FROM participants WHERE session_id = ?1 AND person_id = ?2");
  if (!st) return st.error();
  st->bind(1, session_id).bind(2, person_id);
  if (auto r = st->run(); !r) return r.error();
  return tx->commit();
}

Result<Participant> change_participant_role(Library& lib, RowId session_id, RowId person_id, Role role,
                                            RowId actor_id) {
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto facts = participant_facts(lib, session_id, person_id);
  if (!facts) return facts.error();
  if (auto ok = check_change(lib, *facts, session_id, actor_id, {person_id, role}); !ok) return ok.error();
  auto st = Stmt::prepare(lib.db(),
                          "UPDATE participants SET role = ?3, role_set_at_ms = ?4 WHERE session_id = ?1 AND person_id = ?2");
  if (!st) return st.error();
  st->bind(1, session_id).bind(2, person_id).bind(3, to_string(role)).bind(4, now_ms());
  if (auto r = st->run(); !r) return r.error();
  if (auto c = tx->commit(); !c) return c.error();
  return Participant{session_id, person_id, role};
}

Result<std::optional<RoleClaim>> participant_claim(Library& lib, RowId session_id, RowId person_id) {
  auto r = query_one<std::pair<std::string, std::int64_t>>(
      lib.db(), "SELECT role, role_set_at_ms FROM participants WHERE session_id = ?1 AND person_id = ?2",
      [&](Stmt& st) { st.bind(1, session_id).bind(2, person_id); },
      [](const Stmt& st) { return std::pair{st.text(0), st.int64(1)}; });
  if (!r) return r.error();
  if (!*r) return std::optional<RoleClaim>{};
  auto role = parse_role((*r)->first);
  if (!role)
    return make_error("Library " + lib.path().string() + " has an unknown role '" + (*r)->first + "' in session " +
                      std::to_string(session_id) + ".");
  return std::optional<RoleClaim>{RoleClaim{*role, (*r)->second}};
}

Status put_participant_claim(Library& lib, RowId session_id, RowId person_id, const RoleClaim& claim) {
  // added_at_ms is when this library learned of the person (it orders the list), so a
  // replaced claim keeps it.
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO participants(session_id, person_id, role, added_at_ms, role_set_at_ms) "
                          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(session_id, person_id) DO UPDATE SET "
                          "role = excluded.role, role_set_at_ms = excluded.role_set_at_ms");
  if (!st) return st.error();
  st->bind(1, session_id).bind(2, person_id).bind(3, to_string(claim.role)).bind(4, now_ms()).bind(5, claim.set_at_ms);
  return st->run();
}

Result<SessionAccess> load_session_access(Library& lib, RowId session_id) {
  SessionAccess a;
  auto ps = list_participants(lib, session_id);
  if (!ps) return ps.error();
  for (const auto& p : *ps) a.roles[p.person_id] = p.role;
  auto eff = effective_protocol(lib, session_id);
  if (!eff) return eff.error();
  a.blind_review = eff->protocol.blind_review;
  auto revealed = query_one<std::int64_t>(
      lib.db(), "SELECT 1 FROM review_reveals WHERE session_id = ?1", [&](Stmt& st) { st.bind(1, session_id); },
      [](const Stmt& st) { return st.int64(0); });
  if (!revealed) return revealed.error();
  a.revealed = revealed->has_value();
  auto approved = query_all<std::string>(
      lib.db(),
      "SELECT a.comment_uuid FROM comment_approvals a JOIN comments c ON c.uuid = a.comment_uuid "
      "WHERE c.session_id = ?1",
      [&](Stmt& st) { st.bind(1, session_id); }, [](const Stmt& st) { return st.text(0); });
  if (!approved) return approved.error();
  a.approved.insert(approved->begin(), approved->end());
  return a;
}

Result<std::vector<Comment>> list_visible_comments(Library& lib, RowId session_id, RowId viewer_id) {
  auto access = load_session_access(lib, session_id);
  if (!access) return access.error();
  CommentFilter f;
  f.session_id = session_id;
  auto all = lib.list_comments(f);
  if (!all) return all.error();
  return visible_comments(access->viewer(viewer_id), *all, *access);
}

}  // namespace triad::store
