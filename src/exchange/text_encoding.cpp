#include "exchange/text_encoding.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace triad::exchange {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

std::uint8_t byte_at(std::string_view s, std::size_t i) { return static_cast<std::uint8_t>(s[i]); }

enum class Unicode { Utf8, Utf16Le, Utf16Be, Utf32Le, Utf32Be };

// UTF-16/32 without a BOM: text in the Latin range has a zero in every unit's high bytes,
// which UTF-8 text never has. Only the first 4 KiB are looked at.
std::optional<Unicode> sniff_wide(std::string_view s) {
  const std::size_t n = std::min<std::size_t>(s.size(), 4096);
  if (n >= 4) {
    bool le = true, be = true;
    for (std::size_t i = 0; i + 3 < n; i += 4) {
      std::uint8_t b0 = byte_at(s, i), b1 = byte_at(s, i + 1), b2 = byte_at(s, i + 2), b3 = byte_at(s, i + 3);
      bool zero = (b0 | b1 | b2 | b3) == 0;
      le = le && !zero && b3 == 0 && b2 <= 0x10;
      be = be && !zero && b0 == 0 && b1 <= 0x10;
    }
    if (le && s.size() % 4 == 0) return Unicode::Utf32Le;
    if (be && s.size() % 4 == 0) return Unicode::Utf32Be;
  }
  if (n >= 2) {
    std::size_t pairs = n / 2, zero_even = 0, zero_odd = 0;
    for (std::size_t i = 0; i + 1 < n; i += 2) {
      zero_even += byte_at(s, i) == 0;
      zero_odd += byte_at(s, i + 1) == 0;
    }
    if (zero_odd * 10 >= pairs * 4 && zero_even * 10 < pairs) return Unicode::Utf16Le;
    if (zero_even * 10 >= pairs * 4 && zero_odd * 10 < pairs) return Unicode::Utf16Be;
  }
  return std::nullopt;
}

void append_checked(std::string& out, char32_t cp, std::size_t& replaced) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    out += kReplacement;
    ++replaced;
  } else {
    append_utf8(out, cp);
  }
}

std::string decode_utf16(std::string_view s, bool le, std::size_t& replaced) {
  std::string out;
  out.reserve(s.size());
  auto unit = [&](std::size_t i) -> char32_t {
    return le ? static_cast<char32_t>(byte_at(s, i) | (byte_at(s, i + 1) << 8))
              : static_cast<char32_t>((byte_at(s, i) << 8) | byte_at(s, i + 1));
  };
  std::size_t i = 0;
  while (i + 1 < s.size()) {
    char32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < s.size()) {
      char32_t lo = unit(i);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        i += 2;
        append_checked(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), replaced);
        continue;
      }
    }
    append_checked(out, u, replaced);  // a lone surrogate is replaced here
  }
  if (i < s.size()) {  // an odd trailing byte
    out += kReplacement;
    ++replaced;
  }
  return out;
}

std::string decode_utf32(std::string_view s, bool le, std::size_t& replaced) {
  std::string out;
  out.reserve(s.size() / 2);
  std::size_t i = 0;
  for (; i + 3 < s.size(); i += 4) {
    std::uint32_t v = le ? (byte_at(s, i) | (byte_at(s, i + 1) << 8) | (byte_at(s, i + 2) << 16) |
                            (static_cast<std::uint32_t>(byte_at(s, i + 3)) << 24))
                         : ((static_cast<std::uint32_t>(byte_at(s, i)) << 24) | (byte_at(s, i + 1) << 16) |
                            (byte_at(s, i + 2) << 8) | byte_at(s, i + 3));
    append_checked(out, static_cast<char32_t>(v), replaced);
  }
  if (i < s.size()) {
    out += kReplacement;
    ++replaced;
  }
  return out;
}

std::string quoted(const std::string& source) { return "'" + source + "'"; }

}  // namespace

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const std::uint8_t c = byte_at(s, i);
  if (c < 0x80) return 1;
  std::size_t len;
  char32_t cp;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const std::uint8_t cc = byte_at(s, i + k);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return 0;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (byte_at(s, i) < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = utf8_sequence_length(s, i);
    if (!len) return false;
    i += len;
  }
  return true;
}

std::string repair_utf8(std::string_view s, std::size_t* replaced) {
  std::string out;
  out.reserve(s.size());
  std::size_t count = 0, i = 0;
  while (i < s.size()) {
    std::size_t len = utf8_sequence_length(s, i);
    if (len) {
      out.append(s.substr(i, len));
      i += len;
      continue;
    }
    // One U+FFFD for a broken sequence: its lead byte and the continuation bytes after it.
    out += kReplacement;
    ++count;
    const std::uint8_t c = byte_at(s, i);
    std::size_t expect = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    ++i;
    while (--expect > 0 && i < s.size() && (byte_at(s, i) & 0xC0) == 0x80) ++i;
  }
  if (replaced) *replaced = count;
  return out;
}

std::string_view strip_utf8_bom(std::string_view s) {
  if (s.size() >= 3 && byte_at(s, 0) == 0xEF && byte_at(s, 1) == 0xBB && byte_at(s, 2) == 0xBF) s.remove_prefix(3);
  return s;
}

