#include "crypto/content_hash.hpp"

#include <sodium.h>

#include <new>

#include "crypto/signing_key.hpp"

namespace triad::crypto {

ContentHash content_hash(std::string_view bytes) {
  if (!sodium_ready()) throw std::bad_alloc();  // as SecretKey: nothing here works without it
  ContentHash h{};
  crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  return h;
}

std::string content_hash_base64(std::string_view bytes) {
  const ContentHash h = content_hash(bytes);
  return base64_encode(h.data(), h.size());
}

}  // namespace triad::crypto
