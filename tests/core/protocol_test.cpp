#include <gtest/gtest.h>

#include "core/framework.hpp"
#include "core/protocol.hpp"
#include "test_support.hpp"

using namespace triad;
using triad::testing::make_comment;

namespace {

Framework small_framework(bool child = false) {
  Framework f;
  f.code = child ? "kids" : "jpd";
  f.name = "F";
  f.child_friendly = child;
  Tag t;
  t.code = "questioning";
  t.label = "Questioning";
  t.colour = "#112233";
  f.tags.push_back(t);
  return f;
}

}  // namespace

TEST(Protocol_Defaults, FiveStemsNoneRequired) {
  Protocol p;
  ASSERT_EQ(p.stems.size(), 5u);
  EXPECT_EQ(p.stems[0].code, "took-away");
  EXPECT_EQ(p.stems[0].label, "I took away\u2026");
  EXPECT_EQ(p.stems[1].code, "try");
  EXPECT_EQ(p.stems[1].label, "Why don't you try\u2026");
  EXPECT_EQ(p.stems[2].code, "question");
  EXPECT_EQ(p.stems[3].code, "strength");
  EXPECT_EQ(p.stems[4].code, "note");
  for (const auto& s : p.stems) EXPECT_FALSE(s.required);
  EXPECT_EQ(p.default_visibility, Visibility::Triad);
  EXPECT_FALSE(p.blind_review);
  EXPECT_TRUE(validate_protocol(p).ok());
}

TEST(Protocol_CheckComment, RefusesCommentWithoutStemWhenStemsRequired) {
  Protocol p;
  p.stems[1].required = true;  // "try"
  auto c = make_comment("c1", 1, 3.0, "");
  auto st = check_comment(p, small_framework(), {}, Role::Observer, c);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("requires a feedback stem"), std::string::npos) << st.error().message;
  c.kind = "try";
  EXPECT_TRUE(check_comment(p, small_framework(), {}, Role::Observer, c).ok());
}

TEST(Protocol_CheckComment, AcceptsNoStemWhenNoneRequired) {
  Protocol p;
  auto c = make_comment("c1", 1, 3.0, "");
  EXPECT_TRUE(check_comment(p, small_framework(), {}, Role::Observer, c).ok());
}

TEST(Protocol_CheckComment, RefusesStemOrTagOutsideProtocol) {
  Protocol p;
  p.stems = {{"strength", "Strength", false}};
  auto c = make_comment("c1", 1, 3.0, "try");
  auto st = check_comment(p, small_framework(), {}, Role::Observer, c);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("'try' is not one of this protocol's stems"), std::string::npos);

  c.kind = "strength";
  c.tags = {"wait-time"};
  st = check_comment(p, small_framework(), {}, Role::Observer, c);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("Tag 'wait-time' is not in the framework 'jpd'"), std::string::npos);
  c.tags = {"questioning"};
  EXPECT_TRUE(check_comment(p, small_framework(), {}, Role::Observer, c).ok());
}

TEST(Protocol_CheckComment, PupilMustBeCodeAndOneOfTheLanes) {
  Protocol p;
  auto c = make_comment("c1", 1, 3.0, "note");
  c.pupil = "Jamie Smith";
  auto st = check_comment(p, small_framework(), {}, Role::Observer, c);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("names are never stored"), std::string::npos);
  c.pupil = "Pupil D";
  st = check_comment(p, small_framework(), {"Pupil A", "Pupil B", "Pupil C"}, Role::Observer, c);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("case-study pupils"), std::string::npos);
  c.pupil = "Pupil B";
  EXPECT_TRUE(check_comment(p, small_framework(), {"Pupil A", "Pupil B", "Pupil C"}, Role::Observer, c).ok());
}

TEST(Protocol_CheckComment, LearningDetectiveOnlyChildFriendlyFramework) {
  Protocol p;
  auto c = make_comment("c1", 7, 3.0, "note");
  auto st = check_comment(p, small_framework(false), {}, Role::LearningDetective, c);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("not child-friendly"), std::string::npos);
  EXPECT_TRUE(check_comment(p, small_framework(true), {}, Role::LearningDetective, c).ok());
}

