#include "base/text.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace triad {
namespace {

// Length of the well-formed sequence starting at s[i], or 0 when ill-formed; `cp` gets
// the code point. Follows Unicode Table 3-7 (well-formed UTF-8 byte sequences).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  for (std::size_t k = 1; k < n; ++k) {
    if (i + k >= s.size()) return 0;
    unsigned char t = b(i + k);
    if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) return 0;
    cp = (cp << 6) | (t & 0x3F);
  }
  return n;
}

// How many bytes of an ill-formed sequence at s[i] one U+FFFD stands for: the maximal
// prefix of a would-be sequence (at least one byte).
std::size_t ill_formed_span(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 1;
  std::size_t k = 1;
  for (; k < n && i + k < s.size(); ++k) {
    // Check the prefix s[i..i+k] can still start a valid sequence.
    std::string_view prefix = s.substr(i, k + 1);
    char32_t cp;
    std::string padded(prefix);
    padded.append(n - k - 1, '\x80');
    if (decode(padded, 0, cp) == 0) break;
  }
  return k;
}


std::string hex_escape(unsigned char c, bool json = false) {
  char buf[8];
  std::snprintf(buf, sizeof buf, json ? "\\u%04x" : "\\x%02x", c);
  return buf;
}

std::string trim_spaces(std::string s) {
  std::size_t a = s.find_first_not_of(' ');
  if (a == std::string::npos) return "";
  std::size_t b = s.find_last_not_of(' ');
  return s.substr(a, b - a + 1);
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view text) {
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    // Eight ASCII bytes at a time (most text Triad stores is ASCII): every byte read is
    // < 0x80, so each is a whole code point and valid.
    while (i + 8 <= text.size()) {
      std::uint64_t eight;
      std::memcpy(&eight, text.data() + i, 8);
      if (eight & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= text.size()) break;
    std::size_t n = decode(text, i, cp);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) { return first_invalid_utf8(text) == std::string_view::npos; }

std::string repair_utf8(std::string_view text, std::size_t* repaired) {
  std::string out;
  out.reserve(text.size());
  std::size_t count = 0;
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = decode(text, i, cp);
    if (n > 0) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++count;
      i += ill_formed_span(text, i);
    }
  }
  if (repaired) *repaired = count;
  return out;
}

std::string strip_controls(std::string_view utf8, TextKind kind) {
  std::string out;
  out.reserve(utf8.size());
  char32_t cp;
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t n = decode(utf8, i, cp);
    if (n == 0) {  // not expected (callers validate first): dropped rather than kept raw
      ++i;
      continue;
    }
    bool keep = !is_control(cp);
    if (kind == TextKind::FreeText && (cp == '\n' || cp == '\t')) keep = true;
    if (kind == TextKind::Name && (cp == '\t' || cp == '\n' || cp == '\r')) {
      if (!out.empty() && out.back() != ' ') out += ' ';  // a line break in a name is a space
      i += n;
      continue;
    }
    if (keep) out.append(utf8.substr(i, n));
    i += n;
  }
  return out;
}

Result<std::string> check_text(std::string_view text, std::string_view what, std::size_t max_bytes) {
  if (auto bad = first_invalid_utf8(text); bad != std::string_view::npos)
    return make_error(std::string(what) + " is not valid UTF-8 text (byte " + std::to_string(bad + 1) + " is " +
                      hex_escape(static_cast<unsigned char>(text[bad])) + "); it was not saved.");
  if (text.size() > max_bytes)
    return make_error(std::string(what) + " is too long (" + std::to_string(text.size()) + " bytes; at most " +
                      std::to_string(max_bytes) + ").");
  return strip_controls(text, TextKind::FreeText);
}

Result<std::string> check_name(std::string_view text, std::string_view what, bool allow_empty, std::size_t max_bytes) {
  auto t = check_text(text, what, max_bytes);
  if (!t) return t;
  std::string name = trim_spaces(strip_controls(*t, TextKind::Name));
  if (name.empty() && !allow_empty && !text.empty())
    return make_error(std::string(what) + " has no printable characters.");
  if (name.empty() && !allow_empty) return make_error(std::string(what) + " is empty.");
  return name;
}

std::string escape_for_terminal(std::string_view text, bool keep_newlines, bool json) {
  std::string out;
  out.reserve(text.size());
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = decode(text, i, cp);
    if (n == 0) {
      out += hex_escape(static_cast<unsigned char>(text[i]), json);
      ++i;
      continue;
    }
    if (is_control(cp) && !(keep_newlines && (cp == '\n' || cp == '\t'))) {
      if (cp < 0x80) {
        out += hex_escape(static_cast<unsigned char>(cp), json);
      } else {
        char buf[12];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
        out += buf;
      }
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string fmt_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace triad
