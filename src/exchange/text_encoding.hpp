#pragma once
// Byte-level text helpers shared by the importers: which encoding a file is in (per file,
// never guessed silently), UTF-8 validation and repair, the Windows-1252 fallback many
// subtitle files still use, BOM handling.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.hpp"

namespace triad::exchange {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when the bytes there are
// not one (a lone continuation byte, a truncated or overlong sequence, a surrogate...).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// `s` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD (one per
// broken sequence, as the WHATWG decoder does). `*replaced` (optional) counts them.
std::string repair_utf8(std::string_view s, std::size_t* replaced = nullptr);

// Removes a leading UTF-8 byte order mark, if any.
std::string_view strip_utf8_bom(std::string_view s);

// Windows-1252 bytes -> UTF-8 (the 5 undefined bytes 0x81 0x8D 0x8F 0x90 0x9D map to the
// C1 controls of the same value, as browsers do).
std::string windows1252_to_utf8(std::string_view s);

// append_utf8 (a code point as UTF-8) is base/text.hpp's, shared with crypto's JSON reader.
using triad::append_utf8;

// What an importer does with bytes that are not UTF-8 in a file without a BOM.
enum class LegacyBytes {
  Windows1252,  // read them as Windows-1252 (CSV, SRT: spreadsheets and old subtitle tools)
  Replace,      // replace them with U+FFFD (WebVTT: the spec's UTF-8 decoder)
};

struct DecodedText {
  std::string text;      // UTF-8, no BOM, no NUL (NUL becomes U+FFFD)
  std::string encoding;  // what was detected, for people: "UTF-8", "UTF-16LE", "Windows-1252"...
  // One sentence per thing the reader should know (a legacy or mixed encoding, repaired
  // bytes), each naming the file; empty for clean UTF-8.
  std::vector<std::string> warnings;
};

// Decodes a text file per its own bytes: a BOM decides (UTF-8, UTF-16LE/BE, UTF-32LE/BE);
// without one, UTF-16/32 are recognised by their zero bytes; then UTF-8 when the bytes are
// valid UTF-8; otherwise `legacy` decides. A file that is mostly UTF-8 with some bytes that
// are not ("mixed") keeps its UTF-8 and only those bytes go the legacy way, and the warning
// names how many lines and the first one. Malformed UTF-16/32 units become U+FFFD, counted.
DecodedText decode_import_text(std::string_view bytes, const std::string& source,
                               LegacyBytes legacy = LegacyBytes::Windows1252);

// UTF-8 text as-is when valid, else decoded as Windows-1252 (legacy subtitle files).
// BOM removed. `*was_legacy` (optional) tells which happened. (Older callers; importers use
// decode_import_text.)
std::string decode_text_file(std::string_view bytes, bool* was_legacy = nullptr);

}  // namespace triad::exchange
