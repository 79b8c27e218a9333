#include <gtest/gtest.h>

#include "core/growth.hpp"
#include "test_support.hpp"

using namespace triad;
using triad::testing::make_comment;

TEST(Growth_Lesson, FiguresFromTalkCommentsAndActions) {
  Session s;
  s.id = 7;
  s.title = "Plants";
  s.cycle = "Wait time";
  s.cycle_position = 2;
  auto q1 = make_comment("a", 1, 10, "question");
  auto q2 = make_comment("b", 1, 20, "note");
  q2.tags = {"questioning"};
  auto n = make_comment("c", 2, 30, "strength");
  n.tags = {"praise", "questioning"};
  TalkAnalysis t;
  t.teacher_share = 0.6;
  t.pupil_share = 0.25;
  t.silence_share = 0.15;
  t.wait_times = {{0, 0, 1'000'000}, {0, 0, 4'000'000}, {0, 0, 2'500'000}};
  Action done, open, other;
  done.session_id = 7;
  done.done = true;
  open.session_id = 7;
  other.session_id = 8;
  auto g = lesson_growth(s, {q1, q2, n}, {done, open, other}, &t);
  EXPECT_TRUE(g.analysed);
  EXPECT_EQ(g.position, 2);
  EXPECT_NEAR(*g.wait_time_mean_s, 2.5, 1e-9);
  EXPECT_NEAR(*g.wait_time_median_s, 2.5, 1e-9);
  EXPECT_EQ(g.questions, 3);  // the kind, then the tag twice
  EXPECT_EQ(g.tag_counts["questioning"], 2);
  EXPECT_EQ(g.tag_counts["praise"], 1);
  EXPECT_EQ(g.actions_agreed, 2);
  EXPECT_EQ(g.actions_done, 1);
  auto csv = growth_csv({g});
  EXPECT_NE(csv.find("wait_time_mean_s"), std::string::npos);
  EXPECT_NE(csv.find("tag:questioning"), std::string::npos);
  EXPECT_NE(csv.find("7,2,,Plants,,0.600,0.250,0.150,2.500,2.500,3,2,1,1,2"), std::string::npos) << csv;

  auto none = lesson_growth(s, {}, {}, nullptr);
  EXPECT_FALSE(none.analysed);
  EXPECT_FALSE(none.wait_time_mean_s);
}
