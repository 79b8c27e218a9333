#include "core/protocol.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/framework.hpp"
#include "core/roles.hpp"

namespace triad {
namespace {

using nlohmann::json;

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::vector<std::string> stem_codes(const Protocol& p) {
  std::vector<std::string> out;
  for (const auto& s : p.stems) out.push_back(s.code);
  return out;
}

}  // namespace

std::vector<FeedbackStem> default_stems() {
  return {
      {"took-away", "I took away\u2026", false},
      {"try", "Why don't you try\u2026", false},
      {"question", "Question", false},
      {"strength", "Strength", false},
      {"note", "Note", false},
  };
}

const FeedbackStem* find_stem(const Protocol& p, std::string_view code) {
  for (const auto& s : p.stems)
    if (s.code == code) return &s;
  return nullptr;
}

const std::string& framework_code_for(const Protocol& p, Role author_role) {
  return author_role == Role::LearningDetective ? p.detective_framework_code : p.framework_code;
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

bool retention_passed(const Protocol& p, std::string_view today) {
  return p.retention_date && is_iso_date(*p.retention_date) && is_iso_date(today) && today > *p.retention_date;
}

Status validate_protocol(const Protocol& p) {
  if (p.stems.empty()) return make_error("A protocol needs at least one feedback stem.");
  std::vector<std::string> seen;
  for (const auto& s : p.stems) {
    if (!is_code_identifier(s.code))
      return make_error("Feedback stem code '" + s.code + "' must be lower-case letters, digits and dashes.");
    if (std::find(seen.begin(), seen.end(), s.code) != seen.end())
      return make_error("Feedback stem '" + s.code + "' appears twice in the protocol.");
    seen.push_back(s.code);
    if (s.label.empty()) return make_error("Feedback stem '" + s.code + "' has an empty label.");
  }
  if (!is_code_identifier(p.framework_code)) return make_error("The protocol names no valid tag framework.");
  if (!is_code_identifier(p.detective_framework_code))
    return make_error("The protocol names no valid learning-detective framework.");
  for (const auto& q : p.focus_questions)
    if (q.empty()) return make_error("A focus question of the protocol is empty.");
  if (p.retention_date && !is_iso_date(*p.retention_date))
    return make_error("Retention date '" + *p.retention_date + "' is not a calendar date YYYY-MM-DD.");
  return ok_status();
}

Status check_comment(const Protocol& p, const Framework& framework, const std::vector<std::string>& pupil_lanes,
                     Role author_role, const Comment& c) {
  if (auto st = may_use_framework(author_role, framework); !st) return st;
  if (!c.pupil.empty()) {
    if (!is_pupil_code(c.pupil))
      return make_error("Pupil '" + c.pupil + "' is not a pupil code such as 'Pupil A' or 'P3'; names are never stored.");
    if (!pupil_lanes.empty() && std::find(pupil_lanes.begin(), pupil_lanes.end(), c.pupil) == pupil_lanes.end())
      return make_error("Pupil '" + c.pupil + "' is not one of the session's case-study pupils (" +
                        join(pupil_lanes) + ").");
  }
  if (c.parent_uuid) {
    if (!c.tags.empty()) return make_error("A reply cannot carry tags; tag the comment it answers instead.");
    if (!c.kind.empty() && !find_stem(p, c.kind))
      return make_error("Stem '" + c.kind + "' is not one of this protocol's stems (" + join(stem_codes(p)) + ").");
    return ok_status();
  }
  const bool any_required = std::any_of(p.stems.begin(), p.stems.end(), [](auto& s) { return s.required; });
  if (c.kind.empty()) {
    if (any_required)
      return make_error("The protocol requires a feedback stem on every comment (one of: " + join(stem_codes(p)) +
                        "); this comment has none.");
  } else if (!find_stem(p, c.kind)) {
    return make_error("Stem '" + c.kind + "' is not one of this protocol's stems (" + join(stem_codes(p)) + ").");
  }
  for (const auto& t : c.tags)
    if (!find_tag(framework, t))
      return make_error("Tag '" + t + "' is not in the framework '" + framework.code + "' of this protocol.");
  return ok_status();
}

Status check_comment(const Protocol& p, const Framework& framework, Role author_role, const Comment& c) {
  return check_comment(p, framework, framework.pupils, author_role, c);
}

std::vector<std::string> missing_required_stems(const Protocol& p, const std::vector<Comment>& own) {
  std::vector<std::string> missing;
  for (const auto& s : p.stems) {
    if (!s.required) continue;
    bool used = std::any_of(own.begin(), own.end(),
                            [&](const Comment& c) { return !c.deleted && !c.parent_uuid && c.kind == s.code; });
    if (!used) missing.push_back(s.code);
  }
  return missing;
}

Result<FeedbackStem> parse_stem(std::string_view spec) {
  std::string text{spec};
  FeedbackStem s;
  auto eq = text.find('=');
  std::string code = text.substr(0, eq);
  std::string label = eq == std::string::npos ? std::string{} : text.substr(eq + 1);
  // '!' may follow either the code ("try!") or the label ("try=Why not…!").
  std::string& last = eq == std::string::npos ? code : label;
  if (!last.empty() && last.back() == '!') {
    s.required = true;
    last.pop_back();
  }
  if (!is_code_identifier(code))
    return make_error("Stem '" + text + "' must start with a code of lower-case letters, digits and dashes.");
  s.code = code;
  if (eq == std::string::npos) {
    for (const auto& d : default_stems())
      if (d.code == code) label = d.label;
    if (label.empty())
      return make_error("Stem '" + code + "' is not a default stem, so it needs a label: " + code + "=Label.");
  }
  if (label.empty()) return make_error("Stem '" + code + "' has an empty label.");
  s.label = label;
  return s;
}

std::string protocol_to_json(const Protocol& p) {
  nlohmann::ordered_json j;
  j["session_id"] = p.session_id;
  j["focus_questions"] = p.focus_questions;
  j["framework"] = p.framework_code;
  j["detective_framework"] = p.detective_framework_code;
  auto stems = nlohmann::ordered_json::array();
  for (const auto& s : p.stems) stems.push_back({{"code", s.code}, {"label", s.label}, {"required", s.required}});
  j["stems"] = std::move(stems);
  j["default_visibility"] = std::string{to_string(p.default_visibility)};
  j["blind_review"] = p.blind_review;
  j["retention_date"] = p.retention_date ? nlohmann::ordered_json(*p.retention_date) : nlohmann::ordered_json(nullptr);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // never throws on bad text
}

Result<Protocol> protocol_from_json(std::string_view text, std::string_view source) {
  const std::string src{source};
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return make_error(src + " is not a protocol (expected a JSON object).");
  Protocol p;
  try {
    p.session_id = j.value("session_id", RowId{0});
    if (j.contains("focus_questions")) p.focus_questions = j.at("focus_questions").get<std::vector<std::string>>();
    p.framework_code = j.value("framework", std::string{kDefaultFramework});
    p.detective_framework_code = j.value("detective_framework", std::string{kDefaultDetectiveFramework});
    if (j.contains("stems")) {
      p.stems.clear();
      for (const auto& s : j.at("stems"))
        p.stems.push_back({s.at("code").get<std::string>(), s.at("label").get<std::string>(), s.value("required", false)});
    }
    auto vis = parse_visibility(j.value("default_visibility", std::string{"triad"}));
    if (!vis) return make_error(src + ": 'default_visibility' must be private, triad or everyone.");
    p.default_visibility = *vis;
    p.blind_review = j.value("blind_review", false);
    if (j.contains("retention_date") && !j.at("retention_date").is_null())
      p.retention_date = j.at("retention_date").get<std::string>();
  } catch (const json::exception& e) {
    return make_error(src + " has a malformed protocol field (" + std::string{e.what()} + ").");
  }
  if (auto st = validate_protocol(p); !st) return make_error(src + ": " + st.error().message);
  return p;
}

}  // namespace triad
