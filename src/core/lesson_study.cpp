#include "core/lesson_study.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

#include "base/text.hpp"
#include "base/time.hpp"
#include "core/framework.hpp"
#include "core/roles.hpp"

namespace triad {
using nlohmann::json;

namespace {

// One line of text a person typed: UTF-8, no control characters (TextKind::Name), or free
// text keeping line breaks and tabs. Refused rather than repaired: what is stored is what
// was shown to the person who typed it.
bool clean(std::string_view s, TextKind kind) { return is_valid_utf8(s) && strip_controls(s, kind) == s; }

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

Status check_case_pupil(const CasePupil& p) {
  if (!is_pupil_code(p.code))
    return make_error("Case pupil " + in_quotes(p.code) +
                      " is not a pupil code such as 'Pupil A' or 'P3'; pupils are never named in Triad.");
  if (!clean(p.description, TextKind::Name))
    return make_error("The description of " + p.code + " holds control characters or is not valid UTF-8; it must be one line of text.");
  if (p.description.size() > kMaxPupilDescriptionBytes)
    return make_error("The description of " + p.code + " is " + std::to_string(p.description.size()) + " bytes; keep it under " +
                      std::to_string(kMaxPupilDescriptionBytes) + " (a few words on what to watch for, never a name).");
  if (!p.description.empty() && (p.description.front() == ' ' || p.description.back() == ' '))
    return make_error("The description of " + p.code + " starts or ends with a space.");
  return ok_status();
}

Status check_lesson_phase(const LessonPhase& p) {
  if (p.name.empty() || p.name.find_first_not_of(' ') == std::string::npos)
    return make_error("A lesson phase needs a name (\"Starter\", \"Main task\", \"Plenary\").");
  if (!clean(p.name, TextKind::Name))
    return make_error("Lesson phase name " + in_quotes(p.name) + " holds control characters or is not valid UTF-8.");
  if (p.name.size() > kMaxPhaseNameBytes)
    return make_error("Lesson phase name " + in_quotes(p.name) + " is longer than " + std::to_string(kMaxPhaseNameBytes) + " bytes.");
  if (p.name.front() == ' ' || p.name.back() == ' ')
    return make_error("Lesson phase name " + in_quotes(p.name) + " starts or ends with a space.");
  if (p.start_us < 0) return make_error("Lesson phase " + in_quotes(p.name) + " starts before the recording.");
  return ok_status();
}

Status validate_case(const LessonStudyCase& c) {
  if (c.pupils.size() > kMaxCasePupils)
    return make_error("A Lesson Study case follows at most " + std::to_string(kMaxCasePupils) + " pupils; this one has " +
                      std::to_string(c.pupils.size()) + ".");
  if (c.phases.size() > kMaxLessonPhases)
    return make_error("A lesson has at most " + std::to_string(kMaxLessonPhases) + " phases here; this one has " +
                      std::to_string(c.phases.size()) + ".");
  std::set<std::string> codes, names;
  for (const auto& p : c.pupils) {
    if (auto s = check_case_pupil(p); !s) return s;
    if (!codes.insert(p.code).second) return make_error("Case pupil " + p.code + " appears twice.");
  }
  for (std::size_t i = 0; i < c.phases.size(); ++i) {
    const auto& p = c.phases[i];
    if (auto s = check_lesson_phase(p); !s) return s;
    if (!names.insert(p.name).second) return make_error("Lesson phase " + in_quotes(p.name) + " appears twice.");
    if (i > 0 && p.start_us <= c.phases[i - 1].start_us)
      return make_error("Lesson phase " + in_quotes(p.name) + " must start after " + in_quotes(c.phases[i - 1].name) + " (" +
                        format_time(c.phases[i - 1].start_us) + ").");
  }
  return ok_status();
}

void sort_phases(std::vector<LessonPhase>& phases) {
  std::stable_sort(phases.begin(), phases.end(),
                   [](const LessonPhase& a, const LessonPhase& b) { return a.start_us < b.start_us; });
}

std::vector<LessonPhase> effective_phases(const LessonStudyCase& c) {
  if (!c.phases.empty()) return c.phases;
  return {LessonPhase{std::string(kWholeLessonPhase), 0}};
}

std::optional<std::size_t> phase_index_at(const std::vector<LessonPhase>& phases, TimeUs t) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < phases.size(); ++i)
    if (phases[i].start_us <= t) found = i;
  return found;
}

std::vector<std::string> pupil_lanes(const LessonStudyCase& c, const std::vector<std::string>& framework_lanes) {
  if (c.pupils.empty()) return framework_lanes;
  std::vector<std::string> out;
  for (const auto& p : c.pupils) out.push_back(p.code);
  return out;
}

Status may_predict(Role author_role) {
  if (author_role == Role::LearningDetective)
    return make_error("Learning detectives do not write predictions; the teachers of the triad do.");
  return ok_status();
}

Status check_prediction_timing(std::string_view author_name, std::size_t comments_by_author) {
  if (comments_by_author == 0) return ok_status();
  return make_error(std::string(author_name) + " has already commented on this lesson (" + std::to_string(comments_by_author) +
                    (comments_by_author == 1 ? " comment" : " comments") +
                    "); predictions are written before watching, so they can no longer be added or changed.");
}

