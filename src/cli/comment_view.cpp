#include "cli/comment_view.hpp"

#include "app/person_name.hpp"
#include "base/time.hpp"
#include "core/comment_fields.hpp"

namespace triad::cli {

nlohmann::json comment_json(store::Library& lib, const Comment& c) {
  nlohmann::json j = comment_fields(c);
  j["id"] = c.id;
  j["session_id"] = c.session_id;
  j["author_id"] = c.author_id;
  j["author"] = app::person_name(lib, c.author_id);
  j["start"] = format_time(c.start_us);
  return j;
}

std::string comment_line(store::Library& lib, const Comment& c) {
  std::string when = format_time(c.start_us);
  if (c.end_us) when += "-" + format_time(*c.end_us);
  std::string tags;
  for (const auto& t : c.tags) tags += (tags.empty() ? "" : ", ") + t;
  std::string line = "#" + std::to_string(c.id) + "  " + when + "  " + c.kind;
  if (!tags.empty()) line += "  [" + tags + "]";
  line += "  " + app::person_name(lib, c.author_id) + " (" + std::string(to_string(c.visibility)) + ")";
  if (!c.pupil.empty()) line += "  {" + c.pupil + "}";
  line += c.deleted ? "  (deleted)" : ": " + c.text;
  return line;
}

}  // namespace triad::cli
