#include "store/signed_changes.hpp"

#include "store/library_internal.hpp"

namespace triad::store {

using namespace detail;

Result<std::optional<std::string>> person_key(Library& lib, RowId person_id) {
  return query_one<std::string>(
      lib.db(), "SELECT public_key FROM person_keys WHERE person_id = ?1", [&](Stmt& st) { st.bind(1, person_id); },
      [](const Stmt& st) { return st.text(0); });
}

Result<std::optional<RowId>> person_with_key(Library& lib, const std::string& public_key) {
  return query_one<RowId>(
      lib.db(), "SELECT person_id FROM person_keys WHERE public_key = ?1", [&](Stmt& st) { st.bind(1, public_key); },
      [](const Stmt& st) { return st.int64(0); });
}

Status bind_person_key(Library& lib, RowId person_id, const std::string& public_key, std::int64_t at_ms, bool rekey) {
  auto mine = person_key(lib, person_id);
  if (!mine) return mine.error();
  if (*mine && **mine == public_key) return ok_status();
  auto holder = person_with_key(lib, public_key);
  if (!holder) return holder.error();
  auto name = [&](RowId id) {
    auto p = lib.get_person(id);
    return p ? p->display_name : "person " + std::to_string(id);
  };
  if (*holder && **holder != person_id)
    return make_error("That signing key already belongs to " + name(**holder) + ", so it cannot be bound to " +
                      name(person_id) + ".");
  if (*mine && !rekey)
    return make_error(name(person_id) + " already has a different signing key here; only a facilitator re-keying them can change it.");
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO person_keys(person_id, public_key, bound_at_ms) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT(person_id) DO UPDATE SET public_key = excluded.public_key, bound_at_ms = excluded.bound_at_ms");
  if (!st) return st.error();
  st->bind(1, person_id).bind(2, public_key).bind(3, at_ms);
  return st->run();
}

Status put_change(Library& lib, const StoredChange& c) {
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO signed_changes(session_uuid, kind, subject, signer, public_key, data, signature, pending) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                          "ON CONFLICT(signature) DO UPDATE SET pending = min(pending, excluded.pending)");
  if (!st) return st.error();
  st->bind(1, c.session_uuid).bind(2, c.kind).bind(3, c.subject).bind(4, c.signer).bind(5, c.public_key);
  st->bind(6, c.data).bind(7, c.signature).bind(8, c.pending);
  return st->run();
}

Status put_changes(Library& lib, const std::vector<StoredChange>& changes) {
  if (changes.empty()) return ok_status();
  auto st = Stmt::prepare(lib.db(),
                          "INSERT INTO signed_changes(session_uuid, kind, subject, signer, public_key, data, signature, pending) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                          "ON CONFLICT(signature) DO UPDATE SET pending = min(pending, excluded.pending)");
  if (!st) return st.error();
  for (const auto& c : changes) {
    st->bind(1, c.session_uuid).bind(2, c.kind).bind(3, c.subject).bind(4, c.signer).bind(5, c.public_key);
    st->bind(6, c.data).bind(7, c.signature).bind(8, c.pending);
    if (auto r = st->run(); !r) return r;
    st->reset();
  }
  return ok_status();
}

namespace {
StoredChange read_change(const Stmt& st) {
  return StoredChange{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.int64(7) != 0};
}
constexpr std::string_view kCols = "SELECT session_uuid, kind, subject, signer, public_key, data, signature, pending FROM signed_changes ";
}  // namespace

Result<std::vector<StoredChange>> list_changes(Library& lib, const std::string& session_uuid, bool pending) {
  return query_all<StoredChange>(
      lib.db(), std::string(kCols) + "WHERE session_uuid = ?1 AND pending = ?2 ORDER BY id",
      [&](Stmt& st) { st.bind(1, session_uuid).bind(2, pending); }, read_change);
}

Result<std::vector<StoredChange>> list_changes_of_kind(Library& lib, const std::string& session_uuid,
                                                       const std::string& kind) {
  return query_all<StoredChange>(
      lib.db(), std::string(kCols) + "WHERE session_uuid = ?1 AND kind = ?2 AND pending = 0 ORDER BY id",
      [&](Stmt& st) { st.bind(1, session_uuid).bind(2, kind); }, read_change);
}

Result<std::vector<StoredChange>> list_changes_of_kind_everywhere(Library& lib, const std::string& kind) {
  return query_all<StoredChange>(
      lib.db(), std::string(kCols) + "WHERE kind = ?1 AND pending = 0 ORDER BY id", [&](Stmt& st) { st.bind(1, kind); },
      read_change);
}

Result<std::optional<StoredChange>> find_change(Library& lib, const std::string& session_uuid, const std::string& kind,
                                                const std::string& subject, const std::string& data) {
  return query_one<StoredChange>(
      lib.db(),
      std::string(kCols) + "WHERE session_uuid = ?1 AND kind = ?2 AND subject = ?3 AND data = ?4 AND pending = 0 ORDER BY id LIMIT 1",
      [&](Stmt& st) { st.bind(1, session_uuid).bind(2, kind).bind(3, subject).bind(4, data); }, read_change);
}

}  // namespace triad::store
