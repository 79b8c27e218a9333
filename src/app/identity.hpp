#pragma once
// Signing identities, for the CLI (`triad identity ...`) and the window's identity picker.
// Each person who acts has an Ed25519 key: the secret half in a key file beside the library
// (crypto/key_file.hpp: `<library>.keys/`, 0600, optionally sealed by a passphrase), the
// public half bound to the person in the library (store/signed_changes.hpp), from where it
// travels in the facilitator's signed roster. Several people on one computer each have
// their own file. A person's fingerprint (six groups of five digits) is what people compare
// aloud to know they hold each other's real key.
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/model.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/bundle.hpp"
#include "store/library.hpp"

namespace triad::app {

struct IdentityInfo {
  RowId person_id = 0;
  std::string person;        // display name
  std::string public_key;    // base64
  std::string fingerprint;   // "12345 67890 ..." (crypto::fingerprint)
  bool secret_here = false;  // this library's key folder holds the secret key
  bool sealed = false;       // ... protected by a passphrase
};

// Makes `person_id`'s signing key: writes the key file and binds the public key here.
// Refused when the person already has a key (here or bound from a roster).
Result<IdentityInfo> create_identity(store::Library& lib, RowId person_id, const std::string& passphrase);

// The person's key as this library knows it (nullopt: none bound and no key file).
Result<std::optional<IdentityInfo>> identity_of(store::Library& lib, RowId person_id);

// Everyone with a key known here: people with key files here, and keys bound from rosters.
Result<std::vector<IdentityInfo>> list_identities(store::Library& lib);

// The person's secret key, unlocked (one sentence when there is none or the passphrase is wrong).
Result<crypto::SecretKey> unlock_identity(store::Library& lib, RowId person_id, const std::string& passphrase);

// A session's bundle signed by `exporter_id` (unlocking their key with `passphrase`).
Result<exchange::ExportReport> export_signed_bundle(store::Library& lib, RowId session_id, exchange::Audience audience,
                                                    RowId exporter_id, const std::string& passphrase, std::int64_t now_ms);

}  // namespace triad::app
