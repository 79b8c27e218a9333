#include <gtest/gtest.h>

#include "core/agenda.hpp"
#include "test_support.hpp"

using namespace triad;
using triad::testing::make_comment;

TEST(Agenda_Cluster, IssueExampleGivesOneSharedItemAndOneSingle) {
  // Comments at 10.0 s by A, 11.5 s by B and 40 s by C with a 3 s window.
  std::vector<Comment> cs{make_comment("c", 3, 40.0), make_comment("a", 1, 10.0), make_comment("b", 2, 11.5)};
  AgendaOptions o;
  o.window_us = seconds_us(3);
  auto items = build_agenda(cs, o);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].number, 1);
  EXPECT_EQ(items[0].authors, (std::vector<RowId>{1, 2}));
  EXPECT_TRUE(items[0].shared());
  EXPECT_EQ(items[0].comment_uuids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(items[0].start_us, 10'000'000);
  EXPECT_EQ(items[0].end_us, 11'500'000);
  EXPECT_EQ(items[1].authors, (std::vector<RowId>{3}));
  EXPECT_FALSE(items[1].shared());
  o.shared_only = true;
  EXPECT_EQ(build_agenda(cs, o).size(), 1u);
}

TEST(Agenda_Cluster, WindowIsInclusiveAndChains) {
  std::vector<Comment> cs{make_comment("a", 1, 10.0), make_comment("b", 2, 13.0), make_comment("c", 3, 16.0),
                          make_comment("d", 1, 19.000001)};
  AgendaOptions o;
  o.window_us = seconds_us(3);
  auto items = build_agenda(cs, o);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].comment_uuids.size(), 3u);  // 10 -> 13 -> 16: each within 3 s of the previous
  EXPECT_EQ(items[1].comment_uuids, std::vector<std::string>{"d"});
}

TEST(Agenda_Cluster, SamePersonTwiceIsNotShared) {
  std::vector<Comment> cs{make_comment("a", 1, 10.0), make_comment("b", 1, 11.0)};
  auto items = build_agenda(cs);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_FALSE(items[0].shared());
}

TEST(Agenda_Loop, PreRollPostRollClampedToRecording) {
  auto first = make_comment("a", 1, 1.0);
  auto span = make_comment("b", 2, 2.0);
  span.end_us = seconds_us(8);
  AgendaOptions o;
  o.preroll_us = seconds_us(3);
  o.postroll_us = seconds_us(2);
  o.duration_us = seconds_us(9);
  auto items = build_agenda({first, span}, o);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].loop_start_us, 0);  // 1 s - 3 s pre-roll, not before the start
  EXPECT_EQ(items[0].end_us, seconds_us(8));
  EXPECT_EQ(items[0].loop_end_us, seconds_us(9));  // 8 + 2 clamped to 9
  auto mid = build_agenda({make_comment("m", 1, 60.0)}, o = AgendaOptions{});
  EXPECT_EQ(mid[0].loop_start_us, seconds_us(57));
  EXPECT_EQ(mid[0].loop_end_us, seconds_us(62));
}

TEST(Agenda_Cluster, RepliesAndTombstonesAreNotAgendaItems) {
  auto reply = make_comment("r", 2, 100.0, "");
  reply.parent_uuid = "a";
  auto dead = make_comment("x", 3, 200.0);
  dead.deleted = true;
  auto items = build_agenda({make_comment("a", 1, 10.0), reply, dead});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].comment_uuids, std::vector<std::string>{"a"});
}

TEST(Agenda_Options, RefusesNonPositiveWindow) {
  AgendaOptions o;
  o.window_us = 0;
  EXPECT_FALSE(validate_agenda_options(o).ok());
  o = AgendaOptions{};
  o.preroll_us = -1;
  EXPECT_FALSE(validate_agenda_options(o).ok());
  EXPECT_TRUE(validate_agenda_options(AgendaOptions{}).ok());
}

TEST(Agenda_Threads, RepliesUnderTheirCommentInCreationOrder) {
  auto a = make_comment("a", 1, 20.0);
  auto b = make_comment("b", 2, 10.0);
  auto r1 = make_comment("r1", 3, 20.0, "");
  r1.parent_uuid = "a";
  r1.created_at_ms = 200;
  auto r2 = make_comment("r2", 1, 20.0, "");
  r2.parent_uuid = "a";
  r2.created_at_ms = 100;
  auto rr = make_comment("rr", 2, 20.0, "");
  rr.parent_uuid = "r2";
  auto orphan = make_comment("o", 2, 5.0, "");
  orphan.parent_uuid = "missing";
  std::vector<Comment> cs{a, b, r1, r2, rr, orphan};
  auto lines = thread_order(cs);
  std::vector<std::pair<std::string, int>> got;
  for (auto& l : lines) got.emplace_back(cs[l.index].uuid, l.depth);
  std::vector<std::pair<std::string, int>> want{{"b", 0}, {"a", 0}, {"r2", 1}, {"rr", 2}, {"r1", 1}};
  EXPECT_EQ(got, want);
}
