// Lesson Study through the store and the app's use cases (app/lesson_study.hpp), on an
// in-memory library: who may set the case up, predictions only before watching, the case
// pupils becoming the session's pupil lanes, and predicted vs observed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/lesson_study.hpp"
#include "store/lesson_study.hpp"
#include "store/migrations.hpp"
#include "store/workflow.hpp"

using namespace triad;

namespace {

class LessonStudy : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Library::open_memory();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    lib.emplace(std::move(*opened));
    jo = lib->add_person("Jo")->id;
    sam = lib->add_person("Sam")->id;
    pat = lib->add_person("Pat")->id;
    kid = lib->add_person("Detective 1")->id;
    Session s;
    s.title = "Y5 fractions";
    session = lib->add_session(s)->id;
    ASSERT_TRUE(store::add_participant(*lib, session, jo, Role::Teacher).ok());
    ASSERT_TRUE(store::add_participant(*lib, session, sam, Role::Observer).ok());
    ASSERT_TRUE(store::add_participant(*lib, session, pat, Role::Facilitator).ok());
    ASSERT_TRUE(store::add_participant(*lib, session, kid, Role::LearningDetective).ok());
  }
  void set_up_case() {
    for (const char* code : {"Pupil A", "Pupil B"})
      ASSERT_TRUE(app::set_case_pupil(*lib, session, {code, "watch how they start"}, pat, 1000).ok());
    ASSERT_TRUE(app::set_lesson_phase(*lib, session, {"Starter", 0}, pat, 1001).ok());
    ASSERT_TRUE(app::set_lesson_phase(*lib, session, {"Main task", seconds_us(60)}, pat, 1002).ok());
  }
  Result<Comment> comment(RowId who, TimeUs at, const std::string& pupil, const std::string& text) {
    Comment c;
    c.session_id = session;
    c.author_id = who;
    c.start_us = at;
    c.kind = "note";
    c.pupil = pupil;
    c.text = text;
    return store::add_checked_comment(*lib, c, std::nullopt);
  }

  std::optional<store::Library> lib;
  RowId jo = 0, sam = 0, pat = 0, kid = 0, session = 0;
};

}  // namespace

TEST_F(LessonStudy, StoreKeepsTheCaseAndRefusesAnInvalidOne) {
  EXPECT_GE(store::latest_schema_version(), 8);
  auto empty = store::get_case(*lib, session);
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  EXPECT_TRUE(empty->empty());
  LessonStudyCase c;
  c.session_id = session;
  c.pupils = {{"Pupil A", "quiet"}};
  c.phases = {{"Starter", 0}, {"Plenary", seconds_us(2400)}};
  c.updated_at_ms = 42;
  c.updated_by = pat;
  ASSERT_TRUE(store::put_case(*lib, c).ok());
  auto back = store::get_case(*lib, session);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->pupils, c.pupils);
  EXPECT_EQ(back->phases, c.phases);
  EXPECT_EQ(back->updated_at_ms, 42);
  EXPECT_EQ(back->updated_by, pat);
  c.pupils.push_back({"Emma Smith", ""});
  EXPECT_FALSE(store::put_case(*lib, c).ok()) << "a name is never stored";
  auto dump = lib->dump();
  ASSERT_TRUE(dump.ok());
  EXPECT_NE(dump->find("\"pupils\":[{\"code\":\"Pupil A\",\"description\":\"quiet\"}]"), std::string::npos) << *dump;
}

TEST_F(LessonStudy, OnlyTheFacilitatorOrTeacherSetsUpTheCase) {
  auto refused = app::set_case_pupil(*lib, session, {"Pupil A", "quiet"}, sam, 1000);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("Sam (Observer) cannot change the Lesson Study case"), std::string::npos)
      << refused.error().message;
  EXPECT_FALSE(app::set_lesson_phase(*lib, session, {"Starter", 0}, sam, 1000).ok());
  EXPECT_FALSE(app::set_case_pupil(*lib, session, {"Pupil A", ""}, kid, 1000).ok());
  EXPECT_TRUE(app::set_case_pupil(*lib, session, {"Pupil A", "quiet"}, jo, 1000).ok()) << "the observed teacher may";
  auto changed = app::set_case_pupil(*lib, session, {"Pupil A", "quiet, confident with number bonds"}, pat, 5);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  ASSERT_EQ(changed->pupils.size(), 1u);
  EXPECT_EQ(changed->pupils[0].description, "quiet, confident with number bonds");
  EXPECT_GT(changed->updated_at_ms, 1000) << "an edit never goes back in time (it must win merges)";
  EXPECT_FALSE(app::set_case_pupil(*lib, session, {"Pupil A", "bad\x07"}, pat, 2000).ok());
  EXPECT_TRUE(store::get_case(*lib, session)->pupils[0].description == "quiet, confident with number bonds");
}

