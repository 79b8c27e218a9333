#include "core/framework.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

namespace triad {
namespace {

using nlohmann::json;

bool is_colour(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (char c : s.substr(1))
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool is_hotkey(std::string_view s) { return s.size() == 1 && s[0] >= '1' && s[0] <= '9'; }

// Every key of `obj` must be in `allowed`: a misspelt field ("color") is an error rather
// than silently dropped data.
Status only_keys(const json& obj, std::initializer_list<std::string_view> allowed, const std::string& where) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
      return make_error(where + " has an unknown field '" + it.key() + "'.");
  }
  return ok_status();
}

Result<std::string> get_string(const json& obj, const char* key, const std::string& where, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) return make_error(where + " has no '" + key + "'.");
    return std::string{};
  }
  if (!it->is_string()) return make_error(where + ": '" + key + "' must be a string.");
  return it->get<std::string>();
}

}  // namespace

bool is_code_identifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return s.front() != '-' && s.back() != '-';
}

bool is_pupil_code(std::string_view s) {
  auto alnum_upper = [](std::string_view t) {
    if (t.empty() || t.size() > 4) return false;
    for (char c : t)
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
  };
  auto digits = [](std::string_view t) {
    if (t.empty() || t.size() > 4) return false;
    for (char c : t)
      if (c < '0' || c > '9') return false;
    return true;
  };
  if (s.rfind("Pupil ", 0) == 0) return alnum_upper(s.substr(6));
  if (s.size() >= 2 && s[0] == 'P') return digits(s.substr(1));
  return false;
}

std::string shipped_frameworks_dir() {
  if (const char* env = std::getenv("TRIAD_ASSETS_DIR"); env && *env) return std::string(env) + "/frameworks";
  return TRIAD_SHIPPED_FRAMEWORKS_DIR;
}

const Tag* find_tag(const Framework& f, std::string_view code) {
  for (const auto& t : f.tags)
    if (t.code == code) return &t;
  return nullptr;
}

void tags_to_codes(const Framework& f, std::vector<std::string>& tags) {
  auto iequals = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (auto& t : tags)
    for (const auto& tag : f.tags)
      if (iequals(tag.code, t) || iequals(tag.label, t)) {
        t = tag.code;
        break;
      }
}

Framework to_framework(const FrameworkDefinition& def) {
  Framework f = def.framework;
  if (!def.pupils.empty()) f.pupils = def.pupils;
  return f;
}

FrameworkDefinition to_definition(const Framework& f) { return FrameworkDefinition{f, f.pupils}; }

Status validate_framework(const FrameworkDefinition& def) { return validate_framework(to_framework(def)); }

Result<FrameworkDefinition> framework_from_json(std::string_view json_text, std::string_view source) {
  auto f = parse_framework(json_text, source);
  if (!f) return f.error();
  return to_definition(*f);
}

std::string framework_to_json(const FrameworkDefinition& def) { return framework_to_json(to_framework(def)); }

Status validate_framework(const Framework& f) {
  if (!is_code_identifier(f.code))
    return make_error("Framework code '" + f.code + "' must be lower-case letters, digits and dashes.");
  const std::string where = "Framework '" + f.code + "'";
  if (f.name.empty()) return make_error(where + " has an empty name.");
  if (f.tags.empty()) return make_error(where + " has no tags.");
  std::set<std::string> codes, hotkeys;
  for (const auto& t : f.tags) {
    if (!is_code_identifier(t.code))
      return make_error(where + ": tag code '" + t.code + "' must be lower-case letters, digits and dashes.");
    if (!codes.insert(t.code).second) return make_error(where + ": tag code '" + t.code + "' appears twice.");
    if (t.label.empty()) return make_error(where + ": tag '" + t.code + "' has an empty label.");
    if (!is_colour(t.colour))
      return make_error(where + ": tag '" + t.code + "' colour '" + t.colour + "' is not #RRGGBB.");
    if (!t.hotkey.empty()) {
      if (!is_hotkey(t.hotkey))
        return make_error(where + ": tag '" + t.code + "' hotkey '" + t.hotkey + "' is not a digit 1-9.");
      if (!hotkeys.insert(t.hotkey).second)
        return make_error(where + ": hotkey " + t.hotkey + " is used by two tags.");
    }
  }
  std::set<std::string> pupils;
  for (const auto& p : f.pupils) {
    if (!is_pupil_code(p))
      return make_error(where + ": pupil lane '" + p + "' is not a pupil code such as 'Pupil A' or 'P3'.");
    if (!pupils.insert(p).second) return make_error(where + ": pupil lane '" + p + "' appears twice.");
  }
  return ok_status();
}

