#include "exchange/webvtt_parser.hpp"

#include <charconv>
#include <cstdio>

#include "exchange/text_encoding.hpp"

namespace triad::exchange {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Decoding step of the parser: UTF-8 decode (BOM dropped, errors become U+FFFD), NUL
// becomes U+FFFD, CRLF and lone CR become LF.
std::string preprocess(std::string_view in) {
  in = strip_utf8_bom(in);
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c == 0) {
      out += kReplacement;
      ++i;
    } else if (c == '\r') {
      out += '\n';
      ++i;
      if (i < in.size() && in[i] == '\n') ++i;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else {
      std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      if (len && i + len <= in.size() && is_valid_utf8(in.substr(i, len))) {
        out.append(in.substr(i, len));
        i += len;
      } else {
        out += kReplacement;
        ++i;
        while (i < in.size() && (static_cast<unsigned char>(in[i]) & 0xC0) == 0x80 && len > 1) {
          ++i;  // swallow the continuation bytes of this one broken sequence
          --len;
        }
      }
    }
  }
  return out;
}

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::vector<std::string_view> split_ws(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_ws(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !is_ws(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::optional<double> to_double(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (p != s.data() + s.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) return std::nullopt;
  if (ec != std::errc()) return std::nullopt;
  return v;
}

// "parse a percentage string": digits, optional '.' digits, then '%'; 0..100.
std::optional<double> parse_percentage(std::string_view s) {
  if (s.size() < 2 || s.back() != '%') return std::nullopt;
  std::string_view num = s.substr(0, s.size() - 1);
  std::size_t i = 0;
  while (i < num.size() && is_digit(num[i])) ++i;
  if (i == 0) return std::nullopt;
  if (i < num.size()) {
    if (num[i] != '.') return std::nullopt;
    std::size_t j = i + 1;
    while (j < num.size() && is_digit(num[j])) ++j;
    if (j == i + 1 || j != num.size()) return std::nullopt;
  }
  auto v = to_double(num);
  if (!v || *v < 0 || *v > 100) return std::nullopt;
  return v;
}

// "collect a WebVTT timestamp" starting at pos in s; advances pos.
std::optional<TimeUs> collect_timestamp(std::string_view s, std::size_t& pos) {
  auto digits = [&](std::string_view& out) {
    std::size_t b = pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    out = s.substr(b, pos - b);
  };
  auto value = [](std::string_view d) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), v);
    return (ec == std::errc() && p == d.data() + d.size()) ? v : std::int64_t{-1};
  };
  bool hours_first = false;
  if (pos >= s.size() || !is_digit(s[pos])) return std::nullopt;
  std::string_view d1;
  digits(d1);
  std::int64_t v1 = value(d1);
  if (v1 < 0 || v1 > 2000000000) return std::nullopt;  // too large for int64 microseconds
  if (d1.size() != 2 || v1 > 59) hours_first = true;
  if (pos >= s.size() || s[pos] != ':') return std::nullopt;
  ++pos;
  std::string_view d2;
  digits(d2);
  if (d2.size() != 2) return std::nullopt;
  std::int64_t v2 = value(d2), v3 = 0;
  if (hours_first || (pos < s.size() && s[pos] == ':')) {
    if (pos >= s.size() || s[pos] != ':') return std::nullopt;
    ++pos;
    std::string_view d3;
    digits(d3);
    if (d3.size() != 2) return std::nullopt;
    v3 = value(d3);
  } else {
    v3 = v2;
    v2 = v1;
    v1 = 0;
  }
  if (pos >= s.size() || s[pos] != '.') return std::nullopt;
  ++pos;
  std::string_view d4;
  digits(d4);
  if (d4.size() != 3) return std::nullopt;
  std::int64_t v4 = value(d4);
  if (v2 > 59 || v3 > 59) return std::nullopt;
  return ((v1 * 3600 + v2 * 60 + v3) * 1000 + v4) * 1000;
}

