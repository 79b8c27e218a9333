// Changing who takes part in a session: core's check_participant_change (core/roles.hpp).
#include <gtest/gtest.h>

#include "core/roles.hpp"

using namespace triad;

namespace {

constexpr RowId kTeacher = 1, kObserver = 2, kMentor = 3, kFacilitator = 4, kDetective = 5, kOutsider = 9;

ParticipantFacts triad_with_detective() {
  ParticipantFacts f;
  f.roles = {{kTeacher, Role::Teacher},
             {kObserver, Role::Observer},
             {kMentor, Role::Mentor},
             {kFacilitator, Role::Facilitator},
             {kDetective, Role::LearningDetective}};
  f.teacher_id = kTeacher;
  return f;
}

ParticipantChange remove(RowId who) { return {who, std::nullopt}; }
ParticipantChange make(RowId who, Role r) { return {who, r}; }

}  // namespace

TEST(Participants_Change, FacilitatorOrObservedTeacherMayOthersMayNot) {
  auto f = triad_with_detective();
  EXPECT_TRUE(check_participant_change(f, kFacilitator, remove(kMentor)).ok());
  EXPECT_TRUE(check_participant_change(f, kTeacher, make(kMentor, Role::Observer)).ok());
  for (RowId actor : {kObserver, kMentor, kDetective, kOutsider}) {
    auto st = check_participant_change(f, actor, remove(kMentor));
    ASSERT_FALSE(st.ok()) << actor;
    EXPECT_EQ(st.error().message.find('\n'), std::string::npos);
  }
  // The session's teacher (Session::teacher_id) counts even when not listed as a participant.
  f.roles.erase(kTeacher);
  EXPECT_TRUE(check_participant_change(f, kTeacher, remove(kObserver)).ok());
}

TEST(Participants_Change, WithoutFacilitatorOrTeacherAnyStaffParticipantMay) {
  ParticipantFacts f;
  f.roles = {{kObserver, Role::Observer}, {kMentor, Role::Mentor}};
  EXPECT_TRUE(check_participant_change(f, kObserver, make(kMentor, Role::Observer)).ok());
  EXPECT_FALSE(check_participant_change(f, kOutsider, make(kMentor, Role::Observer)).ok());
}

TEST(Participants_Change, LastFacilitatorStaysWhileDetectivesTakePart) {
  auto f = triad_with_detective();
  auto st = check_participant_change(f, kTeacher, remove(kFacilitator));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("last facilitator"), std::string::npos) << st.error().message;
  EXPECT_FALSE(check_participant_change(f, kFacilitator, make(kFacilitator, Role::Observer)).ok());
  // A second facilitator, or no detectives, and the facilitator may go.
  auto two = f;
  two.roles[kMentor] = Role::Facilitator;
  EXPECT_TRUE(check_participant_change(two, kTeacher, remove(kFacilitator)).ok());
  auto staff_only = f;
  staff_only.roles.erase(kDetective);
  EXPECT_TRUE(check_participant_change(staff_only, kTeacher, remove(kFacilitator)).ok());
}

TEST(Participants_Change, PupilsAndStaffNeverSwapSides) {
  auto f = triad_with_detective();
  EXPECT_FALSE(check_participant_change(f, kFacilitator, make(kDetective, Role::Observer)).ok());
  EXPECT_FALSE(check_participant_change(f, kFacilitator, make(kObserver, Role::LearningDetective)).ok());
  EXPECT_TRUE(check_participant_change(f, kFacilitator, make(kObserver, Role::Nqt)).ok());
}

TEST(Participants_Change, DetectiveWithUnapprovedCommentsCannotBeRemoved) {
  auto f = triad_with_detective();
  f.pending_detective_comments = 2;
  auto st = check_participant_change(f, kFacilitator, remove(kDetective));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("approval"), std::string::npos) << st.error().message;
  f.pending_detective_comments = 0;
  EXPECT_TRUE(check_participant_change(f, kFacilitator, remove(kDetective)).ok());
}

TEST(Participants_Change, RefusesNonParticipantsSameRoleAndTheLastParticipant) {
  auto f = triad_with_detective();
  EXPECT_FALSE(check_participant_change(f, kFacilitator, remove(kOutsider)).ok());
  EXPECT_FALSE(check_participant_change(f, kFacilitator, make(kObserver, Role::Observer)).ok());
  ParticipantFacts alone;
  alone.roles = {{kFacilitator, Role::Facilitator}};
  EXPECT_FALSE(check_participant_change(alone, kFacilitator, remove(kFacilitator)).ok());
}

// Only the facilitator and the observed teacher lead a session (set it up, sign its roster,
// re-key); someone outside the roster leads nothing.
TEST(Roles_Rules, OnlyTheFacilitatorAndTheObservedTeacherLeadASession) {
  EXPECT_TRUE(leads_session(Role::Facilitator));
  EXPECT_TRUE(leads_session(Role::Teacher));
  for (Role r : {Role::Observer, Role::Mentor, Role::Nqt, Role::LearningDetective}) EXPECT_FALSE(leads_session(r));
  EXPECT_TRUE(leads_session(std::optional<Role>(Role::Teacher)));
  EXPECT_FALSE(leads_session(std::optional<Role>()));
}

TEST(Roles_Rules, LearningDetectiveCannotImport) {
  EXPECT_FALSE(may_import(Role::LearningDetective).ok());
  for (Role r : {Role::Teacher, Role::Observer, Role::Mentor, Role::Nqt, Role::Facilitator})
    EXPECT_TRUE(may_import(r).ok());
}