TEST(Protocol_CheckComment, RepliesNeedNoStemButCarryNoTags) {
  Protocol p;
  p.stems[0].required = true;
  auto r = make_comment("r1", 2, 3.0, "");
  r.parent_uuid = "c1";
  EXPECT_TRUE(check_comment(p, small_framework(), {}, Role::Teacher, r).ok());
  r.tags = {"questioning"};
  EXPECT_FALSE(check_comment(p, small_framework(), {}, Role::Teacher, r).ok());
}

TEST(Protocol_RequiredStems, MissingListedUntilUsed) {
  Protocol p;
  p.stems[0].required = true;  // took-away
  p.stems[1].required = true;  // try
  std::vector<Comment> own{make_comment("a", 1, 1.0, "took-away")};
  EXPECT_EQ(missing_required_stems(p, own), std::vector<std::string>{"try"});
  auto deleted = make_comment("b", 1, 2.0, "try");
  deleted.deleted = true;
  own.push_back(deleted);
  EXPECT_EQ(missing_required_stems(p, own), std::vector<std::string>{"try"});
  own.push_back(make_comment("c", 1, 2.0, "try"));
  EXPECT_TRUE(missing_required_stems(p, own).empty());
}

TEST(Protocol_Validate, RefusesBadStemsAndDates) {
  Protocol p;
  p.stems.push_back({"note", "Again", false});
  EXPECT_FALSE(validate_protocol(p).ok());
  p = Protocol{};
  p.stems.clear();
  EXPECT_FALSE(validate_protocol(p).ok());
  p = Protocol{};
  p.retention_date = "2027-02-29";
  auto st = validate_protocol(p);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("2027-02-29"), std::string::npos);
  p.retention_date = "2028-02-29";
  EXPECT_TRUE(validate_protocol(p).ok());
}

TEST(Protocol_ParseStem, CodesLabelsAndRequiredMarks) {
  auto s = parse_stem("try!");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->code, "try");
  EXPECT_EQ(s->label, "Why don't you try\u2026");
  EXPECT_TRUE(s->required);
  s = parse_stem("wonder=I wonder whether\u2026");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->label, "I wonder whether\u2026");
  EXPECT_FALSE(s->required);
  s = parse_stem("wonder=I wonder!");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->required);
  EXPECT_EQ(s->label, "I wonder");
  EXPECT_FALSE(parse_stem("wonder").ok());  // not a default, needs a label
  EXPECT_FALSE(parse_stem("Bad Code=x").ok());
  EXPECT_FALSE(parse_stem("x=").ok());
}

TEST(Protocol_Json, RoundTrips) {
  Protocol p;
  p.session_id = 4;
  p.focus_questions = {"How long is wait time after a question?", "Who answers?"};
  p.framework_code = "lesson-study";
  p.stems[3].required = true;
  p.default_visibility = Visibility::Everyone;
  p.blind_review = true;
  p.retention_date = "2027-07-31";
  auto back = protocol_from_json(protocol_to_json(p), "test");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->session_id, 4);
  EXPECT_EQ(back->focus_questions, p.focus_questions);
  EXPECT_EQ(back->framework_code, "lesson-study");
  ASSERT_EQ(back->stems.size(), 5u);
  EXPECT_TRUE(back->stems[3].required);
  EXPECT_EQ(back->default_visibility, Visibility::Everyone);
  EXPECT_TRUE(back->blind_review);
  EXPECT_EQ(back->retention_date, p.retention_date);
  EXPECT_FALSE(protocol_from_json("{\"default_visibility\":\"secret\"}", "x").ok());
  EXPECT_FALSE(protocol_from_json("[1,2]", "x").ok());
}

TEST(Protocol_Retention, PassedOnlyAfterTheDate) {
  Protocol p;
  EXPECT_FALSE(retention_passed(p, "2030-01-01"));  // none set
  p.retention_date = "2027-07-31";
  EXPECT_FALSE(retention_passed(p, "2027-07-30"));
  EXPECT_FALSE(retention_passed(p, "2027-07-31"));
  EXPECT_TRUE(retention_passed(p, "2027-08-01"));
  EXPECT_TRUE(retention_passed(p, "2028-01-01"));
  EXPECT_FALSE(retention_passed(p, "garbage"));
}
