#include <gtest/gtest.h>

#include "core/cycle.hpp"

using namespace triad;

namespace {

Session session(RowId id, std::string cycle, int pos) {
  Session s;
  s.id = id;
  s.title = "Lesson " + std::to_string(id);
  s.cycle = std::move(cycle);
  s.cycle_position = pos;
  return s;
}

Action action(RowId id, RowId session_id, std::string text, bool done = false) {
  Action a;
  a.id = id;
  a.session_id = session_id;
  a.text = std::move(text);
  a.done = done;
  return a;
}

}  // namespace

TEST(Cycle_Actions, OpenActionsCarriedIntoLaterSessionsOfTheCycle) {
  std::vector<Session> ss{session(1, "fractions", 1), session(2, "fractions", 2), session(3, "fractions", 3),
                          session(4, "other", 1)};
  std::vector<Action> as{action(10, 1, "Count to five after asking"), action(11, 1, "Done already", true),
                         action(12, 2, "Use mini whiteboards"), action(13, 4, "Other cycle")};
  auto into2 = actions_carried_into(ss[1], ss, as);
  ASSERT_EQ(into2.size(), 1u);
  EXPECT_EQ(into2[0].id, 10);
  auto into3 = actions_carried_into(ss[2], ss, as);
  ASSERT_EQ(into3.size(), 2u);
  EXPECT_EQ(into3[0].id, 10);
  EXPECT_EQ(into3[1].id, 12);
  EXPECT_TRUE(actions_carried_into(ss[0], ss, as).empty());
  EXPECT_TRUE(actions_carried_into(session(5, "", 0), ss, as).empty());  // not in a cycle
}

TEST(Cycle_Protocol, InheritedFromLatestEarlierSession) {
  std::vector<Session> ss{session(1, "c", 1), session(2, "c", 2), session(3, "c", 3)};
  EXPECT_EQ(protocol_source(ss[2], ss, {1}), RowId{1});
  EXPECT_EQ(protocol_source(ss[2], ss, {1, 2}), RowId{2});
  EXPECT_EQ(protocol_source(ss[2], ss, {1, 2, 3}), RowId{3});
  EXPECT_EQ(protocol_source(ss[0], ss, {2, 3}), std::nullopt);  // later sessions never lend theirs
}

TEST(Cycle_Actions, ValidateRefusesBlankText) {
  EXPECT_FALSE(validate_action(action(0, 1, "   ")).ok());
  EXPECT_FALSE(validate_action(action(0, 0, "x")).ok());
  EXPECT_TRUE(validate_action(action(0, 1, "x")).ok());
}
