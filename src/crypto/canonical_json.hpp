#pragma once
// The one byte form Triad signs: canonical JSON (Matrix's "canonical JSON", RFC 8785 for the
// cases Triad uses). Object keys sorted by their UTF-8 bytes, no insignificant whitespace,
// strings as UTF-8 (no \u escapes except for control characters, as \u00xx lower-case, and
// the short forms \" \\ \b \f \n \r \t), numbers integers only. A float anywhere is refused.
//
// Verify by re-canonicalising what was parsed, never by comparing to the incoming text.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.hpp"

namespace triad::crypto {

// The canonical bytes of `j`; refused when it holds a floating-point number or invalid UTF-8.
Result<std::string> canonical_json(const nlohmann::json& j);

// Parses `text` refusing duplicate object keys (a later duplicate would otherwise silently
// win, and two readers could see different values). Error: one sentence naming `source`.
Result<nlohmann::json> parse_json_strict(std::string_view text, const std::string& source);

}  // namespace triad::crypto
