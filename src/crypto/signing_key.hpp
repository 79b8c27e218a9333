#pragma once
// Ed25519 signing keys (libsodium), the readable fingerprint people compare aloud, and the
// encodings keys travel in. Nothing here writes a file; key_file.hpp keeps keys at rest.
//
// Contracts: sodium is initialised once, on first use, by every function here (thread-safe).
// A SecretKey owns 64 bytes in memory libsodium locks and zeroes (sodium_malloc/sodium_free);
// it is movable, never copyable, and never printed. Comparisons of keys and signatures use
// sodium_memcmp (constant time).
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace triad::crypto {

inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSecretKeyBytes = 64;
inline constexpr std::size_t kSignatureBytes = 64;

// Starts libsodium once for the process; false when it cannot (then nothing here works).
bool sodium_ready();

struct PublicKey {
  std::array<std::uint8_t, kPublicKeyBytes> bytes{};
  bool operator==(const PublicKey& o) const;  // constant time
};

class SecretKey {
 public:
  SecretKey();  // zeroed, locked memory
  ~SecretKey();
  SecretKey(SecretKey&& o) noexcept;
  SecretKey& operator=(SecretKey&& o) noexcept;
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;

  std::uint8_t* data() { return p_; }
  const std::uint8_t* data() const { return p_; }
  // The public half (libsodium stores it in the second 32 bytes of the secret key).
  PublicKey public_key() const;

 private:
  std::uint8_t* p_ = nullptr;
};

struct KeyPair {
  PublicKey public_key;
  SecretKey secret_key;
};

Result<KeyPair> generate_key_pair();
// The key pair of a 32-byte seed (RFC 8032 test vectors; tests only need this).
Result<KeyPair> key_pair_from_seed(const std::uint8_t* seed32);

// Detached signature over `message`, as standard base64 (88 characters).
std::string sign(const SecretKey& key, std::string_view message);
// True when `signature_b64` is a valid Ed25519 signature of `message` by `key`.
bool verify(const PublicKey& key, std::string_view message, std::string_view signature_b64);

// Keys travel as standard base64 (44 characters); parse refuses anything else.
std::string to_base64(const PublicKey& key);
std::optional<PublicKey> public_key_from_base64(std::string_view b64);

// Signal-style fingerprint: BLAKE2b-256 of the public key, six groups of five digits
// ("12345 67890 ..."), each group a 5-byte chunk of the hash mod 100000. Same in the CLI and
// the window; people read it aloud to check they hold each other's real key.
std::string fingerprint(const PublicKey& key);

// Byte helpers on top of libsodium's own codecs (constant-time, no padding games).
std::string base64_encode(const std::uint8_t* data, std::size_t n);
bool base64_decode(std::string_view b64, std::uint8_t* out, std::size_t n);  // exactly n bytes

}  // namespace triad::crypto
