#include "exchange/srt.hpp"

#include <cctype>
#include <cstdio>
#include <optional>

#include "base/uuid.hpp"
#include "exchange/text_encoding.hpp"
#include "exchange/webvtt.hpp"

namespace triad::exchange {
namespace {

std::string srt_time(TimeUs t) {
  if (t < 0) t = 0;
  std::int64_t ms = t / 1000;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld,%03lld", static_cast<long long>(ms / 3600000),
                static_cast<long long>(ms / 60000 % 60), static_cast<long long>(ms / 1000 % 60),
                static_cast<long long>(ms % 1000));
  return buf;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// "hh:mm:ss,mmm" (',' or '.'; 1+ hour digits; 1-3 fraction digits).
std::optional<TimeUs> parse_srt_time(std::string_view s, std::size_t& p) {
  auto num = [&](std::size_t min, std::size_t max, std::int64_t& v) {
    std::size_t b = p;
    v = 0;
    while (p < s.size() && digit(s[p]) && p - b < max) v = v * 10 + (s[p++] - '0');
    return p - b >= min;
  };
  std::int64_t h, m, sec, ms;
  if (!num(1, 9, h) || p >= s.size() || s[p++] != ':') return std::nullopt;
  if (!num(1, 2, m) || p >= s.size() || s[p++] != ':') return std::nullopt;
  if (!num(1, 2, sec) || p >= s.size() || (s[p] != ',' && s[p] != '.')) return std::nullopt;
  ++p;
  std::size_t b = p;
  if (!num(1, 3, ms)) return std::nullopt;
  for (std::size_t d = p - b; d < 3; ++d) ms *= 10;
  if (m > 59 || sec > 59) return std::nullopt;
  return ((h * 3600 + m * 60 + sec) * 1000 + ms) * 1000;
}

std::optional<std::pair<TimeUs, TimeUs>> parse_timing(std::string_view line) {
  std::size_t p = 0;
  while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
  auto a = parse_srt_time(line, p);
  if (!a) return std::nullopt;
  while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
  if (line.substr(p, 3) != "-->") return std::nullopt;
  p += 3;
  while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
  auto b = parse_srt_time(line, p);
  if (!b) return std::nullopt;
  return std::make_pair(*a, *b);  // anything after (X1:... positions) is ignored
}

std::string strip_markup(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      std::size_t close = s.find('>', i);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    } else if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '\\') {
      std::size_t close = s.find('}', i);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    }
    out += s[i++];
  }
  // Writers escape with entities when the text had markup characters.
  std::string dec;
  for (std::size_t i = 0; i < out.size();) {
    if (out.compare(i, 5, "&amp;") == 0) { dec += '&'; i += 5; }
    else if (out.compare(i, 4, "&lt;") == 0) { dec += '<'; i += 4; }
    else if (out.compare(i, 4, "&gt;") == 0) { dec += '>'; i += 4; }
    else dec += out[i++];
  }
  return dec;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!digit(c)) return false;
  return true;
}

}  // namespace

std::string write_srt(const CommentSet& set) {
  std::vector<Comment> comments = set.comments;
  sort_for_export(comments);
  std::string out;
  int index = 0;
  for (const Comment& c : comments) {
    TimeUs end = c.end_us.value_or(c.start_us + kPointCueUs);
    out += std::to_string(++index) + "\r\n" + srt_time(c.start_us) + " --> " + srt_time(end) + "\r\n";
    std::string author = set.author_name(c.author_id);
    for (auto& ch : author)
      if (ch == '\n' || ch == '\r' || ch == ':') ch = ' ';
    std::string body = "[" + c.kind + "] " + (author.empty() ? "?" : author) + ": " + c.text;
    std::size_t b = 0;
    for (;;) {
      std::size_t e = body.find('\n', b);
      std::string line = vtt_escape(body.substr(b, e == std::string::npos ? std::string::npos : e - b));
      out += (line.empty() ? " " : line) + "\r\n";  // an empty line would end the cue
      if (e == std::string::npos) break;
      b = e + 1;
    }
    if (!c.tags.empty()) {
      for (std::size_t i = 0; i < c.tags.size(); ++i) out += (i ? " #" : "#") + c.tags[i];
      out += "\r\n";
    }
    out += "\r\n";
  }
  return out;
}

