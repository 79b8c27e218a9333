#include "crypto/canonical_json.hpp"

#include <set>
#include <vector>

namespace triad::crypto {
using nlohmann::json;

namespace {

bool has_float(const json& j) {
  switch (j.type()) {
    case json::value_t::number_float: return true;
    case json::value_t::object:
    case json::value_t::array:
      for (const auto& v : j) if (has_float(v)) return true;
      return false;
    default: return false;
  }
}

}  // namespace

Result<std::string> canonical_json(const json& j) {
  if (has_float(j)) return make_error("A signed record holds a fractional number; only integers can be signed.");
  // nlohmann's object is a std::map<std::string, ...>: keys come out sorted by bytes.
  // ensure_ascii=false keeps UTF-8 as is; invalid UTF-8 throws, which we turn into a refusal.
  try {
    return j.dump(-1, ' ', false, json::error_handler_t::strict);
  } catch (const json::exception&) {
    return make_error("A signed record holds text that is not valid UTF-8.");
  }
}

Result<json> parse_json_strict(std::string_view text, const std::string& source) {
  std::vector<std::set<std::string>> keys;  // one set per open object
  bool duplicate = false;
  std::string dup;
  json::parser_callback_t cb = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: keys.emplace_back(); break;
      case json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case json::parse_event_t::key:
        if (!keys.empty() && !keys.back().insert(parsed.get<std::string>()).second) {
          if (!duplicate) dup = parsed.get<std::string>();
          duplicate = true;
        }
        break;
      default: break;
    }
    return true;
  };
  json doc = json::parse(text.begin(), text.end(), cb, false);
  if (doc.is_discarded()) return make_error("'" + source + "' is not complete JSON (truncated or damaged).");
  if (duplicate) return make_error("'" + source + "' names the key \"" + dup + "\" twice in one object.");
  return doc;
}

}  // namespace triad::crypto
