// Lesson Study rules (core/lesson_study.hpp): case pupils are codes with short one-line
// descriptions, phases are ordered, predictions belong to the case and are made before
// watching, and predicted vs observed places each comment in its pupil's phase.
#include <gtest/gtest.h>

#include "core/lesson_study.hpp"

using namespace triad;

namespace {

LessonStudyCase three_pupils() {
  LessonStudyCase c;
  c.pupils = {{"Pupil A", "quiet, confident with number bonds"}, {"Pupil B", "often first to answer"}, {"Pupil C", ""}};
  c.phases = {{"Starter", 0}, {"Main task", seconds_us(600)}, {"Plenary", seconds_us(2400)}};
  return c;
}

Comment comment_at(TimeUs at, std::string pupil, std::string text) {
  Comment c;
  c.start_us = at;
  c.pupil = std::move(pupil);
  c.text = std::move(text);
  return c;
}

}  // namespace

TEST(LessonStudy_CasePupils, AcceptsCodesWithShortDescriptions) {
  EXPECT_TRUE(validate_case(three_pupils()).ok());
  EXPECT_TRUE(check_case_pupil({"P3", "needs the task read aloud"}).ok());
}

TEST(LessonStudy_CasePupils, RefusesNamesControlCharactersAndLongDescriptions) {
  auto named = check_case_pupil({"Emma Smith", "quiet"});
  ASSERT_FALSE(named.ok());
  EXPECT_NE(named.error().message.find("never named"), std::string::npos) << named.error().message;
  EXPECT_FALSE(check_case_pupil({"Pupil A", "quiet\x1b[31m"}).ok());
  EXPECT_FALSE(check_case_pupil({"Pupil A", "two\nlines"}).ok());
  EXPECT_FALSE(check_case_pupil({"Pupil A", std::string("bad \xff utf8")}).ok());
  EXPECT_FALSE(check_case_pupil({"Pupil A", std::string(kMaxPupilDescriptionBytes + 1, 'x')}).ok());
  EXPECT_TRUE(check_case_pupil({"Pupil A", std::string(kMaxPupilDescriptionBytes, 'x')}).ok());
}

TEST(LessonStudy_CasePupils, RefusesDuplicatesAndTooMany) {
  auto c = three_pupils();
  c.pupils.push_back({"Pupil A", "again"});
  EXPECT_FALSE(validate_case(c).ok());
  c = three_pupils();
  for (int i = 0; c.pupils.size() <= kMaxCasePupils; ++i) c.pupils.push_back({"P" + std::to_string(10 + i), ""});
  EXPECT_FALSE(validate_case(c).ok());
}

TEST(LessonStudy_Phases, MustBeNamedOrderedAndDistinct) {
  auto c = three_pupils();
  std::swap(c.phases[0], c.phases[2]);
  EXPECT_FALSE(validate_case(c).ok()) << "phases out of order";
  sort_phases(c.phases);
  EXPECT_TRUE(validate_case(c).ok());
  c.phases[1].name = "Starter";
  EXPECT_FALSE(validate_case(c).ok()) << "a repeated name";
  EXPECT_FALSE(check_lesson_phase({"", 0}).ok());
  EXPECT_FALSE(check_lesson_phase({"Main\ttask", 0}).ok());
  EXPECT_FALSE(check_lesson_phase({"Late", -1}).ok());
}

TEST(LessonStudy_Phases, PlaceTimesInTheLastPhaseStartedAndDefaultToTheWholeLesson) {
  const auto phases = three_pupils().phases;
  EXPECT_EQ(phase_index_at(phases, 0), 0u);
  EXPECT_EQ(phase_index_at(phases, seconds_us(599)), 0u);
  EXPECT_EQ(phase_index_at(phases, seconds_us(600)), 1u);
  EXPECT_EQ(phase_index_at(phases, seconds_us(9999)), 2u);
  std::vector<LessonPhase> late = {{"Main", seconds_us(60)}};
  EXPECT_FALSE(phase_index_at(late, seconds_us(10)).has_value());
  LessonStudyCase none;
  ASSERT_EQ(effective_phases(none).size(), 1u);
  EXPECT_EQ(effective_phases(none)[0].name, kWholeLessonPhase);
}

TEST(LessonStudy_Lanes, CasePupilsReplaceTheFrameworkLanes) {
  EXPECT_EQ(pupil_lanes(three_pupils(), {"Pupil X"}), (std::vector<std::string>{"Pupil A", "Pupil B", "Pupil C"}));
  EXPECT_EQ(pupil_lanes(LessonStudyCase{}, {"Pupil X"}), (std::vector<std::string>{"Pupil X"}));
}

