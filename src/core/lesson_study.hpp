#pragma once
// A Lesson Study case: the few pupils a triad follows closely through a research lesson,
// the lesson's planned phases, and what each teacher predicts each case pupil will do in
// each phase, written before watching. After the lesson the predictions are read beside
// what was observed (comments tagged with that pupil, in that phase): the
// predicted-vs-observed view, the heart of a Lesson Study post-lesson discussion.
//
// Rules (pure; the store persists, app/lesson_study.hpp applies them for every front end):
//  - A case pupil is a code (core/framework.hpp is_pupil_code: "Pupil A", "P3") with a short
//    description of what the triad watches for ("quiet, confident with number bonds").
//    Descriptions describe, never name: that cannot be checked by a program, so every
//    place that asks for one says so; what can be checked is: one line, no control
//    characters, valid UTF-8, at most kMaxPupilDescriptionBytes.
//  - Phases are named and start at a session time (the lesson plan's "Starter 0:00",
//    "Main task 12:00", "Plenary 40:00"). A comment belongs to the last phase starting at
//    or before its start; a session with no phases has one, "Whole lesson", from 0.
//  - A prediction is one author's text for one (pupil, phase). It may be written or
//    rewritten only until its author's first comment on the session (replies and deleted
//    comments count: once you have watched and written, you are no longer predicting).
//    Only staff participants predict; a learning detective never does.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "core/model.hpp"

namespace triad {

inline constexpr std::size_t kMaxCasePupils = 8;
inline constexpr std::size_t kMaxPupilDescriptionBytes = 160;
inline constexpr std::size_t kMaxLessonPhases = 12;
inline constexpr std::size_t kMaxPhaseNameBytes = 60;
inline constexpr std::size_t kMaxPredictionBytes = 2000;
inline constexpr std::string_view kWholeLessonPhase = "Whole lesson";

struct CasePupil {
  std::string code;         // "Pupil A": a code, never a name
  std::string description;  // short, non-identifying: what to watch for
  bool operator==(const CasePupil&) const = default;
};

struct LessonPhase {
  std::string name;  // "Starter", "Main task", "Plenary"
  TimeUs start_us = 0;
  bool operator==(const LessonPhase&) const = default;
};

struct LessonStudyCase {
  RowId session_id = 0;
  std::vector<CasePupil> pupils;    // in lane order
  std::vector<LessonPhase> phases;  // by start time
  std::int64_t updated_at_ms = 0;   // last edit (wall clock); bundles merge on it
  RowId updated_by = 0;
  bool empty() const { return pupils.empty() && phases.empty(); }
};

struct Prediction {
  RowId id = 0;
  RowId session_id = 0;
  RowId author_id = 0;
  std::string pupil;  // a case pupil's code
  std::string phase;  // a phase's name
  std::string text;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;  // bundles merge on it
};

// One field each; the sentence names the pupil or phase.
Status check_case_pupil(const CasePupil& p);
Status check_lesson_phase(const LessonPhase& p);
// The whole case: each pupil and phase, unique codes and names, the limits. Phases must
// be in start order with distinct starts (sort_phases puts them so).
Status validate_case(const LessonStudyCase& c);
void sort_phases(std::vector<LessonPhase>& phases);

// The phases comments and predictions are placed in: the case's, else "Whole lesson" from 0.
std::vector<LessonPhase> effective_phases(const LessonStudyCase& c);
// Index into `phases` (by start) of the phase holding time `t`; nullopt before the first.
std::optional<std::size_t> phase_index_at(const std::vector<LessonPhase>& phases, TimeUs t);

// The pupil codes comments may carry: the case's pupils when it has any, else `framework_lanes`.
std::vector<std::string> pupil_lanes(const LessonStudyCase& c, const std::vector<std::string>& framework_lanes);

// Whether `author_role` may predict (staff only).
Status may_predict(Role author_role);
// Whether a prediction by `author_name`, who has `comments_by_author` comments (replies
// and deleted ones included) on the session, is still made before watching.
Status check_prediction_timing(std::string_view author_name, std::size_t comments_by_author);
// The prediction's pupil and phase belong to the case; its text is 1..kMaxPredictionBytes
// of UTF-8 without control characters other than line breaks and tabs.
Status check_prediction(const LessonStudyCase& c, const Prediction& p);
// The text alone (also used on import, where the case may arrive later).
Status check_prediction_text(std::string_view text);

// JSON forms, shared by the store's columns, bundles and the CLI:
//   pupils  [{"code": "Pupil A", "description": "..."}]
//   phases  [{"name": "Starter", "start_us": 0}]
nlohmann::json pupils_to_json(const std::vector<CasePupil>& pupils);
nlohmann::json phases_to_json(const std::vector<LessonPhase>& phases);
// Refused with a sentence naming `where` when a field is missing, of the wrong type or
// unknown; the values' own rules are validate_case's.
Result<std::vector<CasePupil>> pupils_from_json(const nlohmann::json& j, const std::string& where);
Result<std::vector<LessonPhase>> phases_from_json(const nlohmann::json& j, const std::string& where);

// ---- predicted vs observed -----------------------------------------------------------------
struct PupilPhaseCell {
  std::vector<Prediction> predicted;  // by author id
  std::vector<Comment> observed;      // comments tagged with the pupil, in the phase, by time
};
struct PupilRow {
  CasePupil pupil;
  std::vector<PupilPhaseCell> phases;  // one per effective phase, in phase order
  std::vector<Comment> before_first_phase;  // observed before the first phase starts
};
struct PredictedObserved {
  std::vector<LessonPhase> phases;  // effective_phases
  std::vector<PupilRow> pupils;     // the case's pupils, in lane order
};
// `comments`: what the viewer may see (replies and deleted comments are left out here).
// Predictions of pupils or phases no longer in the case are left out.
PredictedObserved build_predicted_observed(const LessonStudyCase& c, const std::vector<Prediction>& predictions,
                                           const std::vector<Comment>& comments);

}  // namespace triad
