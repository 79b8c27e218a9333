#include "exchange/bundle_data.hpp"

#include <sodium.h>

#include <algorithm>
#include <set>

#include "base/uuid.hpp"
#include "core/comment_fields.hpp"
#include "core/lesson_study.hpp"
#include "core/protocol.hpp"
#include "crypto/signing_key.hpp"
#include "exchange/bundle.hpp"
#include "exchange/export_view.hpp"
#include "exchange/text_encoding.hpp"
#include "store/workflow.hpp"

namespace triad::exchange::detail {
using nlohmann::json;

namespace {
constexpr std::string_view kPseudonymPrefix = "Learning detective ";
std::string setting_prefix(const Session& s) { return "pseudonym:" + s.uuid + ":"; }
}  // namespace

Status TravelNames::load() {
  if (loaded_) return ok_status();
  auto all = lib_.list_settings(setting_prefix(session_));
  if (!all) return all.error();
  for (auto& [k, v] : *all) {
    RowId id = std::strtoll(k.substr(setting_prefix(session_).size()).c_str(), nullptr, 10);
    if (id > 0) {
      pseudonyms_[v] = id;
      names_[id] = v;
    }
  }
  loaded_ = true;
  return ok_status();
}

Result<std::string> TravelNames::name_of(RowId person_id) {
  if (auto s = load(); !s) return s.error();
  if (auto it = names_.find(person_id); it != names_.end()) return it->second;
  auto p = lib_.get_person(person_id);
  if (!p) return p.error();
  std::string name = p->display_name;
  auto role = store::participant_role(lib_, session_.id, person_id);
  if (!role) return role.error();
  if (*role == Role::LearningDetective && !is_detective_pseudonym(name)) {
    // Random, made once and kept: nothing about the child can be recomputed from it.
    std::uint8_t b[3];
    do {
      randombytes_buf(b, sizeof b);
      char hex[7];
      sodium_bin2hex(hex, sizeof hex, b, sizeof b);
      name = std::string(kPseudonymPrefix) + hex;
    } while (pseudonyms_.count(name));
    if (auto s = lib_.set_setting(setting_prefix(session_) + std::to_string(person_id), name); !s) return s.error();
    pseudonyms_[name] = person_id;
  }
  names_[person_id] = name;
  return name;
}

Result<std::optional<RowId>> TravelNames::find_person(const std::string& name) {
  if (auto s = load(); !s) return s.error();
  if (auto it = pseudonyms_.find(name); it != pseudonyms_.end()) return std::optional<RowId>(it->second);
  auto found = lib_.find_person(name);
  if (!found) return found.error();
  if (!*found) return std::optional<RowId>();
  return std::optional<RowId>((*found)->id);
}

Result<RowId> TravelNames::person_for(const std::string& name) {
  auto found = find_person(name);
  if (!found) return found.error();
  if (*found) return **found;
  auto added = lib_.add_person(name);
  if (!added) return added.error();
  return added->id;
}

json comment_data(const Comment& c, const std::string& author) {
  json j = comment_fields(c);
  j["author"] = author;
  return j;
}

json session_data(const Session& s, const std::string& school, const std::string& teacher) {
  return json{{"title", s.title},         {"date", s.date},           {"school", school},
              {"teacher", teacher},       {"subject", s.subject},     {"year_group", s.year_group},
              {"class_label", s.class_label}, {"focus", s.focus},     {"cycle", s.cycle},
              {"cycle_position", s.cycle_position}, {"updated_at_ms", s.updated_at_ms}};
}

json action_data(const Action& a, const std::optional<std::string>& owner, const std::optional<std::string>& comment_uuid,
                 const std::string& created_by) {
  return json{{"uuid", a.uuid},
              {"text", a.text},
              {"owner", owner ? json(*owner) : json(nullptr)},
              {"comment", comment_uuid ? json(*comment_uuid) : json(nullptr)},
              {"created_by", created_by},
              {"created_at_ms", a.created_at_ms},
              {"done", a.done},
              {"done_at_ms", a.done_at_ms ? json(*a.done_at_ms) : json(nullptr)},
              {"updated_at_ms", a.updated_at_ms}};
}

json case_data(const LessonStudyCase& c, const std::string& by) {
  return json{{"pupils", pupils_to_json(c.pupils)},
              {"phases", phases_to_json(c.phases)},
              {"updated_at_ms", c.updated_at_ms},
              {"by", by}};
}

json prediction_data(const Prediction& p, const std::string& author) {
  return json{{"author", author},        {"pupil", p.pupil},
              {"phase", p.phase},        {"text", p.text},
              {"created_at_ms", p.created_at_ms}, {"updated_at_ms", p.updated_at_ms}};
}

// ---- the limits table: one check per field, used by export and import alike ---------------

namespace {

enum class T { Str, OptStr, Name, Uuid, OptUuid, Ms, OptMs, MediaUs, OptMediaUs, Bool, Count, Tags, Object, List, Role, Vis, Key, Pupil, Text };
struct Field {
  const char* name;
  T type;
};

const std::map<std::string, std::vector<Field>, std::less<>>& schema() {
  static const std::map<std::string, std::vector<Field>, std::less<>> s = {
      {"genesis", {{"creator", T::Name}, {"created_at_ms", T::Ms}}},
      {"session",
       {{"title", T::Name}, {"date", T::Str}, {"school", T::Str}, {"teacher", T::Str}, {"subject", T::Str},
        {"year_group", T::Str}, {"class_label", T::Str}, {"focus", T::Str}, {"cycle", T::Str},
        {"cycle_position", T::Count}, {"updated_at_ms", T::Ms}}},
      {"key", {{"person", T::Name}, {"key", T::Key}}},
      {"participant", {{"person", T::Name}, {"role", T::Role}, {"role_set_at_ms", T::Ms}}},
      {"rekey", {{"person", T::Name}, {"key", T::Key}, {"replaces", T::Key}, {"rekeyed_at_ms", T::Ms}}},
      {"recordings", {{"recordings", T::List}}},
      {"protocol", {{"protocol", T::Object}, {"updated_at_ms", T::Ms}, {"by", T::Name}}},
      {"case", {{"pupils", T::List}, {"phases", T::List}, {"updated_at_ms", T::Ms}, {"by", T::Name}}},
      {"prediction",
       {{"author", T::Name}, {"pupil", T::Pupil}, {"phase", T::Name}, {"text", T::Text}, {"created_at_ms", T::Ms},
        {"updated_at_ms", T::Ms}}},
      {"comment",
       {{"uuid", T::Uuid}, {"author", T::Name}, {"start_us", T::MediaUs}, {"end_us", T::OptMediaUs}, {"kind", T::Name},
        {"text", T::Text}, {"visibility", T::Vis}, {"pupil", T::Pupil}, {"parent_uuid", T::OptUuid},
        {"created_at_ms", T::Ms}, {"updated_at_ms", T::Ms}, {"version", T::Count}, {"deleted", T::Bool}, {"tags", T::Tags}}},
      {"submission", {{"person", T::Name}, {"submitted_at_ms", T::Ms}}},
      {"approval", {{"comment", T::Uuid}, {"by", T::Name}, {"approved_at_ms", T::Ms}}},
      {"reveal", {{"by", T::Name}, {"revealed_at_ms", T::Ms}, {"automatic", T::Bool}}},
      {"action",
       {{"uuid", T::Uuid}, {"text", T::Text}, {"owner", T::OptStr}, {"comment", T::OptUuid}, {"created_by", T::Name},
        {"created_at_ms", T::Ms}, {"done", T::Bool}, {"done_at_ms", T::OptMs}, {"updated_at_ms", T::Ms}}},
  };
  return s;
}

bool int_in(const json& v, std::int64_t lo, std::int64_t hi) {
  if (!v.is_number_integer()) return false;
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(INT64_MAX)) return false;
  const auto x = v.get<std::int64_t>();
  return x >= lo && x <= hi;
}

bool str_ok(const json& v, std::size_t max, bool nonempty) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  return s.size() <= max && (!nonempty || !s.empty()) && is_valid_utf8(s);
}

}  // namespace

