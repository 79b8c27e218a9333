#pragma once
// Re-keying a person, for the CLI (`triad identity rekey`) and the window (the Session
// panel's roster): when someone's signing key is lost or replaced, their new key is refused
// everywhere ("carries a different key") until the session's facilitator or observed
// teacher binds it in a signed re-key that travels in bundles (exchange/rekey.hpp). The
// new key is given as its base64 public key (`triad identity show --json` on their
// computer) or read from a bundle they signed with it; either way its fingerprint is shown
// so that the two people can compare it aloud before anything is bound.
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "store/library.hpp"

namespace triad::app {

struct RekeyResult {
  std::string person;
  std::string old_fingerprint, new_fingerprint;  // crypto::fingerprint, as compared aloud
};

// `actor_id` (the session's facilitator or observed teacher, as its roster says) re-keys
// `person_id` (a participant who signs: not a learning detective) to `new_key`, signing with
// their own key (unlocked with `passphrase`). One sentence naming who tried what when refused;
// nothing written then.
Result<RekeyResult> rekey_person(store::Library& lib, RowId session_id, RowId actor_id, RowId person_id,
                                 const std::string& new_key, const std::string& passphrase, std::int64_t now_ms);

// Whether `actor_id` may re-key `person_id` in the session: the session's facilitator or
// observed teacher (its roster), re-keying a participant who signs. Else one sentence
// naming who tried what (rekey_person and preview_rekey check it first).
Status may_rekey(store::Library& lib, RowId session_id, RowId actor_id, RowId person_id);

// Who `actor_id` may re-key in the session: its participants who sign (not learning
// detectives) and have a key bound here. Empty unless the actor is the session's
// facilitator or observed teacher as its roster says (the window shows "Re-key…" on those rows).
Result<std::vector<RowId>> rekeyable_people(store::Library& lib, RowId session_id, RowId actor_id);

// What rekey_person would bind, checked by the same rules with the same sentences, nothing
// written: the fingerprints to compare aloud, and whether the actor's key is sealed (its
// passphrase is asked before binding).
struct RekeyPreview {
  std::string person;
  std::string new_key;  // base64
  std::string old_fingerprint, new_fingerprint;
  bool passphrase_needed = false;
};
Result<RekeyPreview> preview_rekey(store::Library& lib, RowId session_id, RowId actor_id, RowId person_id,
                                   const std::string& new_key);

// The public key `person`'s changes in a bundle file are signed with (the one it was refused
// for): one sentence when the bundle is unreadable, or they sign nothing in it or with several keys.
Result<std::string> key_signed_in_bundle(const std::string& bundle_path, const std::string& person);

}  // namespace triad::app
