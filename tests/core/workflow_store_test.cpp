// The workflow rules through the store, on in-memory libraries.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/agenda.hpp"
#include "store/signed_changes.hpp"
#include "store/workflow.hpp"

using namespace triad;
using namespace triad::store;

namespace {

FrameworkDefinition shipped(const std::string& code) {
  std::ifstream in(std::filesystem::path(TRIAD_SOURCE_DIR) / "assets" / "frameworks" / (code + ".json"));
  std::stringstream ss;
  ss << in.rdbuf();
  auto def = framework_from_json(ss.str(), code);
  EXPECT_TRUE(def.ok()) << def.error().message;
  return *def;
}

class WorkflowStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Library::open_memory();
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    lib.emplace(std::move(*opened));
    for (const char* code : {"jpd-peer-observation", "lesson-study", "learning-detectives"})
      ASSERT_TRUE(import_framework(*lib, shipped(code)).ok()) << code;
    jo = person("Jo");
    sam = person("Sam");
    alex = person("Alex");
    pat = person("Pat");
    kid = person("Detective 1");
    nobody = person("Outsider");
    session = new_session("Y8 fractions", "", 0);
    add(session, jo, Role::Teacher);
    add(session, sam, Role::Observer);
    add(session, alex, Role::Mentor);
    add(session, pat, Role::Facilitator);
    add(session, kid, Role::LearningDetective);
  }

  RowId person(const char* name) {
    auto p = lib->add_person(name);
    EXPECT_TRUE(p.ok());
    return p->id;
  }
  RowId new_session(const char* title, const char* cycle, int pos) {
    Session s;
    s.title = title;
    s.date = "2026-03-1" + std::to_string(pos);
    s.cycle = cycle;
    s.cycle_position = pos;
    auto added = lib->add_session(s);
    EXPECT_TRUE(added.ok()) << added.error().message;
    return added->id;
  }
  void add(RowId s, RowId p, Role r) { ASSERT_TRUE(add_participant(*lib, s, p, r).ok()); }

  void set(Protocol p, RowId s = 0) {
    p.session_id = s ? s : session;
    auto r = set_protocol(*lib, p, pat);
    ASSERT_TRUE(r.ok()) << r.error().message;
  }

  Result<Comment> comment(RowId author, TimeUs at, std::string kind = "note", std::vector<std::string> tags = {},
                          std::optional<Visibility> vis = std::nullopt, RowId s = 0) {
    Comment c;
    c.session_id = s ? s : session;
    c.author_id = author;
    c.start_us = at;
    c.kind = std::move(kind);
    c.text = "comment by " + std::to_string(author) + " at " + std::to_string(at);
    c.tags = std::move(tags);
    return add_checked_comment(*lib, c, vis);
  }

  // A row in every workflow table: a blind protocol with a focus question, a detective's
  // comment approved, a submission, the reveal and an action. Returns the approved uuid.
  std::string fill_workflow_tables() {
    Protocol p;
    p.blind_review = true;
    p.focus_questions = {"Do pupils explain their reasoning?"};
    set(p);
    EXPECT_TRUE(comment(kid, seconds_us(1), "note", {"listening"}).ok());
    auto d = list_visible_comments(*lib, session, kid)->front();
    EXPECT_TRUE(approve_detective_comment(*lib, d.uuid, pat).ok());
    EXPECT_TRUE(submit_review(*lib, session, sam).ok());
    EXPECT_TRUE(reveal_reviews(*lib, session, pat).ok());
    Action a;
    a.session_id = session;
    a.text = "Try mini-whiteboards";
    a.owner_id = jo;
    a.created_by = pat;
    EXPECT_TRUE(add_action(*lib, a).ok());
    return d.uuid;
  }

  std::size_t count_all() {
    CommentFilter f;
    f.session_id = session;
    return lib->list_comments(f)->size();
  }

  std::optional<Library> lib;
  RowId jo = 0, sam = 0, alex = 0, pat = 0, kid = 0, nobody = 0, session = 0;
};

}  // namespace

TEST_F(WorkflowStore, MigrationTwoIsApplied) { EXPECT_GE(lib->schema_version(), 2); }

TEST_F(WorkflowStore, ParticipantHasOneRolePerSession) {
  auto again = add_participant(*lib, session, sam, Role::Mentor);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("already in session"), std::string::npos);
  EXPECT_EQ(*participant_role(*lib, session, sam), Role::Observer);
  EXPECT_EQ(list_participants(*lib, session)->size(), 5u);
}