Result<Framework> parse_framework(std::string_view json_text, std::string_view source) {
  const std::string src{source};
  json doc = json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return make_error(src + " is not valid JSON.");
  if (!doc.is_object()) return make_error(src + " is not a framework (expected a JSON object).");
  if (auto st = only_keys(doc, {"format", "version", "code", "name", "description", "child_friendly", "pupils", "tags"},
                          src);
      !st)
    return st.error();
  auto fmt_it = doc.find("format");
  if (fmt_it == doc.end() || *fmt_it != "triad-framework")
    return make_error(src + " is not a framework (\"format\" must be \"triad-framework\").");
  auto ver_it = doc.find("version");
  if (ver_it == doc.end() || !ver_it->is_number_integer())
    return make_error(src + " has no integer \"version\".");
  if (ver_it->get<long long>() > kFrameworkFormatVersion)
    return make_error(src + " uses framework format version " + std::to_string(ver_it->get<long long>()) +
                      ", newer than this Triad understands (" + std::to_string(kFrameworkFormatVersion) + ").");

  Framework f;
  auto code = get_string(doc, "code", src, true);
  if (!code) return code.error();
  f.code = *code;
  auto name = get_string(doc, "name", src, true);
  if (!name) return name.error();
  f.name = *name;
  auto desc = get_string(doc, "description", src, false);
  if (!desc) return desc.error();
  f.description = *desc;
  if (auto it = doc.find("child_friendly"); it != doc.end()) {
    if (!it->is_boolean()) return make_error(src + ": 'child_friendly' must be true or false.");
    f.child_friendly = it->get<bool>();
  }
  if (auto it = doc.find("pupils"); it != doc.end()) {
    if (!it->is_array()) return make_error(src + ": 'pupils' must be a list of pupil codes.");
    for (const auto& p : *it) {
      if (!p.is_string()) return make_error(src + ": 'pupils' must be a list of pupil codes.");
      f.pupils.push_back(p.get<std::string>());
    }
  }
  auto tags_it = doc.find("tags");
  if (tags_it == doc.end() || !tags_it->is_array()) return make_error(src + " has no \"tags\" list.");
  int n = 0;
  for (const auto& jt : *tags_it) {
    ++n;
    const std::string where = src + ": tag " + std::to_string(n);
    if (!jt.is_object()) return make_error(where + " is not an object.");
    if (auto st = only_keys(jt, {"code", "label", "colour", "hotkey"}, where); !st) return st.error();
    Tag t;
    auto tc = get_string(jt, "code", where, true);
    if (!tc) return tc.error();
    t.code = *tc;
    auto tl = get_string(jt, "label", where, true);
    if (!tl) return tl.error();
    t.label = *tl;
    auto col = get_string(jt, "colour", where, true);
    if (!col) return col.error();
    t.colour = *col;
    auto hk = get_string(jt, "hotkey", where, false);
    if (!hk) return hk.error();
    t.hotkey = *hk;
    f.tags.push_back(std::move(t));
  }
  if (auto st = validate_framework(f); !st) return make_error(src + ": " + st.error().message);
  return f;
}

std::string framework_to_json(const Framework& f) {
  // ordered_json keeps the documented key order, so exported files diff cleanly.
  nlohmann::ordered_json doc;
  doc["format"] = "triad-framework";
  doc["version"] = kFrameworkFormatVersion;
  doc["code"] = f.code;
  doc["name"] = f.name;
  doc["description"] = f.description;
  doc["child_friendly"] = f.child_friendly;
  if (!f.pupils.empty()) doc["pupils"] = f.pupils;
  auto tags = nlohmann::ordered_json::array();
  for (const auto& t : f.tags) {
    nlohmann::ordered_json jt;
    jt["code"] = t.code;
    jt["label"] = t.label;
    jt["colour"] = t.colour;
    if (!t.hotkey.empty()) jt["hotkey"] = t.hotkey;
    tags.push_back(std::move(jt));
  }
  doc["tags"] = std::move(tags);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";  // never throws on bad text
}

}  // namespace triad