Result<CommentSet> read_srt(std::string_view bytes, const std::string& source) {
  DecodedText decoded = decode_import_text(bytes, source);
  const std::string& text = decoded.text;
  std::vector<std::string> lines;
  {
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '\r' || c == '\n') {
        lines.push_back(std::move(cur));
        cur.clear();
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) lines.push_back(std::move(cur));
  }
  CommentSet set;
  set.warnings = std::move(decoded.warnings);
  std::vector<std::string> skipped;
  auto is_timing_at = [&](std::size_t i) { return i < lines.size() && lines[i].find("-->") != std::string::npos; };
  std::size_t i = 0, bad = 0;
  while (i < lines.size()) {
    if (!is_timing_at(i)) {
      ++i;  // cue numbers, stray blank lines
      continue;
    }
    auto timing = parse_timing(lines[i]);
    std::size_t timing_line = i + 1;
    ++i;
    std::vector<std::string> body;
    while (i < lines.size() && !lines[i].empty() && !is_timing_at(i) &&
           !(all_digits(lines[i]) && is_timing_at(i + 1)))
      body.push_back(lines[i++]);
    if (!timing) {
      ++bad;
      std::string_view l = lines[timing_line - 1];
      const bool negative = l.find_first_not_of(" \t") != std::string_view::npos && l[l.find_first_not_of(" \t")] == '-';
      skipped.push_back("line " + std::to_string(timing_line) +
                        (negative ? " (the cue starts before 0:00)" : " (the timing line cannot be read)"));
      continue;
    }
    Comment c;
    c.uuid = new_uuid();
    c.start_us = timing->first;
    if (timing->second > timing->first) c.end_us = timing->second;
    // Triad's own first line: "[kind] Author: text". Without it the cue has no stem
    // (empty kind; import_flat decides).
    if (!body.empty() && body[0].size() > 2 && body[0][0] == '[') {
      std::size_t close = body[0].find("] ");
      std::size_t colon = close == std::string::npos ? std::string::npos : body[0].find(": ", close + 2);
      if (colon != std::string::npos) {
        std::string kind = body[0].substr(1, close - 1);
        bool ok = !kind.empty();
        for (char ch : kind) ok &= std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
        if (ok) {
          c.kind = kind;
          std::string author = body[0].substr(close + 2, colon - close - 2);
          if (author != "?") c.author_id = set.author_id(author);
          body[0] = body[0].substr(colon + 2);
        }
      }
    }
    if (body.size() > 1 && body.back().size() > 1 && body.back()[0] == '#') {
      std::vector<std::string> tags;
      bool ok = true;
      std::string_view last = body.back();
      std::size_t p = 0;
      while (p < last.size()) {
        std::size_t q = last.find(' ', p);
        if (q == std::string_view::npos) q = last.size();
        std::string_view tok = last.substr(p, q - p);
        if (tok.size() < 2 || tok[0] != '#') ok = false;
        else tags.emplace_back(tok.substr(1));
        p = q + 1;
      }
      if (ok) {
        c.tags = std::move(tags);
        body.pop_back();
      }
    }
    for (std::size_t k = 0; k < body.size(); ++k) {
      if (k) c.text += '\n';
      c.text += body[k] == " " ? std::string() : strip_markup(body[k]);
    }
    set.comments.push_back(std::move(c));
  }
  report_skipped(set, source, "cues", skipped);
  if (set.comments.empty())
    return make_error(bad ? "'" + source + "' has no valid SubRip cue (timing lines must read hh:mm:ss,mmm --> hh:mm:ss,mmm)"
                          : "'" + source + "' contains no SubRip cues (read as " + decoded.encoding + ")");
  return set;
}

}  // namespace triad::exchange
