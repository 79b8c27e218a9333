#include "app/lesson_study.hpp"

#include <algorithm>

#include "app/person_name.hpp"
#include "app/session_rules.hpp"
#include "core/roles.hpp"
#include "store/lesson_study.hpp"
#include "store/workflow.hpp"

namespace triad::app {
using nlohmann::json;

namespace {

// Loads the case, lets `edit` change it, validates and stores it as `actor`, all in one
// write transaction after the setup rule.
template <class Edit>
Result<LessonStudyCase> edit_case(store::Library& lib, RowId session_id, RowId actor_id, std::int64_t now_ms, Edit&& edit) {
  if (auto ok = may_set_up_session(lib, session_id, actor_id, {SetupChange::What::LessonStudy, {}, {}}); !ok)
    return ok.error();
  auto tx = lib.begin();
  if (!tx) return tx.error();
  auto c = store::get_case(lib, session_id);
  if (!c) return c.error();
  if (auto s = edit(*c); !s) return s.error();
  sort_phases(c->phases);
  if (auto v = validate_case(*c); !v) return v.error();
  c->updated_at_ms = std::max(now_ms, c->updated_at_ms + 1);
  c->updated_by = actor_id;
  if (auto s = store::put_case(lib, *c); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return c;
}

// The actor's role, refused unless a staff participant (who alone predicts).
Result<Role> predicting_role(store::Library& lib, RowId session_id, RowId actor_id) {
  auto session = lib.get_session(session_id);
  if (!session) return session.error();
  auto role = store::participant_role(lib, session_id, actor_id);
  if (!role) return role.error();
  if (!*role)
    return make_error(person_name(lib, actor_id) + " is not a participant of session '" + session->title +
                      "'; predictions are written by the triad's teachers (add them as participants first).");
  if (auto ok = may_predict(**role); !ok) return ok.error();
  return **role;
}

Status not_yet_commented(store::Library& lib, RowId session_id, RowId actor_id) {
  auto n = store::comments_by_author(lib, session_id, actor_id);
  if (!n) return n.error();
  return check_prediction_timing(person_name(lib, actor_id), *n);
}

}  // namespace

Result<LessonStudyCase> set_case_pupil(store::Library& lib, RowId session_id, const CasePupil& pupil, RowId actor_id,
                                       std::int64_t now_ms) {
  if (auto s = check_case_pupil(pupil); !s) return s.error();
  return edit_case(lib, session_id, actor_id, now_ms, [&](LessonStudyCase& c) -> Status {
    auto it = std::find_if(c.pupils.begin(), c.pupils.end(), [&](const CasePupil& p) { return p.code == pupil.code; });
    if (it != c.pupils.end()) it->description = pupil.description;
    else c.pupils.push_back(pupil);
    return ok_status();
  });
}

Result<LessonStudyCase> remove_case_pupil(store::Library& lib, RowId session_id, const std::string& code, RowId actor_id,
                                          std::int64_t now_ms) {
  return edit_case(lib, session_id, actor_id, now_ms, [&](LessonStudyCase& c) -> Status {
    auto it = std::find_if(c.pupils.begin(), c.pupils.end(), [&](const CasePupil& p) { return p.code == code; });
    if (it == c.pupils.end()) return make_error("'" + code + "' is not one of the session's case pupils.");
    c.pupils.erase(it);
    return ok_status();
  });
}

Result<LessonStudyCase> set_lesson_phase(store::Library& lib, RowId session_id, const LessonPhase& phase,
                                         RowId actor_id, std::int64_t now_ms) {
  if (auto s = check_lesson_phase(phase); !s) return s.error();
  return edit_case(lib, session_id, actor_id, now_ms, [&](LessonStudyCase& c) -> Status {
    auto it = std::find_if(c.phases.begin(), c.phases.end(), [&](const LessonPhase& p) { return p.name == phase.name; });
    if (it != c.phases.end()) it->start_us = phase.start_us;
    else c.phases.push_back(phase);
    for (const auto& p : c.phases)
      if (p.name != phase.name && p.start_us == phase.start_us)
        return make_error("Lesson phase '" + p.name + "' already starts at " + format_time(p.start_us) +
                          "; give '" + phase.name + "' another start.");
    return ok_status();
  });
}

Result<LessonStudyCase> remove_lesson_phase(store::Library& lib, RowId session_id, const std::string& name,
                                            RowId actor_id, std::int64_t now_ms) {
  return edit_case(lib, session_id, actor_id, now_ms, [&](LessonStudyCase& c) -> Status {
    auto it = std::find_if(c.phases.begin(), c.phases.end(), [&](const LessonPhase& p) { return p.name == name; });
    if (it == c.phases.end()) return make_error("'" + name + "' is not one of the lesson's phases.");
    c.phases.erase(it);
    return ok_status();
  });
}

Status may_still_predict(store::Library& lib, RowId session_id, RowId actor_id) {
  auto role = predicting_role(lib, session_id, actor_id);
  if (!role) return role.error();
  return not_yet_commented(lib, session_id, actor_id);
}

Result<Prediction> predict(store::Library& lib, RowId session_id, RowId actor_id, const std::string& pupil,
                           const std::string& phase, const std::string& text, std::int64_t now_ms) {
  // One write transaction: a comment by the same person from another window cannot slip
  // in between the check and the write.
  auto tx = lib.begin();
  if (!tx) return tx.error();
  if (auto ok = may_still_predict(lib, session_id, actor_id); !ok) return ok.error();
  auto c = store::get_case(lib, session_id);
  if (!c) return c.error();
  Prediction p;
  p.session_id = session_id;
  p.author_id = actor_id;
  p.pupil = pupil;
  p.phase = phase;
  p.text = text;
  if (auto ok = check_prediction(*c, p); !ok) return ok.error();
  auto before = store::find_prediction(lib, session_id, actor_id, pupil, phase);
  if (!before) return before.error();
  p.created_at_ms = *before ? (*before)->created_at_ms : now_ms;
  p.updated_at_ms = *before ? std::max(now_ms, (*before)->updated_at_ms + 1) : now_ms;
  auto saved = store::put_prediction(lib, p);
  if (!saved) return saved.error();
  if (auto s = tx->commit(); !s) return s.error();
  return saved;
}

Result<std::vector<Prediction>> visible_predictions(store::Library& lib, RowId session_id, RowId viewer_id) {
  auto role = store::participant_role(lib, session_id, viewer_id);
  if (!role) return role.error();
  if (*role == Role::LearningDetective) return std::vector<Prediction>{};
  return store::list_predictions(lib, session_id);
}

Result<PredictedObserved> predicted_vs_observed(store::Library& lib, RowId session_id, RowId viewer_id) {
  auto c = store::get_case(lib, session_id);
  if (!c) return c.error();
  auto predictions = visible_predictions(lib, session_id, viewer_id);
  if (!predictions) return predictions.error();
  auto comments = store::list_visible_comments(lib, session_id, viewer_id);
  if (!comments) return comments.error();
  return build_predicted_observed(*c, *predictions, *comments);
}

Result<LessonStudyView> load_lesson_study_view(store::Library& lib, RowId session_id, RowId viewer_id,
                                               const std::vector<Comment>& visible_comments) {
  LessonStudyView v;
  auto c = store::get_case(lib, session_id);
  if (!c) return c.error();
  v.lesson_case = std::move(*c);
  if (viewer_id) {
    auto ps = visible_predictions(lib, session_id, viewer_id);
    if (!ps) return ps.error();
    v.predictions = std::move(*ps);
    if (auto ok = may_still_predict(lib, session_id, viewer_id); !ok) v.cannot_predict = ok.error().message;
    if (auto ok = may_set_up_session(lib, session_id, viewer_id, {SetupChange::What::LessonStudy, {}, {}}); !ok)
      v.cannot_set_up = ok.error().message;
  } else {
    v.cannot_predict = "Choose who is reviewing before writing predictions.";
    v.cannot_set_up = "Choose who is reviewing before setting up the case.";
  }
  v.compared = build_predicted_observed(v.lesson_case, v.predictions, visible_comments);
  return v;
}

json case_json(store::Library& lib, const LessonStudyCase& c) {
  return json{{"session_id", c.session_id},
              {"pupils", pupils_to_json(c.pupils)},
              {"phases", phases_to_json(c.phases)},
              {"updated_at_ms", c.updated_at_ms},
              {"updated_by", c.updated_by ? json(person_name(lib, c.updated_by)) : json(nullptr)}};
}

json prediction_json(store::Library& lib, const Prediction& p) {
  return json{{"session_id", p.session_id}, {"author", person_name(lib, p.author_id)}, {"pupil", p.pupil},
              {"phase", p.phase},           {"text", p.text},                        {"created_at_ms", p.created_at_ms},
              {"updated_at_ms", p.updated_at_ms}};
}

json predicted_observed_json(store::Library& lib, const PredictedObserved& v) {
  auto observed = [&](const std::vector<Comment>& cs) {
    json a = json::array();
    for (const auto& c : cs)
      a.push_back(json{{"id", c.id}, {"uuid", c.uuid}, {"author", person_name(lib, c.author_id)}, {"start_us", c.start_us},
                       {"kind", c.kind}, {"text", c.text}});
    return a;
  };
  json pupils = json::array();
  for (const auto& row : v.pupils) {
    json phases = json::array();
    for (std::size_t i = 0; i < row.phases.size(); ++i) {
      json predicted = json::array();
      for (const auto& p : row.phases[i].predicted) predicted.push_back(prediction_json(lib, p));
      phases.push_back(json{{"phase", v.phases[i].name},
                            {"start_us", v.phases[i].start_us},
                            {"predicted", std::move(predicted)},
                            {"observed", observed(row.phases[i].observed)}});
    }
    pupils.push_back(json{{"code", row.pupil.code},
                          {"description", row.pupil.description},
                          {"phases", std::move(phases)},
                          {"before_first_phase", observed(row.before_first_phase)}});
  }
  return json{{"phases", phases_to_json(v.phases)}, {"pupils", std::move(pupils)}};
}

}  // namespace triad::app
