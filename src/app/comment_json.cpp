#include "app/comment_json.hpp"

#include <nlohmann/json.hpp>

#include "core/comment_fields.hpp"

namespace triad::app {

std::string comment_to_json(const Comment& c) {
  nlohmann::json j = comment_fields(c);
  j["session_id"] = c.session_id;
  j["author_id"] = c.author_id;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // never throws on bad text
}

Result<Comment> comment_from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return make_error("An undo step in the library is not readable JSON.");
  Comment c;
  if (auto s = read_comment_fields(j, c); !s)
    return make_error("An undo step in the library is incomplete: " + s.error().message);
  auto session = j.find("session_id");
  auto author = j.find("author_id");
  if (session == j.end() || !session->is_number_integer() || author == j.end() || !author->is_number_integer())
    return make_error("An undo step in the library is incomplete: it names no session or author.");
  c.session_id = session->get<RowId>();
  c.author_id = author->get<RowId>();
  return c;
}

}  // namespace triad::app
