#pragma once
// Public signing keys bound to people, and signed changes kept exactly as signed (migration 7;
// compact since migration 9: signer, key and session by number, a comment's data by its hash).
// The rules deciding whether a change applies live in exchange/signed_change.hpp; this file
// only stores. Errors are one sentence; code 1 = refused, 5 = I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::store {

// The public key (base64) bound to a person here, if any.
Result<std::optional<std::string>> person_key(Library& lib, RowId person_id);
// Who holds this public key here, if anyone.
Result<std::optional<RowId>> person_with_key(Library& lib, const std::string& public_key);
// Binds a key to a person. Binding the same key again is a no-op; a different key for a
// person who has one, or a key another person holds, is refused unless `rekey`.
Status bind_person_key(Library& lib, RowId person_id, const std::string& public_key, std::int64_t at_ms,
                       bool rekey = false);

struct StoredChange {
  std::string session_uuid, kind, subject, signer, public_key;
  // Canonical JSON of the change's data. Empty when only `data_hash` is kept (migration 9):
  // an applied change whose data the library holds elsewhere (a comment's is its row).
  std::string data;
  std::string signature;
  bool pending = false;
  // Left out of most aggregate initialisations on purpose: empty means not given.
  std::string data_hash{};  // BLAKE2b-256 of the canonical data (32 bytes) when the caller gives it; else empty
  // An applied comment change (kept by its hash) whose state the comment's row now holds:
  // kept by the comment itself (migration 10), replacing the one it held before.
  bool current{};
  RowId comment_id{};  // a current comment change's row here, when the caller knows it (0: found by its UUID)
};
// Stores a change (already verified by the caller); a change with the same signature is
// kept once (a pending one becomes applied when stored again as applied). A change stored
// without data needs its 32-byte data_hash and cannot be pending. A `current` comment change
// is kept by its comment (one a comment: the signature of its state now), which must be in
// the library; one the comment already holds is not kept again.
Status put_change(Library& lib, const StoredChange& c);
// The same for many, with one prepared statement (a bundle's import).
Status put_changes(Library& lib, const std::vector<StoredChange>& changes);
// The session's changes, applied or pending, in the order stored. Applied changes kept
// without their data come back with empty data (their data_hash set).
Result<std::vector<StoredChange>> list_changes(Library& lib, const std::string& session_uuid, bool pending);
// The session's applied changes of one kind, in the order stored: the genesis, the role
// claims (the index on (kind, subject) finds them without reading every comment). As
// list_changes, a change kept without its data comes back with empty data.
Result<std::vector<StoredChange>> list_changes_of_kind(Library& lib, const std::string& session_uuid,
                                                       const std::string& kind);
// The applied changes of one kind in every session here, in the order stored (re-keys: a key
// is bound to a person in the whole library, so one re-keyed in any session counts).
Result<std::vector<StoredChange>> list_changes_of_kind_everywhere(Library& lib, const std::string& kind);
// The applied change of (kind, subject) whose data is exactly `data`, if one was stored:
// matched by the data itself or, for one kept without it, by `data_hash` (its BLAKE2b-256;
// empty: only changes kept with their data can match).
Result<std::optional<StoredChange>> find_change(Library& lib, const std::string& session_uuid, const std::string& kind,
                                                const std::string& subject, const std::string& data,
                                                const std::string& data_hash = {});

}  // namespace triad::store