TEST_F(WorkflowStore, FrameworkImportKeepsPupilLanesAndRefusesDuplicates) {
  auto ls = load_framework(*lib, "lesson-study");
  ASSERT_TRUE(ls.ok() && ls->has_value());
  EXPECT_EQ((*ls)->pupils, (std::vector<std::string>{"Pupil A", "Pupil B", "Pupil C"}));
  EXPECT_EQ(framework_to_json(**ls), framework_to_json(shipped("lesson-study")));
  EXPECT_FALSE(import_framework(*lib, shipped("lesson-study")).ok());
}

TEST_F(WorkflowStore, WorkflowTablesPassQuickCheck) {
  // The store refuses to open a library whose quick_check fails, so every workflow
  // table must pass it once filled (SQLite 3.40 misreports some WITHOUT ROWID layouts).
  fill_workflow_tables();
  auto st = Stmt::prepare(lib->db(), "PRAGMA quick_check");
  ASSERT_TRUE(st.ok());
  std::vector<std::string> rows;
  while (*st->step()) rows.push_back(st->text(0));
  EXPECT_EQ(rows, std::vector<std::string>{"ok"});
}

TEST_F(WorkflowStore, ProtocolRequiredStemRefusesCommentAndChangesNothing) {
  Protocol p;
  p.stems[1].required = true;
  p.focus_questions = {"How long do pupils get to think?"};
  set(p);
  auto refused = comment(sam, seconds_us(3), "");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("requires a feedback stem"), std::string::npos);
  auto wrong_tag = comment(sam, seconds_us(3), "try", {"listening"});  // a detective tag
  ASSERT_FALSE(wrong_tag.ok());
  EXPECT_NE(wrong_tag.error().message.find("Tag 'listening'"), std::string::npos);
  EXPECT_EQ(count_all(), 0u);
  auto ok = comment(sam, seconds_us(3), "try", {"Wait time"});  // labels are accepted and stored as codes
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->tags, std::vector<std::string>{"wait-time"});
  EXPECT_EQ(ok->visibility, Visibility::Triad);
}

TEST_F(WorkflowStore, ProtocolRefusedForUnknownFrameworkLeavesNoRow) {
  Protocol p;
  p.session_id = session;
  p.framework_code = "no-such-framework";
  auto r = set_protocol(*lib, p, pat);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not in the library"), std::string::npos);
  EXPECT_FALSE(get_own_protocol(*lib, session)->has_value());
  p.framework_code = "learning-detectives";
  p.detective_framework_code = "jpd-peer-observation";
  EXPECT_FALSE(set_protocol(*lib, p, pat).ok());  // detectives' framework must be child-friendly
  p.framework_code = "jpd-peer-observation";
  p.detective_framework_code = "learning-detectives";
  EXPECT_FALSE(set_protocol(*lib, p, kid).ok());     // a pupil cannot set the protocol
  EXPECT_FALSE(set_protocol(*lib, p, nobody).ok());  // nor someone outside the session
  EXPECT_FALSE(get_own_protocol(*lib, session)->has_value());
}

TEST_F(WorkflowStore, BlindReviewZeroRowsOfOthersBeforeAllAfter) {
  Protocol p;
  p.blind_review = true;
  set(p);
  ASSERT_TRUE(comment(sam, seconds_us(10)).ok());
  ASSERT_TRUE(comment(sam, seconds_us(20)).ok());
  ASSERT_TRUE(comment(alex, seconds_us(11)).ok());
  ASSERT_TRUE(comment(jo, seconds_us(30), "note", {}, Visibility::Triad).ok());

  for (RowId viewer : {sam, alex, jo, pat, nobody}) {
    auto seen = list_visible_comments(*lib, session, viewer);
    ASSERT_TRUE(seen.ok());
    for (const auto& c : *seen) EXPECT_EQ(c.author_id, viewer) << "viewer " << viewer;
  }
  EXPECT_EQ(list_visible_comments(*lib, session, sam)->size(), 2u);

  ASSERT_TRUE(submit_review(*lib, session, sam).ok());
  EXPECT_EQ(list_visible_comments(*lib, session, sam)->size(), 2u);  // submitted, not yet revealed
  auto late = comment(sam, seconds_us(40));
  ASSERT_FALSE(late.ok());  // a submitted blind review is closed until the reveal
  EXPECT_NE(late.error().message.find("submitted"), std::string::npos);
  ASSERT_TRUE(submit_review(*lib, session, alex).ok());
  auto last = submit_review(*lib, session, jo);
  ASSERT_TRUE(last.ok()) << last.error().message;
  ASSERT_TRUE(last->reveal.has_value());
  EXPECT_TRUE(last->reveal->automatic);
  EXPECT_EQ(last->reveal->revealed_by, jo);

  EXPECT_EQ(list_visible_comments(*lib, session, sam)->size(), 4u);
  EXPECT_EQ(list_visible_comments(*lib, session, pat)->size(), 4u);
  auto state = review_state(*lib, session);
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->pending.empty());
  EXPECT_EQ(state->submissions.size(), 3u);
  ASSERT_TRUE(state->reveal.has_value());
}

