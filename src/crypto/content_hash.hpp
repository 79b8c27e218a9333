#pragma once
// BLAKE2b-256 (libsodium crypto_generichash) of exact bytes: what a signed batch lists to
// name the changes it vouches for (exchange/change_batch.hpp). Public data, no key.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace triad::crypto {

inline constexpr std::size_t kContentHashBytes = 32;
using ContentHash = std::array<std::uint8_t, kContentHashBytes>;

ContentHash content_hash(std::string_view bytes);
// The same as standard base64 (44 characters), the form hashes travel in.
std::string content_hash_base64(std::string_view bytes);

}  // namespace triad::crypto
