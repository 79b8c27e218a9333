#include "app/comment_json.hpp"

#include <nlohmann/json.hpp>

namespace triad::app {

std::string comment_to_json(const Comment& c) {
  nlohmann::json j;
  j["uuid"] = c.uuid;
  j["session_id"] = c.session_id;
  j["author_id"] = c.author_id;
  j["start_us"] = c.start_us;
  if (c.end_us) j["end_us"] = *c.end_us;
  j["kind"] = c.kind;
  j["text"] = c.text;
  j["visibility"] = std::string(to_string(c.visibility));
  j["pupil"] = c.pupil;
  if (c.parent_uuid) j["parent_uuid"] = *c.parent_uuid;
  j["created_at_ms"] = c.created_at_ms;
  j["updated_at_ms"] = c.updated_at_ms;
  j["version"] = c.version;
  j["deleted"] = c.deleted;
  j["tags"] = c.tags;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // never throws on bad text
}

Result<Comment> comment_from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return make_error("An undo step in the library is not readable JSON.");
  try {
    Comment c;
    c.uuid = j.at("uuid").get<std::string>();
    c.session_id = j.at("session_id").get<RowId>();
    c.author_id = j.at("author_id").get<RowId>();
    c.start_us = j.at("start_us").get<TimeUs>();
    if (j.contains("end_us")) c.end_us = j["end_us"].get<TimeUs>();
    c.kind = j.value("kind", "");
    c.text = j.value("text", "");
    c.visibility = parse_visibility(j.value("visibility", "triad")).value_or(Visibility::Triad);
    c.pupil = j.value("pupil", "");
    if (j.contains("parent_uuid")) c.parent_uuid = j["parent_uuid"].get<std::string>();
    c.created_at_ms = j.value("created_at_ms", std::int64_t{0});
    c.updated_at_ms = j.value("updated_at_ms", std::int64_t{0});
    c.version = j.value("version", std::int64_t{1});
    c.deleted = j.value("deleted", false);
    c.tags = j.value("tags", std::vector<std::string>{});
    return c;
  } catch (const nlohmann::json::exception& e) {
    return make_error(std::string("An undo step in the library is incomplete: ") + e.what() + ".");
  }
}

}  // namespace triad::app
