#include "crypto/signing_key.hpp"

#include <sodium.h>

#include <cstdio>
#include <mutex>
#include <new>

namespace triad::crypto {

bool sodium_ready() {
  // sodium_init is itself idempotent and thread-safe; call_once keeps the check cheap.
  static std::once_flag once;
  static bool ready = false;
  std::call_once(once, [] { ready = sodium_init() >= 0; });
  return ready;
}

bool PublicKey::operator==(const PublicKey& o) const {
  return sodium_memcmp(bytes.data(), o.bytes.data(), bytes.size()) == 0;
}

SecretKey::SecretKey() {
  if (!sodium_ready()) throw std::bad_alloc();
  p_ = static_cast<std::uint8_t*>(sodium_malloc(kSecretKeyBytes));
  if (!p_) throw std::bad_alloc();
  sodium_memzero(p_, kSecretKeyBytes);
}

SecretKey::~SecretKey() {
  if (p_) sodium_free(p_);  // zeroes before freeing
}

SecretKey::SecretKey(SecretKey&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }

SecretKey& SecretKey::operator=(SecretKey&& o) noexcept {
  if (this != &o) {
    if (p_) sodium_free(p_);
    p_ = o.p_;
    o.p_ = nullptr;
  }
  return *this;
}

PublicKey SecretKey::public_key() const {
  PublicKey pk;
  if (p_) crypto_sign_ed25519_sk_to_pk(pk.bytes.data(), p_);
  return pk;
}

Result<KeyPair> generate_key_pair() {
  if (!sodium_ready()) return make_error("The signing library (libsodium) could not start.");
  KeyPair kp;
  if (crypto_sign_keypair(kp.public_key.bytes.data(), kp.secret_key.data()) != 0)
    return make_error("A signing key could not be made.");
  return kp;
}

Result<KeyPair> key_pair_from_seed(const std::uint8_t* seed32) {
  if (!sodium_ready()) return make_error("The signing library (libsodium) could not start.");
  KeyPair kp;
  if (crypto_sign_seed_keypair(kp.public_key.bytes.data(), kp.secret_key.data(), seed32) != 0)
    return make_error("A signing key could not be made from its seed.");
  return kp;
}

std::string base64_encode(const std::uint8_t* data, std::size_t n) {
  sodium_ready();
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool base64_decode(std::string_view b64, std::uint8_t* out, std::size_t n) {
  if (!sodium_ready()) return false;
  // Exactly the canonical encoding of n bytes: refuse other lengths up front.
  if (b64.size() != sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL) - 1) return false;
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out, n, b64.data(), b64.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  return len == n && end == b64.data() + b64.size();
}

std::string sign(const SecretKey& key, std::string_view message) {
  std::uint8_t sig[kSignatureBytes];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       key.data());
  return base64_encode(sig, sizeof sig);
}

bool verify(const PublicKey& key, std::string_view message, std::string_view signature_b64) {
  std::uint8_t sig[kSignatureBytes];
  if (!base64_decode(signature_b64, sig, sizeof sig)) return false;
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     key.bytes.data()) == 0;
}

std::string to_base64(const PublicKey& key) { return base64_encode(key.bytes.data(), key.bytes.size()); }

std::optional<PublicKey> public_key_from_base64(std::string_view b64) {
  PublicKey pk;
  if (!base64_decode(b64, pk.bytes.data(), pk.bytes.size())) return std::nullopt;
  return pk;
}

std::string fingerprint(const PublicKey& key) {
  sodium_ready();
  std::uint8_t hash[32];
  crypto_generichash(hash, sizeof hash, key.bytes.data(), key.bytes.size(), nullptr, 0);
  std::string out;
  for (int group = 0; group < 6; ++group) {
    std::uint64_t v = 0;
    for (int i = 0; i < 5; ++i) v = (v << 8) | hash[group * 5 + i];
    char buf[8];
    std::snprintf(buf, sizeof buf, "%05llu", static_cast<unsigned long long>(v % 100000));
    if (group) out += ' ';
    out += buf;
  }
  return out;
}

}  // namespace triad::crypto
