#include "exchange/csv.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "base/text.hpp"
#include "base/time.hpp"
#include "base/uuid.hpp"
#include "exchange/text_encoding.hpp"

namespace triad::exchange {
namespace {

bool is_formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

// Cells shaped "'*[=+-@\t\r]...": the ones that need (or carry) the apostrophe guard.
bool guarded_shape(std::string_view cell) {
  std::size_t i = 0;
  while (i < cell.size() && cell[i] == '\'') ++i;
  return i < cell.size() && is_formula_start(cell[i]);
}

std::string quote(std::string_view cell) {
  bool needs = cell.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!needs) return std::string(cell);
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}


bool parse_i64(std::string_view s, std::int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

const char* const kColumns[] = {"uuid",   "start", "end",  "start_seconds", "end_seconds",
                                "author", "kind",  "tags", "visibility",    "pupil",
                                "text",   "parent_uuid", "version", "created_at_ms", "updated_at_ms"};

}  // namespace

std::string csv_neutralise(std::string_view cell) {
  return guarded_shape(cell) ? "'" + std::string(cell) : std::string(cell);
}

std::string csv_unneutralise(std::string_view cell) {
  if (!cell.empty() && cell.front() == '\'' && guarded_shape(cell)) return std::string(cell.substr(1));
  return std::string(cell);
}

std::string write_csv(const CommentSet& set) {
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < std::size(kColumns); ++i) {
    if (i) out += ',';
    out += kColumns[i];
  }
  out += "\r\n";
  std::vector<Comment> comments = set.comments;
  sort_for_export(comments);
  for (const Comment& c : comments) {
    std::vector<std::string> cells = {
        c.uuid,
        format_time(c.start_us),
        c.end_us ? format_time(*c.end_us) : "",
        format_seconds(c.start_us),
        c.end_us ? format_seconds(*c.end_us) : "",
        set.author_name(c.author_id),
        c.kind,
        join_tags(c.tags),
        std::string(to_string(c.visibility)),
        c.pupil,
        c.text,
        c.parent_uuid.value_or(""),
        std::to_string(c.version),
        std::to_string(c.created_at_ms),
        std::to_string(c.updated_at_ms)};
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += quote(csv_neutralise(cells[i]));
    }
    out += "\r\n";
  }
  return out;
}