TEST_F(WorkflowStore, FacilitatorRevealsEarlyOthersCannot) {
  Protocol p;
  p.blind_review = true;
  set(p);
  ASSERT_TRUE(comment(alex, seconds_us(11)).ok());
  auto by_observer = reveal_reviews(*lib, session, sam);
  ASSERT_FALSE(by_observer.ok());
  EXPECT_NE(by_observer.error().message.find("Only a facilitator"), std::string::npos);
  EXPECT_EQ(list_visible_comments(*lib, session, sam)->size(), 0u);
  auto rev = reveal_reviews(*lib, session, pat);
  ASSERT_TRUE(rev.ok()) << rev.error().message;
  EXPECT_EQ(rev->revealed_by, pat);
  EXPECT_FALSE(rev->automatic);
  EXPECT_GT(rev->revealed_at_ms, 0);
  EXPECT_EQ(list_visible_comments(*lib, session, sam)->size(), 1u);
  EXPECT_FALSE(reveal_reviews(*lib, session, pat).ok());  // once
}

TEST_F(WorkflowStore, SubmitRefusedWhileRequiredStemMissing) {
  Protocol p;
  p.stems[0].required = true;  // took-away
  set(p);
  ASSERT_TRUE(comment(sam, seconds_us(1), "strength").ok());
  auto r = submit_review(*lib, session, sam);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("took-away"), std::string::npos);
  EXPECT_TRUE(review_state(*lib, session)->submissions.empty());
  ASSERT_TRUE(comment(sam, seconds_us(2), "took-away").ok());
  EXPECT_TRUE(submit_review(*lib, session, sam).ok());
  EXPECT_FALSE(submit_review(*lib, session, pat).ok());  // facilitators do not submit reviews
}

TEST_F(WorkflowStore, SelfReviewPrivateByDefaultNeverListedOrOnAgendaForOthers) {
  RowId nqt = person("Nia");
  RowId own_lesson = new_session("Nia's lesson", "", 0);
  add(own_lesson, nqt, Role::Nqt);
  add(own_lesson, alex, Role::Mentor);
  auto c = comment(nqt, seconds_us(5), "note", {}, std::nullopt, own_lesson);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->visibility, Visibility::Private);
  ASSERT_TRUE(comment(alex, seconds_us(6), "note", {}, std::nullopt, own_lesson).ok());

  auto mentor_sees = list_visible_comments(*lib, own_lesson, alex);
  ASSERT_EQ(mentor_sees->size(), 1u);
  EXPECT_EQ((*mentor_sees)[0].author_id, alex);
  auto agenda = build_agenda(*mentor_sees);
  ASSERT_EQ(agenda.size(), 1u);
  EXPECT_FALSE(agenda[0].shared());  // the private comment at 5 s does not make 6 s a shared moment
  EXPECT_EQ(list_visible_comments(*lib, own_lesson, nqt)->size(), 2u);

  // Only the author may share it.
  EXPECT_FALSE(set_comment_visibility(*lib, c->uuid, alex, Visibility::Triad).ok());
  ASSERT_TRUE(set_comment_visibility(*lib, c->uuid, nqt, Visibility::Triad).ok());
  EXPECT_EQ(list_visible_comments(*lib, own_lesson, alex)->size(), 2u);
}

