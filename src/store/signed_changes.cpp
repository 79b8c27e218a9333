#include "store/signed_changes.hpp"

#include <map>
#include <tuple>

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

namespace {

// Who signed what for which session: one change_origins row for all of them (migration 9).
// `cache` keeps the numbers already looked up by one call.
using OriginKey = std::tuple<std::string, std::string, std::string>;  // session, signer, key
struct OriginCache {
  std::map<OriginKey, std::int64_t> ids;
  const std::pair<const OriginKey, std::int64_t>* last = nullptr;  // in ids (a map's elements stay put)
};
Result<std::int64_t> origin_id(Db& db, const StoredChange& c, OriginCache& cache) {
  // A bundle's changes come by signer: the last origin is nearly always this one, compared
  // in place without making the key.
  if (const auto* l = cache.last; l && std::get<1>(l->first) == c.signer && std::get<2>(l->first) == c.public_key &&
                                  std::get<0>(l->first) == c.session_uuid)
    return l->second;
  OriginKey k{c.session_uuid, c.signer, c.public_key};
  if (auto it = cache.ids.find(k); it != cache.ids.end()) {
    cache.last = &*it;
    return it->second;
  }
  auto add = db.pooled(
      "INSERT INTO change_origins(session_uuid, signer, public_key) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(session_uuid, signer, public_key) DO NOTHING");
  if (!add) return add.error();
  (*add)->bind(1, c.session_uuid).bind(2, c.signer).bind(3, c.public_key);
  if (auto s = (*add)->run(); !s) return s.error();
  auto id = query_one<std::int64_t>(
      db, "SELECT id FROM change_origins WHERE session_uuid = ?1 AND signer = ?2 AND public_key = ?3",
      [&](Stmt& st) { st.bind(1, c.session_uuid).bind(2, c.signer).bind(3, c.public_key); },
      [](const Stmt& st) { return st.int64(0); });
  if (!id) return id.error();
  if (!*id) return make_error("A signed change's signer could not be recorded in the library.");
  cache.last = &*cache.ids.emplace(std::move(k), **id).first;
  return **id;
}

}  // namespace

Status put_changes(Library& lib, const std::vector<StoredChange>& changes) {
  if (changes.empty()) return ok_status();
  auto st = lib.db().pooled(
      "INSERT INTO signed_changes(origin, kind, subject, data, data_hash, signature, pending) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
      "ON CONFLICT(signature) DO UPDATE SET pending = min(pending, excluded.pending)");
  if (!st) return st.error();
  // A comment's current signature, kept by the comment (migration 10).
  auto by_comment = lib.db().pooled(
      "INSERT INTO comment_signatures(comment_id, origin, data_hash, signature) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(comment_id) DO UPDATE SET origin = excluded.origin, data_hash = excluded.data_hash, "
      "signature = excluded.signature");
  if (!by_comment) return by_comment.error();
  auto held = lib.db().pooled(
      "SELECT 1 FROM comment_signatures cs JOIN comments c ON c.id = cs.comment_id WHERE c.uuid = ?1 AND cs.signature = ?2");
  if (!held) return held.error();
  // The same change waiting here (stored before its signer's key was bound) is applied now:
  // kept by its comment, its waiting row goes, or it would be checked again after every import.
  auto unwait = lib.db().pooled("DELETE FROM signed_changes WHERE signature = ?1 AND pending = 1");
  if (!unwait) return unwait.error();
  // Asked once: nearly always nothing waits, and a large import then pays no delete a comment.
  auto any_waiting = query_one<std::int64_t>(
      lib.db(), "SELECT 1 FROM signed_changes WHERE pending = 1 LIMIT 1", [](Stmt&) {},
      [](const Stmt& row) { return row.int64(0); });
  if (!any_waiting) return any_waiting.error();
  bool waiting = any_waiting->has_value();  // and once this call stores a waiting change
  auto drop_waiting = [&](const StoredChange& c) -> Status {
    if (!waiting) return ok_status();
    Stmt& u = **unwait;
    u.reset();
    u.bind(1, c.signature);
    return u.run();
  };
  OriginCache origins;
  for (const auto& c : changes) {
    if (c.data.empty() && (c.data_hash.size() != 32 || c.pending))
      return make_error("A signed " + c.kind + " change was to be stored without its data, which only an applied change with its data's hash may be.");
    if (c.current && (c.kind != "comment" || c.pending || c.data_hash.size() != 32))
      return make_error("A signed " + c.kind + " change was to be kept by its comment, which only an applied comment change with its data's hash may be.");
    const bool kept_by_comment = c.kind == "comment" && !c.pending && c.data_hash.size() == 32;
    if (kept_by_comment && !c.current) {
      // Already the comment's own (importing the same bundle again): nothing to add.
      Stmt& h = **held;
      h.reset();
      h.bind(1, c.subject).bind(2, c.signature);
      auto found = h.step();
      h.reset();
      if (!found) return found.error();
      if (*found) {
        if (auto d = drop_waiting(c); !d) return d;
        continue;
      }
    }
    auto origin = origin_id(lib.db(), c, origins);
    if (!origin) return origin.error();
    if (c.current)
      if (auto d = drop_waiting(c); !d) return d;
    if (c.current) {
      // Its row, when the caller did not give it: by its UUID within the change's session,
      // so a change never lands on another session's comment.
      RowId comment_id = c.comment_id;
      if (comment_id == 0) {
        auto found = query_one<RowId>(
            lib.db(), "SELECT c.id FROM comments c JOIN sessions s ON s.id = c.session_id WHERE c.uuid = ?1 AND s.uuid = ?2",
            [&](Stmt& q) { q.bind(1, c.subject).bind(2, c.session_uuid); }, [](const Stmt& row) { return row.int64(0); });
        if (!found) return found.error();
        if (!*found)
          return make_error("A signed change of comment " + c.subject + " was to be kept by the comment, which is not in this library.");
        comment_id = **found;
      }
      Stmt& k = **by_comment;
      k.reset();
      k.bind(1, comment_id).bind(2, *origin).bind_blob(3, c.data_hash).bind(4, c.signature);
      if (auto r = k.run(); !r) return r;
      continue;
    }
    Stmt& s = **st;
    s.reset();
    s.bind(1, *origin).bind(2, c.kind).bind(3, c.subject);
    if (c.data.empty())
      s.bind_null(4);
    else
      s.bind(4, c.data);
    if (c.data_hash.empty())
      s.bind_null(5);
    else
      s.bind_blob(5, c.data_hash);
    s.bind(6, c.signature).bind(7, c.pending);
    waiting |= c.pending;
    if (auto r = s.run(); !r) return r;
  }
  return ok_status();
}

