#include "exchange/json_format.hpp"

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

Result<CommentSet> read_json(std::string_view bytes, const std::string& source) {
  std::string_view body = strip_utf8_bom(bytes);
  if (!is_valid_utf8(body)) return make_error("'" + source + "' is not valid UTF-8");
  json doc = json::parse(body.begin(), body.end(), nullptr, false);
  if (doc.is_discarded()) return make_error("'" + source + "' is not valid JSON");
  if (!doc.is_object() || doc.value("format", "") != "triad-comments")
    return make_error("'" + source + "' is not a Triad comments JSON file (no \"format\": \"triad-comments\")");
  if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"].get<int>() != 1)
    return make_error("'" + source + "' has an unsupported version (this Triad reads version 1)");
  if (!doc.contains("comments") || !doc["comments"].is_array())
    return make_error("'" + source + "' has no \"comments\" list");
  CommentSet set;
  set.title = doc.value("title", "");
  set.media_url = doc.value("media_url", "");
  std::size_t index = 0;
  try {
    for (const json& j : doc["comments"]) {
      ++index;
      Comment c;
      c.uuid = j.value("uuid", "");
      if (!is_uuid(c.uuid)) c.uuid = new_uuid();
      c.start_us = j.at("start_us").get<TimeUs>();
      if (j.contains("end_us") && !j["end_us"].is_null()) c.end_us = j["end_us"].get<TimeUs>();
      if (c.start_us < 0 || (c.end_us && *c.end_us <= c.start_us))
        return make_error("'" + source + "' comment " + std::to_string(index) + " has impossible times");
      c.author_id = set.author_id(j.value("author", ""));
      c.kind = j.value("kind", "");  // empty: no stem given (import_flat decides)
      if (j.contains("tags")) c.tags = j["tags"].get<std::vector<std::string>>();
      if (auto v = parse_visibility(j.value("visibility", ""))) {
        c.visibility = *v;
        set.stated_visibility[c.uuid] = *v;
      }
      c.pupil = j.value("pupil", "");
      c.text = j.value("text", "");
      if (j.contains("parent_uuid") && j["parent_uuid"].is_string()) c.parent_uuid = j["parent_uuid"].get<std::string>();
      c.version = j.value("version", std::int64_t{1});
      c.created_at_ms = j.value("created_at_ms", std::int64_t{0});
      c.updated_at_ms = j.value("updated_at_ms", std::int64_t{0});
      set.comments.push_back(std::move(c));
    }
  } catch (const json::exception&) {
    return make_error("'" + source + "' comment " + std::to_string(index) + " has a field of the wrong type");
  }
  return set;
}

}  // namespace triad::exchange
