#pragma once
// One signed change as it travels in a version 2 bundle (exchange/BUNDLE_FORMAT.md):
//   {"kind": "comment", "session": "<uuid>", "signer": "Alice Smith", "key": "<base64>",
//    "data": {...}, "sig": "<base64 Ed25519>"}
// The signature is over the canonical JSON (crypto/canonical_json.hpp) of the object without
// "sig": the session, the kind and the signer's key are bound in, so a change cannot be
// replayed into another session, as another kind, or under another person's name. Each
// kind's data carries its own order (a comment's version, a record's edit time), so an old
// change replayed over a newer one loses the merge. Unknown fields are refused, never
// ignored: a change stripped or padded after signing does not verify.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "crypto/signing_key.hpp"

namespace triad::exchange {

// The kinds of change, in the order a bundle lists them (each may depend on earlier ones).
// Lesson Study's case (pupils and phases) follows the protocol; predictions, made before
// watching, come before the comments. A re-key follows the roster it is authorised by and
// precedes every change its new key signs; so do the recordings' placements.
inline constexpr std::string_view kChangeKinds[] = {"genesis",  "session",    "key",     "participant", "rekey",
                                                    "recordings", "protocol", "case",    "prediction",  "comment",
                                                    "submission", "approval", "reveal",  "action"};
bool is_change_kind(std::string_view kind);
int change_kind_rank(std::string_view kind);

struct Change {
  std::string kind;
  std::string session;  // session uuid
  std::string signer;   // display name (or a learning detective's pseudonym)
  std::string key;      // signer's public key, base64
  nlohmann::json data;  // an object; its fields depend on the kind
  std::string sig;      // base64 Ed25519 over signed_bytes()
};

// The canonical bytes the signature covers (refused when the data holds a float).
Result<std::string> signed_bytes(const Change& c);
// The same, given the canonical JSON of c.data already made (no second serialisation).
Result<std::string> signed_bytes_with(const Change& c, const std::string& canonical_data);
// Appends `s` as a canonical JSON string (quoted, escaped), as crypto::canonical_json would.
Status append_canonical_string(std::string& out, const std::string& s);
// Signs a change as `signer` with `key`.
Result<Change> sign_change(std::string kind, std::string session, std::string signer, const crypto::SecretKey& key,
                           nlohmann::json data);
// Checks the signature against the change's own key. Value: the canonical JSON of its data
// (the form a library keeps); error: what failed, as a clause to follow "<signer>'s <kind>
// change" ("it does not match its signature: it was changed after it was signed", or why it
// could not be checked). Thread-safe: touches no shared state.
Result<std::string> verify_change(const Change& c);
// The two halves of verify_change: the data's canonical JSON (error: the same clause), and
// the check given it (value: that canonical JSON, moved through).
Result<std::string> canonical_data_of(const Change& c);
Result<std::string> verify_change_with(const Change& c, std::string canonical_data);
// BLAKE2b-256 of a change's canonical data, as 32 raw bytes: what a library keeps of an
// applied comment change in place of its data (store/signed_changes.hpp, StoredChange::data_hash).
std::string canonical_data_hash(std::string_view canonical_data);
// True when the signature verifies against the change's own key.
bool signature_ok(const Change& c);

nlohmann::json change_to_json(const Change& c);
// Reads a change's envelope (fields, types, key and signature encodings); the data's own
// fields are checked by the bundle reader. `where` names it in the one-sentence error.
// Takes `j` by value: a reader done with the document moves it in, and its data is moved on.
Result<Change> change_from_json(nlohmann::json j, const std::string& where);
// The same envelope checks for a signed object of any kind (a batch: exchange/change_batch.hpp).
Result<Change> envelope_from_json(nlohmann::json j, const std::string& where);

// What the change is about (a comment uuid, a person's name, the session...): changes of
// one kind and subject compete in a merge.
std::string change_subject(const Change& c);
// The same without a copy: a view into c (or into `scratch`, for a prediction's subject),
// valid while both live unchanged.
std::string_view change_subject_view(const Change& c, std::string& scratch);
// A prediction's subject: its author, pupil and phase as a canonical JSON list (names may
// hold any character, so they are not joined with a separator).
std::string prediction_subject(const std::string& author, const std::string& pupil, const std::string& phase);

}  // namespace triad::exchange
