#pragma once
// Text at the boundary. Everything stored in the library is valid UTF-8 (so every JSON
// writer can print it), names and titles carry no control characters, and nothing printed
// to a terminal can move the cursor, recolour it or retitle the window.
//
// Front ends refuse invalid UTF-8 with a sentence (check_text / check_name); importers of
// formats that allow it repair it with U+FFFD (repair_utf8) and say so in their report.
#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace triad {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Byte offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text);

// Replaces every ill-formed sequence with U+FFFD (one per maximal ill-formed subpart, as the
// Unicode standard recommends). `repaired`, when given, is set to how many were replaced.
std::string repair_utf8(std::string_view text, std::size_t* repaired = nullptr);

// True for C0 controls, DEL and C1 controls (U+0080..U+009F), given as a code point.
constexpr bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// Removes control characters from valid UTF-8. Free text keeps line breaks and tabs
// (CR LF becomes LF); names and titles keep none (they are one line).
enum class TextKind { FreeText, Name };
std::string strip_controls(std::string_view utf8, TextKind kind);

// What a front end does with text a person typed: refused with a sentence naming `what`
// when it is not UTF-8 or longer than `max_bytes`; control characters are removed.
Result<std::string> check_text(std::string_view text, std::string_view what, std::size_t max_bytes = 1 << 20);
// The same for a name or title: one line, no controls, surrounding spaces trimmed,
// and not empty after that when `allow_empty` is false.
Result<std::string> check_name(std::string_view text, std::string_view what, bool allow_empty = false,
                               std::size_t max_bytes = 4096);

// Untrusted text made safe to print on a terminal: control characters (ESC, CR, BEL, C1
// ...) and invalid bytes become visible escapes such as \x1b or \xff. Newlines and tabs
// are kept when `keep_newlines` (multi-line output), escaped otherwise. `json` spells every
// escape as \u00XX instead, so escaped JSON output stays valid JSON.
std::string escape_for_terminal(std::string_view text, bool keep_newlines = true, bool json = false);

// ASCII letters lowered, every other byte kept (UTF-8 stays valid): case-blind matching of
// searches, labels and header names, without a locale.
std::string ascii_lower(std::string_view text);

// Appends code point `cp` (at most U+10FFFF; the caller has checked it) as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// A short human spelling of a double for messages ("600", "0.25").
std::string fmt_number(double v);

}  // namespace triad