TEST_F(WorkflowStore, LearningDetectiveChildFrameworkApprovalAndNoStaffComments) {
  set(Protocol{});
  ASSERT_TRUE(comment(sam, seconds_us(3), "note", {"questioning"}).ok());
  auto staff_tag = comment(kid, seconds_us(4), "note", {"questioning"});
  ASSERT_FALSE(staff_tag.ok());
  auto d = comment(kid, seconds_us(4), "note", {"listening"});
  ASSERT_TRUE(d.ok()) << d.error().message;

  auto kid_sees = list_visible_comments(*lib, session, kid);
  ASSERT_EQ(kid_sees->size(), 1u);
  EXPECT_EQ((*kid_sees)[0].author_id, kid);
  EXPECT_EQ(list_visible_comments(*lib, session, jo)->size(), 1u);   // not yet approved
  EXPECT_EQ(list_visible_comments(*lib, session, pat)->size(), 2u);  // the facilitator reviews it

  EXPECT_FALSE(approve_detective_comment(*lib, d->uuid, jo).ok());
  auto staff_comment = list_visible_comments(*lib, session, sam)->front();
  EXPECT_FALSE(approve_detective_comment(*lib, staff_comment.uuid, pat).ok());
  ASSERT_TRUE(approve_detective_comment(*lib, d->uuid, pat).ok());
  EXPECT_EQ(list_visible_comments(*lib, session, jo)->size(), 2u);
  EXPECT_EQ(list_visible_comments(*lib, session, kid)->size(), 1u);  // still no staff comments
}

TEST_F(WorkflowStore, RepliesThreadUnderVisibleCommentsOnly) {
  set(Protocol{});
  auto c = comment(sam, seconds_us(12), "try");
  ASSERT_TRUE(c.ok());
  auto r = add_reply(*lib, c->uuid, jo, "I'll try it next lesson", std::nullopt);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->parent_uuid, c->uuid);
  EXPECT_EQ(r->start_us, c->start_us);
  auto priv = comment(alex, seconds_us(50), "note", {}, Visibility::Private);
  ASSERT_TRUE(priv.ok());
  auto hidden = add_reply(*lib, priv->uuid, jo, "?", std::nullopt);
  ASSERT_FALSE(hidden.ok());
  EXPECT_NE(hidden.error().message.find("No comment with uuid"), std::string::npos);
  EXPECT_FALSE(add_reply(*lib, c->uuid, nobody, "drive-by", std::nullopt).ok());
  auto seen = list_visible_comments(*lib, session, sam);
  auto lines = thread_order(*seen);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].depth, 1);
}

TEST_F(WorkflowStore, ActionsCarriedIntoNextSessionOfTheCycleWithItsProtocol) {
  RowId l1 = new_session("Cycle lesson 1", "fractions-2026", 1);
  RowId l2 = new_session("Cycle lesson 2", "fractions-2026", 2);
  RowId l3 = new_session("Cycle lesson 3", "fractions-2026", 3);
  for (RowId s : {l1, l2, l3}) {
    add(s, jo, Role::Teacher);
    add(s, pat, Role::Facilitator);
  }
  Protocol p;
  p.focus_questions = {"Do pupils explain their reasoning?"};
  p.framework_code = "lesson-study";
  set(p, l1);

  Action a;
  a.session_id = l1;
  a.text = "Give thinking time before taking answers";
  a.owner_id = jo;
  a.created_by = pat;
  auto added = add_action(*lib, a);
  ASSERT_TRUE(added.ok()) << added.error().message;
  a.text = "  ";
  EXPECT_FALSE(add_action(*lib, a).ok());
  a.text = "x";
  a.created_by = nobody;
  EXPECT_FALSE(add_action(*lib, a).ok());

  auto eff2 = effective_protocol(*lib, l2);
  ASSERT_TRUE(eff2.ok()) << eff2.error().message;
  EXPECT_EQ(eff2->source_session_id, l1);
  EXPECT_EQ(eff2->protocol.framework_code, "lesson-study");
  EXPECT_EQ(eff2->protocol.focus_questions, p.focus_questions);
  ASSERT_EQ(eff2->carried_actions.size(), 1u);
  EXPECT_EQ(eff2->carried_actions[0].text, "Give thinking time before taking answers");
  EXPECT_TRUE(effective_protocol(*lib, l1)->carried_actions.empty());

  // Lesson 2 comments with the inherited Lesson Study framework and its pupil lanes.
  Comment c;
  c.session_id = l2;
  c.author_id = jo;
  c.kind = "note";
  c.text = "Pupil B explained";
  c.pupil = "Pupil B";
  c.tags = {"progress"};
  EXPECT_TRUE(add_checked_comment(*lib, c, std::nullopt).ok());
  c.pupil = "Pupil D";
  EXPECT_FALSE(add_checked_comment(*lib, c, std::nullopt).ok());

  ASSERT_TRUE(set_action_done(*lib, added->id, true, jo).ok());
  EXPECT_TRUE(effective_protocol(*lib, l3)->carried_actions.empty());
}