namespace {
// 0x80..0x9F differ from Latin-1; everything else is the same code point.
constexpr char16_t kHigh1252[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
void append_1252(std::string& out, std::uint8_t b) {
  if (b >= 0x80 && b < 0xA0)
    append_utf8(out, kHigh1252[b - 0x80]);
  else
    append_utf8(out, b);
}
}  // namespace

std::string windows1252_to_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) append_1252(out, static_cast<std::uint8_t>(ch));
  return out;
}

DecodedText decode_import_text(std::string_view bytes, const std::string& source, LegacyBytes legacy) {
  DecodedText d;
  std::size_t replaced = 0;
  auto wide = [&](Unicode u, std::string_view body, const char* name) {
    d.encoding = name;
    d.text = (u == Unicode::Utf16Le || u == Unicode::Utf16Be) ? decode_utf16(body, u == Unicode::Utf16Le, replaced)
                                                              : decode_utf32(body, u == Unicode::Utf32Le, replaced);
    if (replaced)
      d.warnings.push_back(quoted(source) + " is " + name + " with " + std::to_string(replaced) +
                           " malformed or NUL characters; they were replaced with U+FFFD");
    return d;
  };
  auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  using namespace std::string_view_literals;
  if (starts("\xFF\xFE\x00\x00"sv)) return wide(Unicode::Utf32Le, bytes.substr(4), "UTF-32LE");
  if (starts("\x00\x00\xFE\xFF"sv)) return wide(Unicode::Utf32Be, bytes.substr(4), "UTF-32BE");
  if (starts("\xFF\xFE"sv)) return wide(Unicode::Utf16Le, bytes.substr(2), "UTF-16LE");
  if (starts("\xFE\xFF"sv)) return wide(Unicode::Utf16Be, bytes.substr(2), "UTF-16BE");
  std::string_view body = strip_utf8_bom(bytes);
  const bool bom = body.size() != bytes.size();
  if (!bom) {
    if (auto u = sniff_wide(body)) {
      switch (*u) {
        case Unicode::Utf32Le: return wide(*u, body, "UTF-32LE");
        case Unicode::Utf32Be: return wide(*u, body, "UTF-32BE");
        case Unicode::Utf16Le: return wide(*u, body, "UTF-16LE");
        case Unicode::Utf16Be: return wide(*u, body, "UTF-16BE");
        case Unicode::Utf8: break;
      }
    }
  }
  d.encoding = bom ? "UTF-8 (with BOM)" : "UTF-8";
  // One pass: well-formed sequences are copied, the bytes that are not are handled the
  // legacy way; lines holding them are counted for the warning.
  d.text.reserve(body.size());
  std::size_t multibyte = 0, bad = 0, nul = 0, line = 1, bad_lines = 0, first_bad_line = 0, last_bad_line = 0;
  std::size_t i = 0;
  while (i < body.size()) {
    const std::uint8_t c = byte_at(body, i);
    if (c == '\n') ++line;
    if (c == 0) {
      d.text += kReplacement;
      ++nul;
      ++i;
      continue;
    }
    if (c < 0x80) {
      d.text += static_cast<char>(c);
      ++i;
      continue;
    }
    if (std::size_t len = utf8_sequence_length(body, i)) {
      d.text.append(body.substr(i, len));
      ++multibyte;
      i += len;
      continue;
    }
    ++bad;
    if (last_bad_line != line) {
      ++bad_lines;
      if (!first_bad_line) first_bad_line = line;
      last_bad_line = line;
    }
    if (legacy == LegacyBytes::Windows1252) {
      append_1252(d.text, c);
      ++i;
    } else {
      d.text += kReplacement;
      std::size_t expect = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      ++i;
      while (--expect > 0 && i < body.size() && (byte_at(body, i) & 0xC0) == 0x80) ++i;
    }
  }
  if (nul)
    d.warnings.push_back(quoted(source) + " holds " + std::to_string(nul) +
                         " NUL bytes; they were replaced with U+FFFD");
  if (!bad) return d;
  const std::string where = std::to_string(bad_lines) + (bad_lines == 1 ? " line" : " lines") + " (the first is line " +
                            std::to_string(first_bad_line) + ")";
  if (legacy == LegacyBytes::Replace) {
    d.encoding += " with invalid bytes";
    d.warnings.push_back(quoted(source) + " is not valid UTF-8: " + std::to_string(bad) + " broken sequences on " +
                         where + " were replaced with U+FFFD");
  } else if (multibyte == 0) {
    d.encoding = "Windows-1252";
    d.warnings.push_back(quoted(source) + " is not UTF-8; read as Windows-1252");
  } else {
    d.encoding = "UTF-8 mixed with Windows-1252";
    d.warnings.push_back(quoted(source) + " mixes encodings: it is UTF-8, but " + where +
                         " hold bytes that are not; only those bytes were read as Windows-1252, so check "
                         "those lines");
  }
  return d;
}

std::string decode_text_file(std::string_view bytes, bool* was_legacy) {
  std::string_view body = strip_utf8_bom(bytes);
  bool legacy = !is_valid_utf8(body);
  if (was_legacy) *was_legacy = legacy;
  return legacy ? windows1252_to_utf8(body) : std::string(body);
}

}  // namespace triad::exchange
