#pragma once
// Re-keying a person (issue 12): a person whose key is bound here (lost laptop, new
// computer) gets a new public key only by a signed `rekey` change of the session's
// facilitator or observed teacher (BUNDLE_FORMAT.md, "Keys"). The change names the key it
// replaces and when: the old key still vouches for what it signed up to then, never after.
// Who may re-key whom is app/rekey.hpp's decision; this file signs, binds and keeps it.
#include <cstdint>
#include <string>

#include "base/result.hpp"
#include "core/model.hpp"
#include "crypto/signing_key.hpp"
#include "store/library.hpp"

namespace triad::exchange {

struct RekeyMade {
  std::string person;       // travelling name
  std::string old_key;      // base64
  std::string new_key;      // base64
};

// Signs `signer_id`'s re-key of `person_id` to `new_key` (base64 Ed25519 public key) in
// `session_id` at `now_ms`, binds the new key here and keeps the change for export, in one
// transaction. `key` must be the signer's own bound key. Refused (one sentence, nothing
// written) when the person has no key here, already has this one, or it is someone else's.
// The checks of the new key alone, before anything is signed (sign_rekey makes them again):
// `new_key` is an Ed25519 public key, `person_id` (travelling name `person`) has a key bound
// here and it is another one, and nobody else holds it here. Value: the key it replaces.
Result<std::string> check_rekey_key(store::Library& lib, RowId person_id, const std::string& person,
                                    const std::string& new_key);

Result<RekeyMade> sign_rekey(store::Library& lib, RowId session_id, RowId signer_id, const crypto::SecretKey& key,
                             RowId person_id, const std::string& new_key, std::int64_t now_ms);

}  // namespace triad::exchange
