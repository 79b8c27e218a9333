#include <gtest/gtest.h>

#include "core/protocol.hpp"
#include "core/visibility.hpp"
#include "test_support.hpp"

using namespace triad;
using triad::testing::make_comment;

namespace {

constexpr RowId kTeacher = 1, kObserver = 2, kMentor = 3, kNqt = 4, kDetective = 5, kFacilitator = 6, kOutsider = 9;

SessionAccess access() {
  SessionAccess a;
  a.roles = {{kTeacher, Role::Teacher},         {kObserver, Role::Observer}, {kMentor, Role::Mentor},
             {kNqt, Role::Nqt},                 {kDetective, Role::LearningDetective},
             {kFacilitator, Role::Facilitator}};
  return a;
}

}  // namespace

TEST(Visibility_Private, NeverSeenByAnyoneButTheAuthor) {
  auto a = access();
  a.blind_review = true;
  a.revealed = true;
  auto c = make_comment("p", kObserver, 5, "note", Visibility::Private);
  a.approved.insert("p");  // even an approval mark must not open a private comment
  EXPECT_TRUE(can_see(a.viewer(kObserver), c, a));
  for (RowId v : {kTeacher, kMentor, kNqt, kDetective, kFacilitator, kOutsider, RowId{0}})
    EXPECT_FALSE(can_see(a.viewer(v), c, a)) << v;
  std::vector<Comment> all{c, make_comment("t", kMentor, 6)};
  for (RowId v : {kTeacher, kMentor, kFacilitator, kOutsider}) {
    auto seen = visible_comments(a.viewer(v), all, a);
    for (const auto& s : seen) EXPECT_NE(s.uuid, "p") << v;
  }
}

TEST(Visibility_Triad, ParticipantsOnlyEveryoneForAll) {
  auto a = access();
  auto triad_c = make_comment("t", kObserver, 5, "note", Visibility::Triad);
  auto all_c = make_comment("e", kObserver, 6, "note", Visibility::Everyone);
  EXPECT_TRUE(can_see(a.viewer(kTeacher), triad_c, a));
  EXPECT_TRUE(can_see(a.viewer(kMentor), triad_c, a));
  EXPECT_FALSE(can_see(a.viewer(kOutsider), triad_c, a));
  EXPECT_TRUE(can_see(a.viewer(kOutsider), all_c, a));
  EXPECT_TRUE(can_see(Viewer{}, all_c, a));
  EXPECT_FALSE(can_see(Viewer{}, triad_c, a));
}

TEST(Visibility_LearningDetective, SeesNoStaffComments) {
  auto a = access();
  auto staff = make_comment("s", kTeacher, 5, "note", Visibility::Everyone);
  auto own = make_comment("d", kDetective, 6, "note");
  EXPECT_FALSE(can_see(a.viewer(kDetective), staff, a));
  EXPECT_TRUE(can_see(a.viewer(kDetective), own, a));
}

TEST(Visibility_LearningDetective, CommentsReachStaffOnlyAfterApproval) {
  auto a = access();
  auto d = make_comment("d", kDetective, 6, "note");
  EXPECT_FALSE(can_see(a.viewer(kTeacher), d, a));
  EXPECT_FALSE(can_see(a.viewer(kObserver), d, a));
  EXPECT_TRUE(can_see(a.viewer(kFacilitator), d, a));  // must read it to approve it
  a.approved.insert("d");
  EXPECT_TRUE(can_see(a.viewer(kTeacher), d, a));
  EXPECT_TRUE(can_see(a.viewer(kObserver), d, a));
}

TEST(Visibility_Blind, OnlyOwnBeforeRevealAllAfter) {
  auto a = access();
  a.blind_review = true;
  std::vector<Comment> all{make_comment("o1", kObserver, 1), make_comment("o2", kObserver, 2),
                           make_comment("m1", kMentor, 3), make_comment("t1", kTeacher, 4, "note", Visibility::Everyone)};
  auto before = visible_comments(a.viewer(kObserver), all, a);
  ASSERT_EQ(before.size(), 2u);
  for (const auto& c : before) EXPECT_EQ(c.author_id, kObserver);
  EXPECT_EQ(visible_comments(a.viewer(kFacilitator), all, a).size(), 0u);
  EXPECT_EQ(visible_comments(a.viewer(kOutsider), all, a).size(), 0u);
  a.revealed = true;
  EXPECT_EQ(visible_comments(a.viewer(kObserver), all, a).size(), 4u);
  EXPECT_EQ(visible_comments(a.viewer(kFacilitator), all, a).size(), 4u);
}

TEST(Visibility_Listing, DropsTombstonesAndRepliesUnderHiddenComments) {
  auto a = access();
  auto hidden = make_comment("h", kObserver, 1, "note", Visibility::Private);
  auto reply = make_comment("r", kTeacher, 1, "");
  reply.parent_uuid = "h";
  auto reply2 = make_comment("r2", kMentor, 1, "");
  reply2.parent_uuid = "r";
  auto dead = make_comment("x", kMentor, 2);
  dead.deleted = true;
  auto open = make_comment("o", kMentor, 3);
  auto seen = visible_comments(a.viewer(kTeacher), {hidden, reply, reply2, dead, open}, a);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].uuid, "o");
  // The author of the hidden comment sees the whole thread.
  EXPECT_EQ(visible_comments(a.viewer(kObserver), {hidden, reply, reply2, dead, open}, a).size(), 4u);
}

TEST(Visibility_Initial, PrivateForSelfReviewProtocolDefaultOtherwise) {
  Protocol p;
  p.default_visibility = Visibility::Everyone;
  EXPECT_EQ(initial_visibility(Role::Nqt, p, false), Visibility::Private);
  EXPECT_EQ(initial_visibility(Role::Teacher, p, false), Visibility::Private);
  EXPECT_EQ(initial_visibility(Role::Observer, p, false), Visibility::Everyone);
  EXPECT_EQ(initial_visibility(Role::Mentor, p, false), Visibility::Everyone);
  EXPECT_EQ(initial_visibility(Role::Teacher, p, true), Visibility::Everyone);  // a reply is meant to be read
}

TEST(Visibility_Change, AuthorOnly) {
  auto c = make_comment("c", kObserver, 1);
  EXPECT_TRUE(may_change_visibility(kObserver, c).ok());
  auto st = may_change_visibility(kFacilitator, c);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("Only the author"), std::string::npos);
  EXPECT_FALSE(may_change_visibility(0, c).ok());
}

TEST(Visibility_PlainSession, NoParticipantsMeansEveryoneIsTheTriadButPrivateStaysPrivate) {
  SessionAccess plain;  // no participants recorded
  auto triad_c = make_comment("t", 1, 5, "note", Visibility::Triad);
  auto private_c = make_comment("p", 1, 6, "note", Visibility::Private);
  EXPECT_TRUE(can_see(plain.viewer(2), triad_c, plain));
  EXPECT_FALSE(can_see(plain.viewer(2), private_c, plain));
  EXPECT_TRUE(can_see(plain.viewer(1), private_c, plain));
  EXPECT_EQ(visible_comments(plain.viewer(2), {triad_c, private_c}, plain).size(), 1u);
}
