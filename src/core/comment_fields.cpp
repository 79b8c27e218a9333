#include "core/comment_fields.hpp"

#include <algorithm>

namespace triad {

using nlohmann::json;

json comment_fields(const Comment& c) {
  std::vector<std::string> tags = c.tags;
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return json{{"uuid", c.uuid},
              {"start_us", c.start_us},
              {"end_us", c.end_us ? json(*c.end_us) : json(nullptr)},
              {"kind", c.kind},
              {"text", c.text},
              {"visibility", std::string(to_string(c.visibility))},
              {"pupil", c.pupil},
              {"parent_uuid", c.parent_uuid ? json(*c.parent_uuid) : json(nullptr)},
              {"created_at_ms", c.created_at_ms},
              {"updated_at_ms", c.updated_at_ms},
              {"version", c.version},
              {"deleted", c.deleted},
              {"tags", std::move(tags)}};
}

namespace {

// The field `key` as T, or an error naming it; `optional` fields may be null or absent.
template <class T>
Status read(const json& j, const char* key, T& out) {
  auto it = j.find(key);
  if (it == j.end()) return make_error(std::string("The comment has no '") + key + "'.");
  bool typed = false;
  if constexpr (std::is_same_v<T, std::string>) typed = it->is_string();
  else if constexpr (std::is_same_v<T, bool>) typed = it->is_boolean();
  else typed = it->is_number_integer();
  if (!typed) return make_error(std::string("The comment's '") + key + "' has the wrong type.");
  out = it->get<T>();
  return ok_status();
}

template <class T>
Status read_optional(const json& j, const char* key, std::optional<T>& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    out.reset();
    return ok_status();
  }
  T value{};
  if (auto s = read(j, key, value); !s) return s;
  out = std::move(value);
  return ok_status();
}

}  // namespace

Status read_comment_fields(const json& j, Comment& c) {
  if (!j.is_object()) return make_error("The comment is not a JSON object.");
  std::string visibility;
  for (auto s : {read(j, "uuid", c.uuid), read(j, "start_us", c.start_us), read_optional(j, "end_us", c.end_us),
                 read(j, "kind", c.kind), read(j, "text", c.text), read(j, "visibility", visibility),
                 read(j, "pupil", c.pupil), read_optional(j, "parent_uuid", c.parent_uuid),
                 read(j, "created_at_ms", c.created_at_ms), read(j, "updated_at_ms", c.updated_at_ms),
                 read(j, "version", c.version), read(j, "deleted", c.deleted)})
    if (!s) return s;
  auto v = parse_visibility(visibility);
  if (!v) return make_error("The comment's visibility '" + visibility + "' is not private, triad or everyone.");
  c.visibility = *v;
  auto tags = j.find("tags");
  if (tags == j.end() || !tags->is_array()) return make_error("The comment's 'tags' is not a list.");
  c.tags.clear();
  for (const auto& t : *tags) {
    if (!t.is_string()) return make_error("The comment's 'tags' holds something that is not text.");
    c.tags.push_back(t.get<std::string>());
  }
  return ok_status();
}

}  // namespace triad
