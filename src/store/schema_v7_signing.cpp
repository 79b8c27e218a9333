// Migration 7: signing identities and signed changes (exchange/BUNDLE_FORMAT.md, version 2).
// Never edit a released migration: add the next one.
//
//  - person_keys: the Ed25519 public key bound to a person of this library (one key per
//    person; a second one only when a facilitator re-keys them). Public keys only: secret
//    keys live in key files beside the library (crypto/key_file.hpp), never in this file.
//  - signed_changes: every signed change this library accepted (applied) or holds until
//    its signer's key is bound (pending), exactly as signed, so bundles can forward other
//    people's changes with their own signatures. Provenance: left out of `triad dump`.
//  - actions get a uuid (they travel between libraries now) and the time of their last edit.
#include "base/uuid.hpp"
#include "store/library_internal.hpp"
#include "store/migrations.hpp"

namespace triad::store {
namespace {

constexpr std::string_view kSchemaV7 = R"sql(
CREATE TABLE person_keys (
  person_id   INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  public_key  TEXT NOT NULL UNIQUE,
  bound_at_ms INTEGER NOT NULL
);
CREATE TABLE signed_changes (
  id           INTEGER PRIMARY KEY,
  session_uuid TEXT NOT NULL,
  kind         TEXT NOT NULL,
  subject      TEXT NOT NULL,
  signer       TEXT NOT NULL,
  public_key   TEXT NOT NULL,
  data         TEXT NOT NULL,
  signature    TEXT NOT NULL UNIQUE,
  pending      INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))
);
CREATE INDEX signed_changes_subject ON signed_changes(session_uuid, kind, subject);
ALTER TABLE actions ADD COLUMN uuid TEXT;
ALTER TABLE actions ADD COLUMN updated_at_ms INTEGER NOT NULL DEFAULT 0;
UPDATE actions SET updated_at_ms = coalesce(done_at_ms, created_at_ms);
)sql";

// Existing actions get a UUID each (SQLite has no UUID function).
Status backfill_action_uuids(Db& db) {
  auto ids = detail::query_all<std::int64_t>(db, "SELECT id FROM actions WHERE uuid IS NULL", [](Stmt&) {},
                                             [](const Stmt& st) { return st.int64(0); });
  if (!ids) return ids.error();
  for (auto id : *ids) {
    auto st = Stmt::prepare(db, "UPDATE actions SET uuid = ?2 WHERE id = ?1");
    if (!st) return st.error();
    st->bind(1, id).bind(2, new_uuid());
    if (auto r = st->run(); !r) return r.error();
  }
  return db.exec("CREATE UNIQUE INDEX actions_uuid ON actions(uuid)");
}

}  // namespace

Migration store_migration_v7() { return Migration{7, "signing keys and signed changes", kSchemaV7, backfill_action_uuids}; }

}  // namespace triad::store
