#include "crypto/canonical_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <locale.h>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "base/text.hpp"

namespace triad::crypto {
using nlohmann::json;

namespace {

bool has_float(const json& j) {
  switch (j.type()) {
    case json::value_t::number_float: return true;
    case json::value_t::object:
    case json::value_t::array:
      for (const auto& v : j) if (has_float(v)) return true;
      return false;
    default: return false;
  }
}

}  // namespace

Result<std::string> canonical_json(const json& j) {
  if (has_float(j)) return make_error("A signed record holds a fractional number; only integers can be signed.");
  // nlohmann's object is a std::map<std::string, ...>: keys come out sorted by bytes.
  // ensure_ascii=false keeps UTF-8 as is; invalid UTF-8 throws, which we turn into a refusal.
  try {
    return j.dump(-1, ' ', false, json::error_handler_t::strict);
  } catch (const json::exception&) {
    return make_error("A signed record holds text that is not valid UTF-8.");
  }
}

namespace {

// The JSON reader behind parse_json_strict: the grammar, numbers, escapes and UTF-8 rules of
// nlohmann's own parser (sax_parse, strict: nothing after the value; a UTF-8 byte order mark
// skipped at the start), building the same document, with a repeated key refused when it is
// read. Why not nlohmann's lexer: it reads one character at a time through an input adapter
// and copies every string byte by byte into a token buffer, then again into the document;
// this one copies runs of plain bytes at once and builds values in place, about twice as fast
// on a bundle, where the parse was a quarter of a signed import. A test holds the two equal
// on valid, broken and hostile inputs (tests/crypto/strict_parse_test.cpp). Not recursive: nesting costs a pointer
// on `stack`, never a frame.
class StrictReader {
 public:
  StrictReader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  // False: not complete JSON, or (duplicate() set) a key repeated in one object.
  bool read(json& root) {
    if (end_ - p_ >= 1 && static_cast<unsigned char>(*p_) == 0xEF) {  // a BOM, or nothing valid
      if (end_ - p_ < 3 || static_cast<unsigned char>(p_[1]) != 0xBB || static_cast<unsigned char>(p_[2]) != 0xBF) return false;
      p_ += 3;
    }
    std::vector<json*> stack;
    skip_space();
    int r = value(root, stack);
    while (r != kError && !stack.empty()) {
      json& top = *stack.back();
      if (r == kAfterValue) {
        skip_space();
        if (p_ == end_) return false;
        const char c = *p_++;
        if (c == ',') {
          r = top.is_object() ? kWantKey : kWantElement;
        } else if (c == (top.is_object() ? '}' : ']')) {
          stack.pop_back();
        } else {
          return false;
        }
      } else if (r == kWantKey) {
        skip_space();
        if (p_ == end_ || *p_ != '"') return false;
        ++p_;
        std::string key;
        if (!string_body(key)) return false;
        auto& object = top.get_ref<json::object_t&>();
        auto [it, inserted] = object.try_emplace(std::move(key), nullptr);
        if (!inserted) {
          duplicate_ = it->first;
          return false;
        }
        skip_space();
        if (p_ == end_ || *p_ != ':') return false;
        ++p_;
        skip_space();
        r = value(it->second, stack);
      } else {  // kWantElement
        skip_space();
        auto& array = top.get_ref<json::array_t&>();
        r = value(array.emplace_back(), stack);
      }
    }
    if (r == kError) return false;
    skip_space();
    return p_ == end_;
  }

  const std::optional<std::string>& duplicate() const { return duplicate_; }

 private:
  enum { kError, kAfterValue, kWantKey, kWantElement };