TEST_F(WorkflowStore, ReviewTimePerPersonCountsOverlapsOnce) {
  ASSERT_TRUE(lib->log_review_time(sam, session, 1'000'000, 600).ok());   // 10 min
  ASSERT_TRUE(lib->log_review_time(sam, session, 1'300'000, 600).ok());   // overlaps by 5 min
  ASSERT_TRUE(lib->log_review_time(alex, session, 5'000'000, 90).ok());
  auto t = review_time_by_person(*lib, session);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->at(sam), 900'000);
  EXPECT_EQ(t->at(alex), 90'000);
}

TEST_F(WorkflowStore, CommentOutsideParticipantsRefused) {
  auto r = comment(nobody, seconds_us(1));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not a participant"), std::string::npos);
}

TEST_F(WorkflowStore, ParticipantRemovedByFacilitatorKeepsTheirComments) {
  set(Protocol{});
  auto c = comment(sam, seconds_us(5), "try");
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_TRUE(submit_review(*lib, session, sam).ok());
  ASSERT_TRUE(lib->log_review_time(sam, session, 1000, 60).ok());
  const std::string before = *lib->dump();

  // Neither an observer nor a mentor may; nothing changes.
  for (RowId actor : {alex, sam, nobody}) {
    auto st = remove_participant(*lib, session, jo, actor);
    ASSERT_FALSE(st.ok()) << actor;
    EXPECT_NE(st.error().message.find("Only a facilitator or the observed teacher"), std::string::npos)
        << st.error().message;
  }
  EXPECT_EQ(*lib->dump(), before);

  ASSERT_TRUE(remove_participant(*lib, session, sam, pat).ok());
  EXPECT_FALSE(participant_role(*lib, session, sam)->has_value());
  EXPECT_EQ(list_participants(*lib, session)->size(), 4u);
  // The comment, the submission and the review time stay.
  auto kept = lib->find_comment_by_uuid(c->uuid);
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_FALSE((*kept)->deleted);
  EXPECT_EQ(review_time_by_person(*lib, session)->count(sam), 1u);
  EXPECT_EQ(list_visible_comments(*lib, session, sam)->size(), 1u);  // authors always see their own
  // Removed, Sam can no longer act in the session.
  EXPECT_FALSE(remove_participant(*lib, session, alex, sam).ok());
  auto again = remove_participant(*lib, session, sam, pat);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("Sam is not a participant"), std::string::npos) << again.error().message;
}

// Someone who wrote in the session under their name, or who signs, is never added back as a
// learning detective (whose work travels under a pseudonym): their earlier work would be
// re-signed under it and every other library would refuse the bundle. Nothing is written.
TEST_F(WorkflowStore, StaffRemovedAreNeverAddedBackAsLearningDetectives) {
  set(Protocol{});
  ASSERT_TRUE(comment(sam, seconds_us(5), "try").ok());
  ASSERT_TRUE(remove_participant(*lib, session, sam, pat).ok());
  const std::string before = *lib->dump();
  auto again = add_participant(*lib, session, sam, Role::LearningDetective);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message,
            "Sam has written in session " + std::to_string(session) +
                " under their name, so they cannot take part as a learning detective (who takes part under a pseudonym); "
                "add the pupil as a new person instead.");
  EXPECT_EQ(*lib->dump(), before);
  ASSERT_TRUE(add_participant(*lib, session, sam, Role::Observer).ok());  // back as staff is fine

  const RowId signer = person("Signing Pupil");
  ASSERT_TRUE(bind_person_key(*lib, signer, std::string(44, 'A'), 1).ok());
  auto keyed = add_participant(*lib, session, signer, Role::LearningDetective);
  ASSERT_FALSE(keyed.ok());
  EXPECT_NE(keyed.error().message.find("signs their work with a key of their own"), std::string::npos) << keyed.error().message;
  ASSERT_TRUE(add_participant(*lib, session, person("Detective 2"), Role::LearningDetective).ok());
}

