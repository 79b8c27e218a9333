#include "exchange/webvtt.hpp"

#include <cctype>

#include "base/uuid.hpp"
#include "exchange/text_encoding.hpp"
#include "exchange/webvtt_parser.hpp"

namespace triad::exchange {
namespace {

bool is_class_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

std::vector<std::string> split_lines(std::string_view s) {
  std::vector<std::string> out;
  std::size_t b = 0;
  for (;;) {
    std::size_t e = s.find('\n', b);
    out.emplace_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::string vtt_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '\r') continue;
    else out += c;
  }
  return out;
}

std::string write_webvtt(const CommentSet& set) {
  std::string out = "WEBVTT";
  // The header line must not contain "-->" (it would start a cue).
  if (std::string title = one_line(set.title); !title.empty() && title.find("-->") == std::string::npos)
    out += " - " + title;
  out += "\n\nNOTE Exported by Triad. Cue id = comment UUID; voice = author; first class = feedback stem.\n\n";
  std::vector<Comment> comments = set.comments;
  sort_for_export(comments);
  for (const Comment& c : comments) {
    TimeUs end = c.end_us.value_or(c.start_us + kPointCueUs);
    out += c.uuid + "\n" + format_vtt_timestamp(c.start_us) + " --> " + format_vtt_timestamp(end) + "\n";
    std::string classes;
    if (is_class_name(c.kind)) classes += "." + c.kind;
    if (!c.end_us) classes += ".point";
    std::string author = one_line(set.author_name(c.author_id));
    if (author.empty()) author = "?";
    out += "<v" + classes + " " + vtt_escape(author) + ">";
    auto lines = split_lines(c.text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i) out += "\n";
      std::string esc = vtt_escape(lines[i]);
      out += (esc.empty() && lines.size() > 1) ? " " : esc;
    }
    out += "</v>\n";
    if (!c.tags.empty()) {
      out += "<c.tags>";
      for (std::size_t i = 0; i < c.tags.size(); ++i) out += (i ? " #" : "#") + vtt_escape(one_line(c.tags[i]));
      out += "</c>\n";
    }
    out += "\n";
  }
  return out;
}

Result<CommentSet> read_webvtt(std::string_view bytes, const std::string& source) {
  // WebVTT is UTF-8 by definition: broken bytes become U+FFFD as the spec's decoder does
  // (reported), and a UTF-16/32 file from an editor is decoded rather than refused.
  DecodedText decoded = decode_import_text(bytes, source, LegacyBytes::Replace);
  VttFile file = parse_webvtt(decoded.text);
  if (!file.signature_ok)
    return make_error("'" + source + "' is not a WebVTT file (it does not start with WEBVTT; read as " +
                      decoded.encoding + ")");
  CommentSet set;
  set.warnings = std::move(decoded.warnings);
  std::vector<std::string> skipped;
  for (const VttRejectedCue& r : file.rejected)
    skipped.push_back("line " + std::to_string(r.line) +
                      (r.negative ? " (the cue starts at a negative time)" : " (the timing line cannot be read)"));
  for (const VttCue& cue : file.cues) {
    if (cue.end_us < cue.start_us || cue.start_us < 0) {
      skipped.push_back("the cue at " + format_vtt_timestamp(cue.start_us) + " (it ends before it starts)");
      continue;
    }
    Comment c;
    c.uuid = is_uuid(cue.id) ? cue.id : new_uuid();
    c.start_us = cue.start_us;
    bool point = false;
    std::vector<std::string> lines = split_lines(cue.text);
    // Tags line written by Triad: "<c.tags>#a #b</c>".
    if (!lines.empty() && lines.back().rfind("<c.tags>", 0) == 0) {
      std::string plain = webvtt_cue_plain_text(lines.back());
      for (std::size_t p = 0; p < plain.size();) {
        std::size_t q = plain.find(' ', p);
        if (q == std::string::npos) q = plain.size();
        std::string tag = plain.substr(p, q - p);
        if (!tag.empty() && tag[0] == '#') tag.erase(0, 1);
        if (!tag.empty()) c.tags.push_back(tag);
        p = q + 1;
      }
      lines.pop_back();
    }
    // A voice span anywhere names the author: "<v.class1.class2 Name>".
    std::string joined;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i) joined += '\n';
      joined += lines[i] == " " ? "" : lines[i];
    }
    if (auto v = joined.find("<v"); v != std::string::npos) {
      std::size_t close = joined.find('>', v);
      if (close != std::string::npos && v + 2 < joined.size() &&
          (joined[v + 2] == '.' || joined[v + 2] == ' ' || joined[v + 2] == '\t')) {
        std::string tag = joined.substr(v + 2, close - v - 2);
        std::size_t sp = tag.find_first_of(" \t");
        std::string classes = sp == std::string::npos ? tag : tag.substr(0, sp);
        std::string name = sp == std::string::npos ? "" : trim(webvtt_cue_plain_text(tag.substr(sp + 1)));
        std::size_t p = 0;
        bool first = true;
        while (p < classes.size()) {
          if (classes[p] == '.') ++p;
          std::size_t q = classes.find('.', p);
          if (q == std::string::npos) q = classes.size();
          std::string cls = classes.substr(p, q - p);
          if (cls == "point")
            point = true;
          else if (first && !cls.empty())
            c.kind = cls;
          first = false;
          p = q;
        }
        if (name != "?") c.author_id = set.author_id(name);
      }
    }
    c.text = webvtt_cue_plain_text(joined);
    if (!point && cue.end_us > cue.start_us) c.end_us = cue.end_us;
    set.comments.push_back(std::move(c));
  }
  report_skipped(set, source, "cues", skipped);
  return set;
}

}  // namespace triad::exchange