  void skip_space() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  // One value into `slot`; an object or array that is not empty is left open on `stack`.
  int value(json& slot, std::vector<json*>& stack) {
    if (p_ == end_) return kError;
    switch (*p_) {
      case '{':
        ++p_;
        slot = json::object();
        skip_space();
        if (p_ != end_ && *p_ == '}') {
          ++p_;
          return kAfterValue;
        }
        stack.push_back(&slot);
        return kWantKey;
      case '[':
        ++p_;
        slot = json::array();
        skip_space();
        if (p_ != end_ && *p_ == ']') {
          ++p_;
          return kAfterValue;
        }
        stack.push_back(&slot);
        return kWantElement;
      case '"': {
        ++p_;
        std::string s;
        if (!string_body(s)) return kError;
        slot = std::move(s);
        return kAfterValue;
      }
      case 't':
        if (!literal("true")) return kError;
        slot = true;
        return kAfterValue;
      case 'f':
        if (!literal("false")) return kError;
        slot = false;
        return kAfterValue;
      case 'n':
        if (!literal("null")) return kError;
        slot = nullptr;
        return kAfterValue;
      default: return number(slot) ? kAfterValue : kError;
    }
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? ; integers as nlohmann reads them
  // (unsigned when not negative, signed when negative, a double when out of range), the rest
  // as a double, refused when not finite.
  bool number(json& slot) {
    const char* start = p_;
    auto digits = [&] {
      const char* from = p_;
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      return p_ != from;
    };
    const bool negative = p_ != end_ && *p_ == '-';
    if (negative) ++p_;
    if (p_ == end_) return false;
    if (*p_ == '0') {
      ++p_;
    } else if (!digits()) {
      return false;
    }
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (!digits()) return false;
      integer = false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!digits()) return false;
      integer = false;
    }
    if (integer) {
      if (negative) {
        std::int64_t v = 0;
        auto [ptr, ec] = std::from_chars(start, p_, v);
        if (ec == std::errc() && ptr == p_) {
          slot = static_cast<json::number_integer_t>(v);
          return true;
        }
      } else {
        std::uint64_t v = 0;
        auto [ptr, ec] = std::from_chars(start, p_, v);
        if (ec == std::errc() && ptr == p_) {
          slot = static_cast<json::number_unsigned_t>(v);
          return true;
        }
      }
    }
    // As nlohmann: strtod in the "C" locale (its underflow to zero or a subnormal included).
    static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
    const std::string token(start, p_);
    char* stop = nullptr;
    const double d = c_locale ? strtod_l(token.c_str(), &stop, c_locale) : std::strtod(token.c_str(), &stop);
    if (!std::isfinite(d)) return false;
    slot = d;
    return true;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // Four hex digits after "\u".
  bool code_unit(unsigned& out) {
    if (end_ - p_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = hex(p_[i]);
      if (h < 0) return false;
      out = out * 16 + static_cast<unsigned>(h);
    }
    p_ += 4;
    return true;
  }



  // Length of the well-formed UTF-8 sequence at p_ (lead byte >= 0x80), 0 when ill-formed:
  // RFC 3629's table, as nlohmann's lexer checks it.
  std::size_t utf8_sequence() const {
    const auto b = [&](std::ptrdiff_t i) { return static_cast<unsigned char>(p_[i]); };
    const std::ptrdiff_t left = end_ - p_;
    const unsigned char c = b(0);
    auto cont = [&](std::ptrdiff_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
      return i < left && b(i) >= lo && b(i) <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
    if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
  }

  // The rest of a string after its opening quote, unescaped into `out`.
  bool string_body(std::string& out) {
    for (;;) {
      const char* run = p_;
      // Plain printable ASCII is copied as one run.
      while (p_ != end_) {
        const auto c = static_cast<unsigned char>(*p_);
        if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
        ++p_;
      }
      out.append(run, static_cast<std::size_t>(p_ - run));
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return false;  // a control character must be escaped
      if (c >= 0x80) {
        const std::size_t n = utf8_sequence();
        if (n == 0) return false;
        out.append(p_, n);
        p_ += n;
        continue;
      }
      // A backslash.
      ++p_;
      if (p_ == end_) return false;
      const char e = *p_++;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!code_unit(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
          if (cp >= 0xD800 && cp <= 0xDBFF) {               // must pair with a low surrogate
            unsigned low = 0;
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            if (!code_unit(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          triad::append_utf8(out, static_cast<char32_t>(cp));
          break;
        }
        default: return false;
      }
    }
  }

  const char* p_;
  const char* end_;
  std::optional<std::string> duplicate_;
};

}  // namespace

Result<json> parse_json_strict(std::string_view text, const std::string& source) {
  json doc;
  StrictReader reader(text);
  const bool complete = reader.read(doc);
  if (reader.duplicate())
    return make_error("'" + source + "' names the key \"" + *reader.duplicate() + "\" twice in one object.");
  if (!complete) return make_error("'" + source + "' is not complete JSON (truncated or damaged).");
  return doc;
}

}  // namespace triad::crypto