Status check_data(const std::string& kind, const json& data, const std::string& where) {
  auto it = schema().find(kind);
  if (it == schema().end()) return make_error(where + " is of an unknown kind '" + kind + "'");
  if (!data.is_object()) return make_error(where + " has no data object");
  // A kind has at most 14 fields: a linear look-up beats building a set for every change.
  for (auto e = data.begin(); e != data.end(); ++e)
    if (std::none_of(it->second.begin(), it->second.end(), [&](const Field& f) { return e.key() == f.name; }))
      return make_error(where + " has an unknown field \"" + e.key() + "\"");
  constexpr std::int64_t kMaxMs = INT64_MAX / 2;
  for (const Field& f : it->second) {
    auto found = data.find(f.name);
    if (found == data.end()) return make_error(where + " has no \"" + f.name + "\"");
    const json& v = *found;
    bool ok = true;
    switch (f.type) {
      case T::Str: ok = str_ok(v, kMaxFieldBytes, false); break;
      case T::OptStr: ok = v.is_null() || str_ok(v, kMaxFieldBytes, true); break;
      case T::Name: ok = str_ok(v, kMaxFieldBytes, true); break;
      case T::Text: ok = str_ok(v, kMaxTextBytes, false); break;
      case T::Uuid: ok = v.is_string() && is_uuid(v.get_ref<const std::string&>()); break;
      case T::OptUuid: ok = v.is_null() || (v.is_string() && is_uuid(v.get_ref<const std::string&>())); break;
      case T::Ms: ok = int_in(v, 0, kMaxMs); break;
      case T::OptMs: ok = v.is_null() || int_in(v, 0, kMaxMs); break;
      case T::MediaUs: ok = int_in(v, 0, kMaxMediaTimeUs); break;
      case T::OptMediaUs: ok = v.is_null() || int_in(v, 0, kMaxMediaTimeUs); break;
      case T::Bool: ok = v.is_boolean(); break;
      case T::Count: ok = int_in(v, 0, std::int64_t{1} << 40); break;
      case T::Object: ok = v.is_object(); break;
      case T::List: ok = v.is_array(); break;
      case T::Role: ok = v.is_string() && parse_role(v.get<std::string>()).has_value(); break;
      case T::Vis: ok = v.is_string() && parse_visibility(v.get<std::string>()).has_value(); break;
      case T::Key: ok = v.is_string() && crypto::public_key_from_base64(v.get<std::string>()).has_value(); break;
      case T::Pupil: ok = v.is_string() && (v.get<std::string>().empty() || is_pupil_code(v.get<std::string>())); break;
      case T::Tags: {
        ok = v.is_array() && v.size() <= 256;
        std::string prev;
        for (std::size_t i = 0; ok && i < v.size(); ++i) {
          ok = str_ok(v[i], 128, true) && (i == 0 || v[i].get<std::string>() > prev);  // sorted, unique
          if (ok) prev = v[i].get<std::string>();
        }
        break;
      }
    }
    if (!ok) return make_error(where + " field \"" + f.name + "\" is missing, of the wrong type, too long or out of range");
  }
  if (kind == "comment") {
    if (!data["end_us"].is_null() && data["end_us"].get<std::int64_t>() <= data["start_us"].get<std::int64_t>())
      return make_error(where + " ends before it starts");
    if (data["visibility"] == "private") return make_error(where + " is private; bundles never carry private comments");
    if (data["version"].get<std::int64_t>() < 1) return make_error(where + " has version 0");
    if (!data["deleted"].get<bool>() &&
        data["text"].get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos)
      return make_error(where + " has no text");
  }
  if (kind == "session" && data["cycle_position"].get<std::int64_t>() > 1000)
    return make_error(where + " has a cycle position beyond 1000");
  if (kind == "action" && data["text"].get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error(where + " has no text");
  if (kind == "case") {
    // The same rules as a library's own edits (core/lesson_study.hpp validate_case), so
    // whatever one library stores every other accepts: codes, never names; one-line,
    // short descriptions; named phases in start order.
    LessonStudyCase c;
    auto pupils = pupils_from_json(data["pupils"], where);
    if (!pupils) return pupils.error();
    auto phases = phases_from_json(data["phases"], where);
    if (!phases) return phases.error();
    c.pupils = std::move(*pupils);
    c.phases = std::move(*phases);
    for (const auto& ph : c.phases)
      if (ph.start_us > kMaxMediaTimeUs) return make_error(where + " has a phase beyond a week of video");
    if (auto v = validate_case(c); !v) return make_error(where + " holds an invalid case (" + v.error().message + ")");
  }
  if (kind == "prediction") {
    if (data["pupil"].get_ref<const std::string&>().empty()) return make_error(where + " names no pupil");
    if (auto s = check_lesson_phase({data["phase"].get<std::string>(), 0}); !s)
      return make_error(where + " names an invalid phase (" + s.error().message + ")");
    if (auto s = check_prediction_text(data["text"].get_ref<const std::string&>()); !s)
      return make_error(where + " holds an invalid prediction (" + s.error().message + ")");
  }
  if (kind == "recordings") {
    auto placed = parse_bundle_recordings(data["recordings"]);
    if (!placed) return make_error(where + " holds invalid placements (" + placed.error().message + ")");
    if (placed->empty()) return make_error(where + " places no recording");
  }
  if (kind == "protocol") {
    auto p = protocol_from_json(data["protocol"].dump(), where);
    if (!p) return make_error(where + " holds an invalid protocol (" + p.error().message + ")");
  }
  return ok_status();
}

}  // namespace triad::exchange::detail