Status put_change(Library& lib, const StoredChange& c) { return put_changes(lib, {c}); }

namespace {
StoredChange read_change(const Stmt& st) {
  StoredChange c{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(7), st.int64(8) != 0, st.blob(6)};
  return c;
}
constexpr std::string_view kCols =
    "SELECT o.session_uuid, s.kind, s.subject, o.signer, o.public_key, s.data, s.data_hash, s.signature, s.pending "
    "FROM signed_changes s JOIN change_origins o ON o.id = s.origin ";
}  // namespace

Result<std::vector<StoredChange>> list_changes(Library& lib, const std::string& session_uuid, bool pending) {
  // Waiting changes through their partial index (the literal 1 lets SQLite use it).
  return query_all<StoredChange>(
      lib.db(),
      std::string(kCols) + (pending ? "WHERE s.pending = 1 AND o.session_uuid = ?1 ORDER BY s.id"
                                    : "WHERE s.pending = 0 AND o.session_uuid = ?1 ORDER BY s.id"),
      [&](Stmt& st) { st.bind(1, session_uuid); }, read_change);
}

Result<std::vector<StoredChange>> list_changes_of_kind(Library& lib, const std::string& session_uuid,
                                                       const std::string& kind) {
  return query_all<StoredChange>(
      lib.db(), std::string(kCols) + "WHERE s.kind = ?2 AND o.session_uuid = ?1 AND s.pending = 0 ORDER BY s.id",
      [&](Stmt& st) { st.bind(1, session_uuid).bind(2, kind); }, read_change);
}

Result<std::vector<StoredChange>> list_changes_of_kind_everywhere(Library& lib, const std::string& kind) {
  return query_all<StoredChange>(
      lib.db(), std::string(kCols) + "WHERE s.kind = ?1 AND s.pending = 0 ORDER BY s.id", [&](Stmt& st) { st.bind(1, kind); },
      read_change);
}

Result<std::optional<StoredChange>> find_change(Library& lib, const std::string& session_uuid, const std::string& kind,
                                                const std::string& subject, const std::string& data,
                                                const std::string& data_hash) {
  if (kind == "comment" && data_hash.size() == 32) {
    // The signature the comment holds for its state now (migration 10), if it is this state.
    auto kept = query_one<StoredChange>(
        lib.db(),
        "SELECT o.session_uuid, 'comment', c.uuid, o.signer, o.public_key, NULL, cs.data_hash, cs.signature, 0 "
        "FROM comment_signatures cs JOIN comments c ON c.id = cs.comment_id JOIN change_origins o ON o.id = cs.origin "
        "WHERE c.uuid = ?1 AND cs.data_hash = ?2 AND o.session_uuid = ?3",
        [&](Stmt& st) { st.bind(1, subject).bind_blob(2, data_hash).bind(3, session_uuid); }, read_change);
    if (!kept || *kept) return kept;
  }
  return query_one<StoredChange>(
      lib.db(),
      std::string(kCols) +
          "WHERE s.kind = ?2 AND s.subject = ?3 AND o.session_uuid = ?1 AND s.pending = 0 "
          "AND (s.data = ?4 OR (s.data IS NULL AND s.data_hash = ?5)) ORDER BY s.id LIMIT 1",
      [&](Stmt& st) {
        st.bind(1, session_uuid).bind(2, kind).bind(3, subject).bind(4, data);
        if (data_hash.empty())
          st.bind_null(5);
        else
          st.bind_blob(5, data_hash);
      },
      read_change);
}

}  // namespace triad::store
