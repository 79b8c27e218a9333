#pragma once
// Signed batches: one Ed25519 signature by which an author vouches for all of their changes
// in a bundle at once (the idea of Secure Scuttlebutt's signed feeds, a signed Merkle root, a
// git signed tag). A bundle's "attestations" list (exchange/BUNDLE_FORMAT.md) holds, for its
// exporter, one object shaped like a signed change of kind "batch":
//   {"kind": "batch", "session": "<uuid>", "signer": "Olly Observer", "key": "<base64>",
//    "data": {"hashes": ["<base64 BLAKE2b-256>", ...]}, "sig": "<base64 Ed25519>"}
// Each hash is of the canonical JSON of one whole change *with* its own sig, so the change a
// batch vouches for still carries its author's own signature and forwards unchanged; the
// batch's signature covers its canonical JSON without sig, as a change's does (session, kind,
// signer and key bound in). "batch" is no change kind, so neither can pass for the other.
//
// On import the batches are verified first (one signature each; one that does not verify
// refuses the bundle: it was changed after it was signed, which an honest exporter never
// does); a change whose hash is in a verified batch of the same signer, key and session counts as verified without its own Ed25519 check
// (exchange/change_verifier.hpp); every other change is verified alone, as before. The hashes
// are public data: a sorted list searched by bisection (no hash table an attacker could flood).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "crypto/content_hash.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/signed_change.hpp"

namespace triad::exchange {

inline constexpr const char* kBatchKind = "batch";
inline constexpr std::size_t kMaxAttestations = 64;

// The canonical JSON of a whole change, its sig included (keys in byte order: data, key,
// kind, session, sig, signer), built around its data's canonical JSON. A test holds it equal
// to crypto::canonical_json(change_to_json(c)).
Result<std::string> change_bytes_with(const Change& c, const std::string& canonical_data);

// The batch `signer` signs with `key` over `changes` (each as it travels, change_to_json):
// the hashes of those signed by that key, in their order. nullopt data: none of them is.
Result<std::optional<Change>> sign_batch(const std::string& session, const std::string& signer,
                                         const crypto::SecretKey& key, const nlohmann::json& changes);

// Reads one attestation (envelope and data, unknown fields refused); `where` names it.
Result<Change> batch_from_json(nlohmann::json j, const std::string& where);

// The verified batches of one bundle.
class BatchVouchers {
 public:
  // Verifies every batch's signature. Error: a clause to follow "'<file>' was not imported: ",
  // naming the signer and what failed.
  static Result<BatchVouchers> verify(const std::vector<Change>& batches);

  // True when a verified batch by c's own signer and key, for c's own session, lists the
  // hash of c's canonical bytes (`canonical_data`: its data's canonical JSON). Thread-safe (reads only).
  bool vouches(const Change& c, const std::string& canonical_data) const;
  bool empty() const { return batches_.empty(); }

 private:
  struct Batch {
    std::string session, signer, key;
    std::vector<crypto::ContentHash> hashes;  // sorted
  };
  std::vector<Batch> batches_;
};

}  // namespace triad::exchange
