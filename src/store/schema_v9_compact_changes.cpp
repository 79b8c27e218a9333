// Migration 9: signed changes kept in a compact form (issue 14: a 10,000-comment bundle
// stored ~670 bytes of provenance a comment, 2.5 times the comments themselves, and writing
// it was a third of a signed import). Never edit a released migration: add the next one.
//
//  - change_origins: who signed, with which key, for which session; written once for all of
//    that signer's changes (each row named all three: ~120 bytes) and referred to by number.
//  - signed_changes.data may be NULL when data_hash holds the BLAKE2b-256 of the change's
//    canonical data instead: an applied comment change is never read back, all an export
//    asks of it is "is this exact state signed?" (find_change, which matches the hash).
//    Pending changes, and every other kind, keep their data: they are read back.
//  - the (kind, subject) index serves find_change and the reads by kind; the session is in
//    the origin. Waiting changes have a partial index of their own, so the check after each
//    import reads them alone rather than every change of the session.
// Rows keep their ids (stored order) and their data; only new applied comments lose it.
#include "store/migrations.hpp"

namespace triad::store {
namespace {

constexpr std::string_view kSchemaV9 = R"sql(
CREATE TABLE change_origins (
  id           INTEGER PRIMARY KEY,
  session_uuid TEXT NOT NULL,
  signer       TEXT NOT NULL,
  public_key   TEXT NOT NULL,
  UNIQUE (session_uuid, signer, public_key)
);
INSERT INTO change_origins(session_uuid, signer, public_key)
  SELECT DISTINCT session_uuid, signer, public_key FROM signed_changes ORDER BY 1, 2, 3;
CREATE TABLE signed_changes_v9 (
  id        INTEGER PRIMARY KEY,
  origin    INTEGER NOT NULL REFERENCES change_origins(id),
  kind      TEXT NOT NULL,
  subject   TEXT NOT NULL,
  data      TEXT,
  data_hash BLOB,
  signature TEXT NOT NULL UNIQUE,
  pending   INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
  CHECK (data IS NOT NULL OR (pending = 0 AND length(data_hash) = 32))
);
INSERT INTO signed_changes_v9(id, origin, kind, subject, data, data_hash, signature, pending)
  SELECT s.id, o.id, s.kind, s.subject, s.data, NULL, s.signature, s.pending
  FROM signed_changes s JOIN change_origins o
    ON o.session_uuid = s.session_uuid AND o.signer = s.signer AND o.public_key = s.public_key
  ORDER BY s.id;
DROP TABLE signed_changes;
ALTER TABLE signed_changes_v9 RENAME TO signed_changes;
CREATE INDEX signed_changes_subject ON signed_changes(kind, subject);
CREATE INDEX signed_changes_waiting ON signed_changes(origin) WHERE pending = 1;
)sql";

}  // namespace

Migration store_migration_v9() { return Migration{9, "compact signed changes", kSchemaV9, {}}; }

}  // namespace triad::store
