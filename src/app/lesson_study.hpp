#pragma once
// Lesson Study for every front end (the `triad pupil|phase|prediction` commands and the
// window's Lesson Study panel): the case pupils and lesson phases a session follows, the
// predictions each teacher writes before watching, and predicted vs observed.
//
// Who may do what (refusals are one sentence naming who tried what):
//  - case pupils and phases: as any other setup (app/session_rules.hpp may_set_up_session:
//    the facilitator or observed teacher once the triad is recorded);
//  - a prediction: a staff participant (never a learning detective), for a case pupil and a
//    phase of the case, only until their first comment on the session (core/lesson_study.hpp
//    check_prediction_timing): written before watching, or not at all;
//  - predicted vs observed: anyone who can open the session; comments are those the viewer
//    may see (blind review holds), predictions are hidden from learning detectives.
// Every edit stamps its wall-clock time, never earlier than the stored one, so the newest
// edit wins bundle merges (exchange/BUNDLE_FORMAT.md "case" and "prediction").
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "core/lesson_study.hpp"
#include "store/library.hpp"

namespace triad::app {

// Adds a case pupil, or changes the description of one the case has.
Result<LessonStudyCase> set_case_pupil(store::Library& lib, RowId session_id, const CasePupil& pupil, RowId actor_id,
                                       std::int64_t now_ms);
Result<LessonStudyCase> remove_case_pupil(store::Library& lib, RowId session_id, const std::string& code, RowId actor_id,
                                          std::int64_t now_ms);
// Adds a lesson phase, or moves the one of that name to `phase.start_us`.
Result<LessonStudyCase> set_lesson_phase(store::Library& lib, RowId session_id, const LessonPhase& phase,
                                         RowId actor_id, std::int64_t now_ms);
Result<LessonStudyCase> remove_lesson_phase(store::Library& lib, RowId session_id, const std::string& name,
                                            RowId actor_id, std::int64_t now_ms);

// Writes (or rewrites) the actor's prediction for `pupil` in `phase`.
Result<Prediction> predict(store::Library& lib, RowId session_id, RowId actor_id, const std::string& pupil,
                           const std::string& phase, const std::string& text, std::int64_t now_ms);

// Whether `actor_id` may still write predictions in the session (the same checks as
// predict, without a pupil or text): the window greys its prediction boxes with this sentence.
Status may_still_predict(store::Library& lib, RowId session_id, RowId actor_id);

// The predictions `viewer_id` may read (all of them for staff, none for learning detectives).
Result<std::vector<Prediction>> visible_predictions(store::Library& lib, RowId session_id, RowId viewer_id);
Result<PredictedObserved> predicted_vs_observed(store::Library& lib, RowId session_id, RowId viewer_id);

// What the window shows of a session's Lesson Study, loaded with the comments (the
// reviewer's visible ones) so panels never query or rebuild it per frame.
struct LessonStudyView {
  LessonStudyCase lesson_case;
  std::vector<Prediction> predictions;  // the ones the reviewer may read
  PredictedObserved compared;           // built from the same comments the list shows
  std::string cannot_predict;           // empty: the reviewer may still write predictions
  std::string cannot_set_up;            // empty: the reviewer may change the case pupils and phases
  bool active() const { return !lesson_case.empty(); }
};
Result<LessonStudyView> load_lesson_study_view(store::Library& lib, RowId session_id, RowId viewer_id,
                                               const std::vector<Comment>& visible_comments);

// JSON for `--json` and the tests: {"pupils": [...], "phases": [...], "updated_at_ms", "updated_by"}.
nlohmann::json case_json(store::Library& lib, const LessonStudyCase& c);
nlohmann::json prediction_json(store::Library& lib, const Prediction& p);
// {"phases": [...], "pupils": [{"code", "description", "phases": [{"phase", "start_us",
//  "predicted": [{"author", "text", ...}], "observed": [{"id", "uuid", "author", "start_us", "kind", "text"}]}],
//  "before_first_phase": [...]}]}
nlohmann::json predicted_observed_json(store::Library& lib, const PredictedObserved& v);

}  // namespace triad::app