TEST_F(LessonStudy, PredictionsAreMadeBeforeTheAuthorsFirstComment) {
  set_up_case();
  auto p = app::predict(*lib, session, sam, "Pupil A", "Main task", "Will wait for a partner.", 2000);
  ASSERT_TRUE(p.ok()) << p.error().message;
  auto again = app::predict(*lib, session, sam, "Pupil A", "Main task", "Will start alone.", 2001);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->created_at_ms, 2000);
  ASSERT_EQ(store::list_predictions(*lib, session)->size(), 1u) << "rewritten, not added";
  EXPECT_FALSE(app::predict(*lib, session, sam, "Pupil C", "Main task", "x", 2002).ok()) << "not a case pupil";
  EXPECT_FALSE(app::predict(*lib, session, sam, "Pupil A", "Break", "x", 2002).ok()) << "not a phase";
  EXPECT_FALSE(app::predict(*lib, session, kid, "Pupil A", "Main task", "x", 2002).ok()) << "detectives never predict";
  auto outsider = lib->add_person("Outsider")->id;
  EXPECT_FALSE(app::predict(*lib, session, outsider, "Pupil A", "Main task", "x", 2002).ok());

  ASSERT_TRUE(comment(sam, seconds_us(70), "Pupil A", "Started alone").ok());
  auto late = app::predict(*lib, session, sam, "Pupil B", "Starter", "Will answer first.", 3000);
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("before watching"), std::string::npos) << late.error().message;
  EXPECT_FALSE(app::may_still_predict(*lib, session, sam).ok());
  EXPECT_TRUE(app::may_still_predict(*lib, session, jo).ok()) << "Jo has not commented";
}

TEST_F(LessonStudy, CasePupilsAreTheSessionsPupilLanes) {
  set_up_case();
  EXPECT_TRUE(comment(sam, seconds_us(5), "Pupil B", "Answered first").ok());
  auto other = comment(sam, seconds_us(6), "Pupil C", "Not followed");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().message.find("case-study pupils (Pupil A, Pupil B)"), std::string::npos)
      << other.error().message;
}

TEST_F(LessonStudy, PredictedVsObservedPairsPredictionsWithThePupilsComments) {
  set_up_case();
  ASSERT_TRUE(app::predict(*lib, session, sam, "Pupil A", "Main task", "Will wait for a partner.", 2000).ok());
  ASSERT_TRUE(app::predict(*lib, session, jo, "Pupil A", "Main task", "Will ask me for help.", 2000).ok());
  ASSERT_TRUE(comment(sam, seconds_us(70), "Pupil A", "Started alone, no partner").ok());
  ASSERT_TRUE(comment(sam, seconds_us(10), "Pupil A", "Counted on fingers").ok());
  ASSERT_TRUE(comment(sam, seconds_us(80), "Pupil B", "Helped Pupil A").ok());
  auto v = app::predicted_vs_observed(*lib, session, pat);
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->pupils.size(), 2u);
  const auto& main_a = v->pupils[0].phases[1];
  ASSERT_EQ(main_a.predicted.size(), 2u);
  ASSERT_EQ(main_a.observed.size(), 1u);
  EXPECT_EQ(main_a.observed[0].text, "Started alone, no partner");
  ASSERT_EQ(v->pupils[0].phases[0].observed.size(), 1u);
  auto j = app::predicted_observed_json(*lib, *v);
  EXPECT_EQ(j["pupils"][0]["phases"][1]["predicted"].size(), 2u);
  EXPECT_EQ(j["pupils"][0]["phases"][1]["phase"], "Main task");
  auto kids = app::predicted_vs_observed(*lib, session, kid);
  ASSERT_TRUE(kids.ok());
  EXPECT_TRUE(kids->pupils[0].phases[1].predicted.empty()) << "learning detectives do not read staff predictions";
}
