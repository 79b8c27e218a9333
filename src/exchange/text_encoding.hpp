#pragma once
// Byte-level text helpers shared by the importers: UTF-8 validation, the Windows-1252
// fallback many subtitle files still use, BOM handling.
#include <string>
#include <string_view>

namespace triad::exchange {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Removes a leading UTF-8 byte order mark, if any.
std::string_view strip_utf8_bom(std::string_view s);

// Windows-1252 bytes -> UTF-8 (the 5 undefined bytes 0x81 0x8D 0x8F 0x90 0x9D map to the
// C1 controls of the same value, as browsers do).
std::string windows1252_to_utf8(std::string_view s);

// UTF-8 text as-is when valid, else decoded as Windows-1252 (legacy subtitle files).
// BOM removed. `*was_legacy` (optional) tells which happened.
std::string decode_text_file(std::string_view bytes, bool* was_legacy = nullptr);

// Appends code point `cp` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

}  // namespace triad::exchange