TEST(LessonStudy_Predictions, BelongToTheCaseAndAreMadeBeforeWatching) {
  const auto c = three_pupils();
  Prediction p;
  p.pupil = "Pupil A";
  p.phase = "Main task";
  p.text = "Will wait for a partner before starting.";
  EXPECT_TRUE(check_prediction(c, p).ok());
  p.pupil = "Pupil D";
  EXPECT_FALSE(check_prediction(c, p).ok());
  p.pupil = "Pupil A";
  p.phase = "Break";
  EXPECT_FALSE(check_prediction(c, p).ok());
  p.phase = "Starter";
  p.text = "  \n";
  EXPECT_FALSE(check_prediction(c, p).ok());
  p.text = std::string(kMaxPredictionBytes + 1, 'x');
  EXPECT_FALSE(check_prediction(c, p).ok());
  p.text = "Two lines\nare fine.";
  EXPECT_TRUE(check_prediction(c, p).ok());

  EXPECT_TRUE(check_prediction_timing("Sam", 0).ok());
  auto late = check_prediction_timing("Sam", 1);
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("before watching"), std::string::npos) << late.error().message;
  EXPECT_FALSE(may_predict(Role::LearningDetective).ok());
  EXPECT_TRUE(may_predict(Role::Observer).ok());
  EXPECT_TRUE(may_predict(Role::Teacher).ok());
}

TEST(LessonStudy_PredictedObserved, PutsPredictionsBesideThePupilsCommentsInEachPhase) {
  const auto c = three_pupils();
  std::vector<Prediction> predictions(2);
  predictions[0].author_id = 2;
  predictions[0].pupil = "Pupil A";
  predictions[0].phase = "Main task";
  predictions[0].text = "Will wait for a partner";
  predictions[1].author_id = 3;
  predictions[1].pupil = "Pupil B";
  predictions[1].phase = "Gone";  // a phase no longer in the case: left out
  predictions[1].text = "x";
  std::vector<Comment> comments = {comment_at(seconds_us(700), "Pupil A", "started alone"),
                                   comment_at(seconds_us(30), "Pupil A", "counted on fingers"),
                                   comment_at(seconds_us(650), "Pupil B", "asked a question"),
                                   comment_at(seconds_us(800), "", "the class was loud")};
  comments.push_back(comment_at(seconds_us(900), "Pupil A", "a reply"));
  comments.back().parent_uuid = "x";
  auto v = build_predicted_observed(c, predictions, comments);
  ASSERT_EQ(v.pupils.size(), 3u);
  ASSERT_EQ(v.phases.size(), 3u);
  const auto& a = v.pupils[0];
  EXPECT_EQ(a.pupil.code, "Pupil A");
  ASSERT_EQ(a.phases[1].predicted.size(), 1u);
  EXPECT_EQ(a.phases[1].predicted[0].text, "Will wait for a partner");
  ASSERT_EQ(a.phases[1].observed.size(), 1u) << "replies stay out";
  EXPECT_EQ(a.phases[1].observed[0].text, "started alone");
  ASSERT_EQ(a.phases[0].observed.size(), 1u);
  EXPECT_EQ(a.phases[0].observed[0].text, "counted on fingers");
  EXPECT_TRUE(a.phases[2].observed.empty());
  EXPECT_EQ(v.pupils[1].phases[1].observed.size(), 1u);
  for (const auto& cell : v.pupils[1].phases) EXPECT_TRUE(cell.predicted.empty());
}

TEST(LessonStudy_Json, RoundTripsAndRefusesUnknownFields) {
  const auto c = three_pupils();
  auto pupils = pupils_from_json(pupils_to_json(c.pupils), "test");
  ASSERT_TRUE(pupils.ok()) << pupils.error().message;
  EXPECT_EQ(*pupils, c.pupils);
  auto phases = phases_from_json(phases_to_json(c.phases), "test");
  ASSERT_TRUE(phases.ok()) << phases.error().message;
  EXPECT_EQ(*phases, c.phases);
  auto j = pupils_to_json(c.pupils);
  j[0]["name"] = "Emma";
  EXPECT_FALSE(pupils_from_json(j, "test").ok());
  // Parsed from text, positive numbers are unsigned in nlohmann::json: still times.
  auto parsed = phases_from_json(nlohmann::json::parse(R"([{"name": "Main", "start_us": 600000000}])"), "test");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ((*parsed)[0].start_us, 600'000'000);
  EXPECT_FALSE(phases_from_json(nlohmann::json::parse(R"([{"name": "Main", "start_us": 18446744073709551615}])"), "test").ok());
  auto k = phases_to_json(c.phases);
  k[0]["start_us"] = 1.5;
  EXPECT_FALSE(phases_from_json(k, "test").ok());
}