void parse_cue_settings(std::string_view input, const std::vector<VttRegion>& regions, VttCue& cue) {
  for (std::string_view setting : split_ws(input)) {
    std::size_t colon = setting.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon == setting.size() - 1) continue;
    std::string_view name = setting.substr(0, colon), value = setting.substr(colon + 1);
    if (name == "region") {
      cue.region.reset();
      for (std::size_t i = regions.size(); i-- > 0;)
        if (regions[i].id == value) {
          cue.region = i;
          break;
        }
    } else if (name == "vertical") {
      if (value == "rl" || value == "lr") cue.vertical = std::string(value);
    } else if (name == "line") {
      std::string_view linepos = value, linealign;
      bool has_align = false;
      if (auto comma = value.find(','); comma != std::string_view::npos) {
        linepos = value.substr(0, comma);
        linealign = value.substr(comma + 1);
        has_align = true;
      }
      bool any_digit = false;
      for (char c : linepos) any_digit |= is_digit(c);
      if (!any_digit) continue;
      std::optional<double> number;
      bool percent = !linepos.empty() && linepos.back() == '%';
      if (percent) {
        number = parse_percentage(linepos);
        if (!number) continue;
      } else {
        bool bad = false;
        int dots = 0;
        for (std::size_t i = 0; i < linepos.size(); ++i) {
          char c = linepos[i];
          if (!(c == '-' || c == '.' || is_digit(c))) bad = true;
          if (c == '-' && i != 0) bad = true;
          if (c == '.') {
            ++dots;
            if (i == 0 || i + 1 >= linepos.size() || !is_digit(linepos[i - 1]) || !is_digit(linepos[i + 1]))
              bad = true;
          }
        }
        if (bad || dots > 1) continue;
        number = to_double(linepos);
        if (!number) continue;
        if (*number == 0) number = 0.0;  // "-0" is zero
      }
      // An unknown alignment keyword is ignored but the line number still applies (the
      // WPT settings-line case "line:100%,middle" and vtt.js agree on this).
      if (has_align && (linealign == "start" || linealign == "center" || linealign == "end"))
        cue.line_align = std::string(linealign);
      cue.line = number;
      cue.snap_to_lines = !percent;
    } else if (name == "position") {
      std::string_view colpos = value, colalign;
      bool has_align = false;
      if (auto comma = value.find(','); comma != std::string_view::npos) {
        colpos = value.substr(0, comma);
        colalign = value.substr(comma + 1);
        has_align = true;
      }
      auto number = parse_percentage(colpos);
      if (!number) continue;
      if (has_align && !(colalign == "line-left" || colalign == "center" || colalign == "line-right")) continue;
      if (has_align) cue.position_align = std::string(colalign);
      cue.position = number;
    } else if (name == "size") {
      auto number = parse_percentage(value);
      if (!number) continue;
      cue.size = *number;
    } else if (name == "align") {
      if (value == "start" || value == "center" || value == "end" || value == "left" || value == "right")
        cue.align = std::string(value);
    }
  }
  // A cue positioned by line, size or vertical writing cannot live in a region.
  if (cue.line || cue.size != 100 || !cue.vertical.empty()) cue.region.reset();
}

// "collect WebVTT cue timings and settings"
bool parse_timings(std::string_view line, const std::vector<VttRegion>& regions, VttCue& cue) {
  std::size_t pos = 0;
  auto skip = [&] {
    while (pos < line.size() && is_ws(line[pos])) ++pos;
  };
  skip();
  auto start = collect_timestamp(line, pos);
  if (!start) return false;
  skip();
  for (char expect : {'-', '-', '>'}) {
    if (pos >= line.size() || line[pos] != expect) return false;
    ++pos;
  }
  skip();
  auto end = collect_timestamp(line, pos);
  if (!end) return false;
  cue.start_us = *start;
  cue.end_us = *end;
  parse_cue_settings(line.substr(pos), regions, cue);
  return true;
}

void parse_region_settings(std::string_view input, VttRegion& region) {
  auto anchor = [](std::string_view v, double& x, double& y) {
    auto comma = v.find(',');
    if (comma == std::string_view::npos) return;
    auto ax = parse_percentage(v.substr(0, comma)), ay = parse_percentage(v.substr(comma + 1));
    if (!ax || !ay) return;
    x = *ax;
    y = *ay;
  };
  for (std::string_view setting : split_ws(input)) {
    std::size_t colon = setting.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon == setting.size() - 1) continue;
    std::string_view name = setting.substr(0, colon), value = setting.substr(colon + 1);
    if (name == "id") {
      region.id = std::string(value);
    } else if (name == "width") {
      if (auto w = parse_percentage(value)) region.width = *w;
    } else if (name == "lines") {
      bool digits = true;
      for (char c : value) digits &= is_digit(c);
      std::int64_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (digits && ec == std::errc() && p == value.data() + value.size()) region.lines = n;
    } else if (name == "regionanchor") {
      anchor(value, region.region_anchor_x, region.region_anchor_y);
    } else if (name == "viewportanchor") {
      anchor(value, region.viewport_anchor_x, region.viewport_anchor_y);
    } else if (name == "scroll") {
      if (value == "up") region.scroll = "up";
    }
  }
}

bool rest_is_ws(std::string_view s, std::size_t from) {
  for (std::size_t i = from; i < s.size(); ++i)
    if (!is_ws(s[i])) return false;
  return true;
}

struct Parser {
  std::string input;
  std::size_t pos = 0;
  bool seen_cue = false;
  VttFile out;

  std::string_view collect_line() {
    std::size_t b = pos;
    while (pos < input.size() && input[pos] != '\n') ++pos;
    return std::string_view(input).substr(b, pos - b);
  }
  void skip_newlines() {
    while (pos < input.size() && input[pos] == '\n') ++pos;
  }

