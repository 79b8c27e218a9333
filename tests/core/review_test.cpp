#include <gtest/gtest.h>

#include "core/protocol.hpp"
#include "core/review.hpp"
#include "core/roles.hpp"
#include "test_support.hpp"

using namespace triad;
using triad::testing::make_comment;

namespace {

std::vector<Participant> triad_of_three() {
  return {{1, 1, Role::Teacher}, {1, 2, Role::Observer}, {1, 3, Role::Mentor}, {1, 5, Role::LearningDetective},
          {1, 6, Role::Facilitator}};
}

Protocol blind() {
  Protocol p;
  p.blind_review = true;
  return p;
}

}  // namespace

TEST(Review_Submit, RevealDueOnlyWhenEveryReviewerSubmitted) {
  auto ps = triad_of_three();
  EXPECT_EQ(pending_reviewers(ps, {}), (std::vector<RowId>{1, 2, 3}));
  EXPECT_FALSE(all_reviewers_submitted(ps, {1, 2}));
  EXPECT_TRUE(all_reviewers_submitted(ps, {1, 2, 3}));  // detective and facilitator do not review
  EXPECT_FALSE(all_reviewers_submitted({{1, 6, Role::Facilitator}}, {}));  // nobody to wait for is not "all"
}

TEST(Review_Submit, RefusedForNonReviewersTwiceOrMissingRequiredStem) {
  Protocol p = blind();
  p.stems[1].required = true;  // try
  std::vector<Comment> own{make_comment("a", 2, 1, "strength")};
  EXPECT_FALSE(check_submit(p, std::nullopt, false, own).ok());
  EXPECT_FALSE(check_submit(p, Role::Facilitator, false, own).ok());
  EXPECT_FALSE(check_submit(p, Role::LearningDetective, false, own).ok());
  auto st = check_submit(p, Role::Observer, false, own);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("stem try"), std::string::npos) << st.error().message;
  own.push_back(make_comment("b", 2, 2, "try"));
  EXPECT_TRUE(check_submit(p, Role::Observer, false, own).ok());
  EXPECT_FALSE(check_submit(p, Role::Observer, true, own).ok());
}

TEST(Review_Reveal, FacilitatorAnytimeOthersOnlyWhenAllSubmitted) {
  EXPECT_TRUE(check_reveal(blind(), Role::Facilitator, false, false).ok());
  auto st = check_reveal(blind(), Role::Observer, false, false);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("Only a facilitator"), std::string::npos);
  EXPECT_TRUE(check_reveal(blind(), Role::Observer, false, true).ok());
  EXPECT_FALSE(check_reveal(blind(), Role::Facilitator, true, true).ok());  // once only
  EXPECT_FALSE(check_reveal(Protocol{}, Role::Facilitator, false, true).ok());  // not blind
}

TEST(Review_Time, SumsIntervalsPerPersonWithoutDoubleCounting) {
  std::vector<ReviewInterval> ivs{
      {1, 2, 1'000, 61'000},    // 60 s
      {1, 2, 31'000, 91'000},   // overlaps: +30 s
      {1, 2, 200'000, 210'000}, // +10 s
      {1, 3, 0, 5'000},         // another person
      {1, 3, 9'000, 9'000},     // empty, ignored
  };
  auto t = review_time_ms(ivs);
  EXPECT_EQ(t.at(2), 100'000);
  EXPECT_EQ(t.at(3), 5'000);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_FALSE(validate_interval({1, 2, 10, 10}).ok());
  EXPECT_TRUE(validate_interval({1, 2, 10, 11}).ok());
}

TEST(Review_Time, FormatsForPeople) {
  EXPECT_EQ(format_review_time(45'000), "45 s");
  EXPECT_EQ(format_review_time(12 * 60'000 + 5'000), "12 min 05 s");
  EXPECT_EQ(format_review_time(3'600'000 + 5 * 60'000), "1 h 05 min");
}

TEST(Roles_Rules, LearningDetectiveCannotExportOrUseStaffFramework) {
  EXPECT_FALSE(may_export(Role::LearningDetective).ok());
  for (Role r : {Role::Teacher, Role::Observer, Role::Mentor, Role::Nqt, Role::Facilitator})
    EXPECT_TRUE(may_export(r).ok());
  Framework staff, kids;
  staff.code = "jpd";
  kids.code = "kids";
  kids.child_friendly = true;
  EXPECT_FALSE(may_use_framework(Role::LearningDetective, staff).ok());
  EXPECT_TRUE(may_use_framework(Role::LearningDetective, kids).ok());
  EXPECT_TRUE(may_use_framework(Role::Observer, staff).ok());
  EXPECT_TRUE(may_approve_detective_comments(Role::Facilitator));
  EXPECT_FALSE(may_approve_detective_comments(Role::Teacher));
}