Result<std::vector<std::vector<std::string>>> parse_csv_records(std::string_view text, const std::string& source) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  std::size_t i = 0, line = 1;
  bool at_record_start = true;
  while (i < text.size()) {
    at_record_start = false;
    if (text[i] == '"') {
      std::size_t open_line = line;
      ++i;
      for (;;) {
        if (i >= text.size())
          return make_error("'" + source + "' is not valid CSV: the quoted field opened on line " +
                            std::to_string(open_line) + " is never closed");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        cell += text[i++];
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
        return make_error("'" + source + "' is not valid CSV: text after a closing quote on line " +
                          std::to_string(line));
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') cell += text[i++];
    }
    if (i < text.size() && text[i] == ',') {
      row.push_back(std::move(cell));
      cell.clear();
      ++i;
      if (i == text.size()) row.emplace_back();
      continue;
    }
    row.push_back(std::move(cell));
    cell.clear();
    rows.push_back(std::move(row));
    row.clear();
    at_record_start = true;
    if (i < text.size() && text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    ++line;
  }
  if (!at_record_start) rows.push_back(std::move(row));
  // Blank lines are not records (a trailing newline is the usual case).
  std::erase_if(rows, [](const std::vector<std::string>& r) { return r.size() == 1 && r[0].empty(); });
  return rows;
}

Result<CommentSet> read_csv(std::string_view bytes, const std::string& source) {
  DecodedText decoded = decode_import_text(bytes, source);
  const std::string& text = decoded.text;
  auto records = parse_csv_records(text, source);
  if (!records) return records.error();
  auto& rows = records.value();
  if (rows.empty()) return make_error("'" + source + "' is empty: a CSV import needs a header row");
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].size(); ++i) col.emplace(ascii_lower(rows[0][i]), i);
  auto find = [&](std::initializer_list<const char*> names) -> std::optional<std::size_t> {
    for (const char* n : names)
      if (auto it = col.find(n); it != col.end()) return it->second;
    return std::nullopt;
  };
  auto c_start_s = find({"start_seconds"}), c_start = find({"start", "time", "timestamp"});
  auto c_end_s = find({"end_seconds"}), c_end = find({"end"});
  auto c_text = find({"text", "comment", "note"});
  if (!c_start_s && !c_start) return make_error("'" + source + "' has no 'start' column");
  if (!c_text) return make_error("'" + source + "' has no 'text' column");
  auto c_uuid = find({"uuid", "id"}), c_author = find({"author", "reviewer", "observer"}),
       c_kind = find({"kind", "stem"}), c_tags = find({"tags", "tag"}), c_vis = find({"visibility"}),
       c_pupil = find({"pupil"}), c_parent = find({"parent_uuid"}), c_version = find({"version"}),
       c_created = find({"created_at_ms"}), c_updated = find({"updated_at_ms"});

  CommentSet set;
  set.warnings = std::move(decoded.warnings);
  std::size_t ends_dropped = 0, first_end_dropped = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto get = [&](std::optional<std::size_t> c) -> std::string {
      if (!c || *c >= row.size()) return {};
      return csv_unneutralise(row[*c]);
    };
    std::string where = "'" + source + "' record " + std::to_string(r + 1);
    auto time_of = [&](std::optional<std::size_t> exact, std::optional<std::size_t> human,
                       std::optional<TimeUs>& out) -> Status {
      std::string v = get(exact);
      if (v.empty()) v = get(human);
      if (v.empty()) return ok_status();
      auto t = parse_time(v);
      if (!t) return make_error(where + ": " + t.error().message);
      out = *t;
      return ok_status();
    };
    Comment c;
    std::optional<TimeUs> start, end;
    if (auto s = time_of(c_start_s, c_start, start); !s) return s.error();
    if (!start) return make_error(where + " has no start time");
    // parse_time reads signed offsets; a comment's moment in a lesson cannot be negative.
    if (*start < 0) return make_error(where + " starts before 0:00 (" + format_time(*start) + ")");
    if (auto s = time_of(c_end_s, c_end, end); !s) return s.error();
    c.start_us = *start;
    if (end && *end > *start) {
      c.end_us = end;
    } else if (end && *end < *start) {
      if (!ends_dropped++) first_end_dropped = r + 1;
    }
    c.text = get(c_text);
    c.uuid = ascii_lower(get(c_uuid));
    if (!is_uuid(c.uuid)) c.uuid = new_uuid();
    c.author_id = set.author_id(get(c_author));
    c.kind = get(c_kind);  // empty: the file gives no stem (import_flat decides)
    std::string tags = get(c_tags);
    std::size_t p = 0;
    while (p < tags.size()) {
      std::size_t q = tags.find_first_of(" ;,", p);
      if (q == std::string::npos) q = tags.size();
      if (q > p) c.tags.push_back(tags.substr(p, q - p));
      p = q + 1;
    }
    if (auto v = parse_visibility(get(c_vis))) {
      c.visibility = *v;
      set.stated_visibility[c.uuid] = *v;
    }
    c.pupil = get(c_pupil);
    if (std::string parent = ascii_lower(get(c_parent)); is_uuid(parent)) c.parent_uuid = parent;
    std::int64_t n = 0;
    if (std::string v = get(c_version); !v.empty()) {
      if (!parse_i64(v, n) || n < 1 || n > kMaxCommentVersion)
        return make_error(where + " has version '" + v + "'; a comment version is a whole number from 1 to " +
                          std::to_string(kMaxCommentVersion));
      c.version = n;
    }
    if (parse_i64(get(c_created), n)) c.created_at_ms = n;
    if (parse_i64(get(c_updated), n)) c.updated_at_ms = n;
    set.comments.push_back(std::move(c));
  }
  if (ends_dropped)
    set.warnings.push_back("'" + source + "': " + std::to_string(ends_dropped) +
                           (ends_dropped == 1 ? " record ends" : " records end") + " before it starts (the first is record " +
                           std::to_string(first_end_dropped) + "); imported as point comments at their start");
  return set;
}

}  // namespace triad::exchange
