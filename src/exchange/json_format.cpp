#include "exchange/json_format.hpp"

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "base/uuid.hpp"
#include "exchange/text_encoding.hpp"

namespace triad::exchange {
using nlohmann::json;

std::string write_json(const CommentSet& set) {
  std::vector<Comment> comments = set.comments;
  sort_for_export(comments);
  json arr = json::array();
  for (const Comment& c : comments) {
    arr.push_back({{"uuid", c.uuid},
                   {"start_us", c.start_us},
                   {"end_us", c.end_us ? json(*c.end_us) : json(nullptr)},
                   {"start", format_time(c.start_us)},
                   {"author", set.author_name(c.author_id)},
                   {"kind", c.kind},
                   {"tags", c.tags},
                   {"visibility", std::string(to_string(c.visibility))},
                   {"pupil", c.pupil},
                   {"text", c.text},
                   {"parent_uuid", c.parent_uuid ? json(*c.parent_uuid) : json(nullptr)},
                   {"version", c.version},
                   {"created_at_ms", c.created_at_ms},
                   {"updated_at_ms", c.updated_at_ms}});
  }
  json doc = {{"format", "triad-comments"},
              {"version", 1},
              {"title", set.title},
              {"media_url", set.media_url},
              {"comments", std::move(arr)}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";  // never throws on bad text
}

namespace {

// Typed reads of one field. A field that is absent (or null, where the format allows null)
// gives nullopt; a field of another type gives a sentence naming it, never an exception.
struct Fields {
  const json& object;
  std::string where;  // "'notes.json'" or "'notes.json' comment 3"

  Error wrong(const char* key, const char* expected) const {
    return make_error(where + " has a field \"" + key + "\" of the wrong type (" + object.at(key).type_name() +
                      "; expected " + expected + ")");
  }
  const json* find(const char* key, bool null_is_absent = true) const {
    auto it = object.find(key);
    if (it == object.end() || (null_is_absent && it->is_null())) return nullptr;
    return &*it;
  }
  Result<std::optional<std::string>> text(const char* key) const {
    const json* v = find(key);
    if (!v) return std::optional<std::string>{};
    if (!v->is_string()) return wrong(key, "a string");
    return std::optional<std::string>{v->get_ref<const std::string&>()};
  }
  Result<std::optional<std::int64_t>> integer(const char* key) const {
    const json* v = find(key);
    if (!v) return std::optional<std::int64_t>{};
    if (v->is_number_unsigned()) {
      if (v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        return make_error(where + " has a field \"" + key + "\" too large for this Triad (" + v->dump() + ")");
      return std::optional<std::int64_t>{static_cast<std::int64_t>(v->get<std::uint64_t>())};
    }
    if (!v->is_number_integer()) return wrong(key, "a whole number");
    return std::optional<std::int64_t>{v->get<std::int64_t>()};
  }
  Result<std::vector<std::string>> strings(const char* key) const {
    std::vector<std::string> out;
    const json* v = find(key);
    if (!v) return out;
    if (!v->is_array()) return wrong(key, "a list of strings");
    for (const json& e : *v) {
      if (!e.is_string()) return wrong(key, "a list of strings");
      out.push_back(e.get<std::string>());
    }
    return out;
  }
};

Result<Comment> read_comment(const json& j, const Fields& f, CommentSet& set) {
  if (!j.is_object()) return make_error(f.where + " is not an object");
  Comment c;
  auto uuid = f.text("uuid");
  if (!uuid) return uuid.error();
  c.uuid = uuid->value_or("");
  if (!is_uuid(c.uuid)) c.uuid = new_uuid();
  auto start = f.integer("start_us"), end = f.integer("end_us");
  if (!start) return start.error();
  if (!end) return end.error();
  if (!*start) return make_error(f.where + " has no \"start_us\"");
  c.start_us = **start;
  c.end_us = *end;
  if (c.start_us < 0 || (c.end_us && *c.end_us <= c.start_us))
    return make_error(f.where + " has impossible times (start " + std::to_string(c.start_us) + " us" +
                      (c.end_us ? ", end " + std::to_string(*c.end_us) + " us" : std::string()) + ")");
  auto author = f.text("author"), kind = f.text("kind"), vis = f.text("visibility"), pupil = f.text("pupil"),
       text = f.text("text"), parent = f.text("parent_uuid");
  for (auto* r : {&author, &kind, &vis, &pupil, &text, &parent})
    if (!*r) return r->error();
  auto tags = f.strings("tags");
  if (!tags) return tags.error();
  auto version = f.integer("version"), created = f.integer("created_at_ms"), updated = f.integer("updated_at_ms");
  for (auto* r : {&version, &created, &updated})
    if (!*r) return r->error();
  c.author_id = set.author_id(author->value_or(""));
  c.kind = kind->value_or("");  // empty: no stem given (import_flat decides)
  c.tags = std::move(*tags);
  if (auto v = parse_visibility(vis->value_or(""))) {
    c.visibility = *v;
    set.stated_visibility[c.uuid] = *v;
  }
  c.pupil = pupil->value_or("");
  c.text = text->value_or("");
  c.parent_uuid = *parent;
  c.version = version->value_or(1);
  if (c.version < 1 || c.version > kMaxCommentVersion)
    return make_error(f.where + " has version " + std::to_string(c.version) +
                      "; a comment version is a whole number from 1 to " + std::to_string(kMaxCommentVersion));
  c.created_at_ms = created->value_or(0);
  c.updated_at_ms = updated->value_or(0);
  return c;
}

Result<CommentSet> read_json_document(std::string_view body, const std::string& source) {
  const std::string where = "'" + source + "'";
  json doc = json::parse(body.begin(), body.end(), nullptr, false);
  if (doc.is_discarded()) return make_error(where + " is not valid JSON");
  if (!doc.is_object()) return make_error(where + " is not a Triad comments JSON file (it is not a JSON object)");
  Fields top{doc, where};
  auto format = top.text("format");
  if (!format || *format != std::optional<std::string>("triad-comments"))
    return make_error(where + " is not a Triad comments JSON file (no \"format\": \"triad-comments\")");
  auto version = top.integer("version");
  if (!version || *version != std::optional<std::int64_t>(1))
    return make_error(where + " has an unsupported version (this Triad reads version 1)");
  auto comments = doc.find("comments");
  if (comments == doc.end() || !comments->is_array()) return make_error(where + " has no \"comments\" list");
  auto title = top.text("title"), media_url = top.text("media_url");
  if (!title) return title.error();
  if (!media_url) return media_url.error();
  CommentSet set;
  set.title = title->value_or("");
  set.media_url = media_url->value_or("");
  std::size_t index = 0;
  for (const json& j : *comments) {
    ++index;
    auto c = read_comment(j, Fields{j, where + " comment " + std::to_string(index)}, set);
    if (!c) return c.error();
    set.comments.push_back(std::move(*c));
  }
  return set;
}

}  // namespace

Result<CommentSet> read_json(std::string_view bytes, const std::string& source) {
  // JSON is UTF-8 (RFC 8259); a BOM or UTF-16/32 from an editor is decoded, but broken
  // bytes refuse the file: a JSON file is not repaired by guessing.
  DecodedText decoded = decode_import_text(bytes, source, LegacyBytes::Replace);
  if (!decoded.warnings.empty()) return make_error(decoded.warnings.front());
  try {
    return read_json_document(decoded.text, source);
  } catch (const std::exception& e) {  // not expected: every access above is type-checked
    return make_error("'" + source + "' cannot be read: " + e.what());
  }
}

}  // namespace triad::exchange