  // "collect a WebVTT block"
  void collect_block(bool in_header) {
    int line_count = 0;
    std::size_t previous = pos;
    std::string buffer;
    bool seen_eof = false, seen_arrow = false;
    std::optional<VttCue> cue;
    bool is_style = false, is_region = false;
    for (;;) {
      const std::size_t line_start = pos;
      std::string_view line = collect_line();
      ++line_count;
      if (pos >= input.size())
        seen_eof = true;
      else
        ++pos;
      if (line.find("-->") != std::string_view::npos) {
        if (!in_header && (line_count == 1 || (line_count == 2 && !seen_arrow))) {
          seen_arrow = true;
          previous = pos;
          VttCue c;
          c.id = buffer;
          if (parse_timings(line, out.regions, c)) {
            cue = std::move(c);
            buffer.clear();
            seen_cue = true;
          } else {
            cue.reset();
            std::size_t first = line.find_first_not_of(" \t\f");
            out.rejected.push_back({line_start, first != std::string_view::npos && line[first] == '-'});
          }
        } else {
          pos = previous;
          break;
        }
      } else if (line.empty()) {
        break;
      } else {
        if (!in_header && line_count == 2 && !seen_cue) {
          if (buffer.rfind("STYLE", 0) == 0 && rest_is_ws(buffer, 5)) {
            is_style = true;
            buffer.clear();
          } else if (buffer.rfind("REGION", 0) == 0 && rest_is_ws(buffer, 6)) {
            is_region = true;
            buffer.clear();
          }
        }
        if (!buffer.empty()) buffer += '\n';
        buffer += line;
        previous = pos;
      }
      if (seen_eof) break;
    }
    if (cue) {
      cue->text = std::move(buffer);
      out.cues.push_back(std::move(*cue));
    } else if (is_style) {
      // Style sheets are not kept: Triad renders comments its own way.
    } else if (is_region) {
      VttRegion region;
      parse_region_settings(buffer, region);
      out.regions.push_back(std::move(region));
    }
  }

  void run() {
    // Signature: "WEBVTT" then end, space, tab or LF.
    if (input.size() < 6 || input.compare(0, 6, "WEBVTT") != 0) return;
    if (input.size() > 6 && input[6] != ' ' && input[6] != '\t' && input[6] != '\n') return;
    out.signature_ok = true;
    collect_line();
    if (pos >= input.size()) return;
    ++pos;  // the LF after the signature line
    if (pos >= input.size()) return;
    if (input[pos] != '\n')
      collect_block(true);
    else
      ++pos;
    skip_newlines();
    while (pos < input.size()) {
      collect_block(false);
      skip_newlines();
    }
  }
};

}  // namespace

VttFile parse_webvtt(std::string_view bytes) {
  Parser p;
  p.input = preprocess(bytes);
  p.run();
  // `rejected` holds byte offsets until here: turn them into line numbers in one pass.
  std::size_t line = 1, at = 0;
  for (auto& r : p.out.rejected) {
    for (; at < r.line && at < p.input.size(); ++at) line += p.input[at] == '\n';
    r.line = line;
  }
  return std::move(p.out);
}

std::string webvtt_cue_plain_text(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '<') {
      std::size_t close = s.find('>', i);
      if (close == std::string_view::npos) break;
      i = close + 1;
    } else if (c == '&') {
      std::size_t semi = s.find(';', i);
      std::string_view ref = semi == std::string_view::npos ? std::string_view() : s.substr(i + 1, semi - i - 1);
      std::optional<char32_t> cp;
      if (ref == "amp") cp = U'&';
      else if (ref == "lt") cp = U'<';
      else if (ref == "gt") cp = U'>';
      else if (ref == "quot") cp = U'"';
      else if (ref == "apos") cp = U'\'';
      else if (ref == "nbsp") cp = U'\u00A0';
      else if (ref == "lrm") cp = U'\u200E';
      else if (ref == "rlm") cp = U'\u200F';
      else if (ref.size() > 1 && ref[0] == '#') {
        std::uint32_t v = 0;
        bool hex = ref[1] == 'x' || ref[1] == 'X';
        std::string_view digits = ref.substr(hex ? 2 : 1);
        auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, hex ? 16 : 10);
        if (ec == std::errc() && p == digits.data() + digits.size() && !digits.empty() && v > 0 && v <= 0x10FFFF &&
            !(v >= 0xD800 && v <= 0xDFFF))
          cp = static_cast<char32_t>(v);
      }
      if (cp) {
        append_utf8(out, *cp);
        i = semi + 1;
      } else {
        out += c;
        ++i;
      }
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string format_vtt_timestamp(TimeUs t) {
  if (t < 0) t = 0;
  std::int64_t ms = t / 1000;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", static_cast<long long>(ms / 3600000),
                static_cast<long long>(ms / 60000 % 60), static_cast<long long>(ms / 1000 % 60),
                static_cast<long long>(ms % 1000));
  return buf;
}

}  // namespace triad::exchange