TEST_F(WorkflowStore, RoleChangeByTeacherOrFacilitatorUnderTheRules) {
  auto changed = change_participant_role(*lib, session, alex, Role::Observer, jo);  // jo: the observed teacher
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(*participant_role(*lib, session, alex), Role::Observer);
  EXPECT_FALSE(change_participant_role(*lib, session, alex, Role::Mentor, sam).ok());
  EXPECT_EQ(*participant_role(*lib, session, alex), Role::Observer);
  // A pupil never becomes staff.
  EXPECT_FALSE(change_participant_role(*lib, session, kid, Role::Observer, pat).ok());
  // The last facilitator cannot stop being one while a learning detective takes part...
  auto last = change_participant_role(*lib, session, pat, Role::Observer, pat);
  ASSERT_FALSE(last.ok());
  EXPECT_NE(last.error().message.find("last facilitator"), std::string::npos) << last.error().message;
  // ...until another facilitator joins.
  ASSERT_TRUE(change_participant_role(*lib, session, alex, Role::Facilitator, pat).ok());
  EXPECT_TRUE(change_participant_role(*lib, session, pat, Role::Observer, alex).ok());
}

TEST_F(WorkflowStore, DetectiveWithUnapprovedCommentsStaysUntilApproved) {
  set(Protocol{});
  auto d = comment(kid, seconds_us(4), "note", {"listening"});
  ASSERT_TRUE(d.ok()) << d.error().message;
  // Removing them now would make the unapproved comment an outsider's, which staff see.
  auto st = remove_participant(*lib, session, kid, pat);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("approval"), std::string::npos) << st.error().message;
  EXPECT_EQ(list_visible_comments(*lib, session, jo)->size(), 0u);
  ASSERT_TRUE(approve_detective_comment(*lib, d->uuid, pat).ok());
  ASSERT_TRUE(remove_participant(*lib, session, kid, pat).ok());
  EXPECT_EQ(list_visible_comments(*lib, session, jo)->size(), 1u);
  // With no detectives left, the facilitator may go too.
  EXPECT_TRUE(remove_participant(*lib, session, pat, jo).ok());
}

TEST_F(WorkflowStore, DumpCarriesTheWorkflowTablesWithoutRowIds) {
  const std::string approved = fill_workflow_tables();
  auto dump = lib->dump();
  ASSERT_TRUE(dump.ok()) << dump.error().message;
  const std::string uuid = lib->get_session(session)->uuid;
  for (const std::string& want : std::vector<std::string>{"participant {\"person\":\"Pat\",\"role\":\"facilitator\",\"role_set_at_ms\":",
        std::string("protocol {\"blind_review\":true,"), std::string("\"focus_questions\":[\"Do pupils explain"),
        "submitted {\"person\":\"Sam\",\"session\":\"" + uuid + "\",\"submitted_at_ms\":",
        std::string("revealed {\"automatic\":false,\"by\":\"Pat\""),
        std::string("approved {\"approved_at_ms\":"), "\"comment\":\"" + approved + "\"",
        std::string("action {\"comment\":null,\"created_at_ms\":"), std::string("\"owner\":\"Jo\""),
        std::string("\"pupils\":[\"Pupil A\",\"Pupil B\",\"Pupil C\"]")})
    EXPECT_NE(dump->find(want), std::string::npos) << want << "\n" << *dump;
  // The protocol's edit is named by person (merges carry it), not by a row id.
  EXPECT_NE(dump->find("\"updated_by\":\""), std::string::npos);
  // Nothing keyed by a local row id or stamped with the import time.
  EXPECT_EQ(dump->find("added_at_ms"), std::string::npos);
  EXPECT_EQ(dump->find("\"id\""), std::string::npos);
  EXPECT_EQ(dump->find("session_id"), std::string::npos);
}

TEST_F(WorkflowStore, FrameworkPupilsAreOnFrameworkAndNamesAreRefused) {
  auto ls = lib->find_framework("lesson-study");
  ASSERT_TRUE(ls.ok() && ls->has_value());
  EXPECT_EQ((*ls)->pupils, (std::vector<std::string>{"Pupil A", "Pupil B", "Pupil C"}));
  Framework named = **ls;
  named.code = "lesson-study-named";
  named.pupils = {"Pupil A", "Jamie Smith"};
  auto refused = lib->add_framework(named);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("not a pupil code"), std::string::npos) << refused.error().message;
  EXPECT_FALSE(lib->find_framework("lesson-study-named")->has_value());
}