Status check_prediction_text(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return make_error("The prediction has no text.");
  if (!clean(text, TextKind::FreeText))
    return make_error("The prediction holds control characters or is not valid UTF-8.");
  if (text.size() > kMaxPredictionBytes)
    return make_error("The prediction is " + std::to_string(text.size()) + " bytes; keep it under " +
                      std::to_string(kMaxPredictionBytes) + ".");
  return ok_status();
}

Status check_prediction(const LessonStudyCase& c, const Prediction& p) {
  if (std::none_of(c.pupils.begin(), c.pupils.end(), [&](const CasePupil& x) { return x.code == p.pupil; })) {
    if (c.pupils.empty()) return make_error("This session has no case pupils yet; add them (Pupil A, B, C) before predicting.");
    std::string list;
    for (const auto& x : c.pupils) list += (list.empty() ? "" : ", ") + x.code;
    return make_error(in_quotes(p.pupil) + " is not one of the session's case pupils (" + list + ").");
  }
  const auto phases = effective_phases(c);
  if (std::none_of(phases.begin(), phases.end(), [&](const LessonPhase& x) { return x.name == p.phase; })) {
    std::string list;
    for (const auto& x : phases) list += (list.empty() ? "" : ", ") + x.name;
    return make_error(in_quotes(p.phase) + " is not one of the lesson's phases (" + list + ").");
  }
  return check_prediction_text(p.text);
}

json pupils_to_json(const std::vector<CasePupil>& pupils) {
  json a = json::array();
  for (const auto& p : pupils) a.push_back(json{{"code", p.code}, {"description", p.description}});
  return a;
}

json phases_to_json(const std::vector<LessonPhase>& phases) {
  json a = json::array();
  for (const auto& p : phases) a.push_back(json{{"name", p.name}, {"start_us", p.start_us}});
  return a;
}

namespace {

// Each element an object with exactly `keys`; `text_keys` strings, the rest integers.
Status check_list(const json& j, const std::string& where, const char* what, std::size_t max,
                  const std::set<std::string>& keys, const std::set<std::string>& text_keys) {
  if (!j.is_array()) return make_error(where + ": " + what + " is not a list.");
  if (j.size() > max) return make_error(where + ": " + what + " holds more than " + std::to_string(max) + " entries.");
  for (const auto& e : j) {
    if (!e.is_object() || e.size() != keys.size()) return make_error(where + ": an entry of " + what + " has the wrong fields.");
    for (auto it = e.begin(); it != e.end(); ++it) {
      if (!keys.count(it.key())) return make_error(where + ": an entry of " + what + " has an unknown field \"" + it.key() + "\".");
      const bool ok = text_keys.count(it.key()) ? it->is_string() && it->get_ref<const std::string&>().size() <= 4096
                                                : it->is_number_integer() &&
                                                      (!it->is_number_unsigned() || it->get<std::uint64_t>() <= std::uint64_t(INT64_MAX));
      if (!ok) return make_error(where + ": field \"" + it.key() + "\" of " + what + " has the wrong type.");
    }
  }
  return ok_status();
}

}  // namespace

Result<std::vector<CasePupil>> pupils_from_json(const json& j, const std::string& where) {
  if (auto s = check_list(j, where, "pupils", kMaxCasePupils, {"code", "description"}, {"code", "description"}); !s)
    return s.error();
  std::vector<CasePupil> out;
  for (const auto& e : j) out.push_back({e["code"].get<std::string>(), e["description"].get<std::string>()});
  return out;
}

Result<std::vector<LessonPhase>> phases_from_json(const json& j, const std::string& where) {
  if (auto s = check_list(j, where, "phases", kMaxLessonPhases, {"name", "start_us"}, {"name"}); !s) return s.error();
  std::vector<LessonPhase> out;
  for (const auto& e : j) out.push_back({e["name"].get<std::string>(), e["start_us"].get<std::int64_t>()});
  return out;
}

PredictedObserved build_predicted_observed(const LessonStudyCase& c, const std::vector<Prediction>& predictions,
                                           const std::vector<Comment>& comments) {
  PredictedObserved v;
  v.phases = effective_phases(c);
  for (const auto& pupil : c.pupils) {
    PupilRow row;
    row.pupil = pupil;
    row.phases.resize(v.phases.size());
    for (const auto& p : predictions) {
      if (p.pupil != pupil.code) continue;
      for (std::size_t i = 0; i < v.phases.size(); ++i)
        if (v.phases[i].name == p.phase) row.phases[i].predicted.push_back(p);
    }
    for (const auto& cm : comments) {
      if (cm.deleted || cm.parent_uuid || cm.pupil != pupil.code) continue;
      if (auto i = phase_index_at(v.phases, cm.start_us)) row.phases[*i].observed.push_back(cm);
      else row.before_first_phase.push_back(cm);
    }
    for (auto& cell : row.phases) {
      std::stable_sort(cell.predicted.begin(), cell.predicted.end(),
                       [](const Prediction& a, const Prediction& b) { return a.author_id < b.author_id; });
      std::stable_sort(cell.observed.begin(), cell.observed.end(),
                       [](const Comment& a, const Comment& b) { return a.start_us < b.start_us; });
    }
    v.pupils.push_back(std::move(row));
  }
  return v;
}

}  // namespace triad
