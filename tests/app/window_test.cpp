// The window around a session, headless: the home screen's cards, "New session" with
// a framework and focus, who is reviewing (never the OS account), the reaction lag
// only while playing, and the live library (another program's writes appear).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/command.hpp"
#include "app/session_setup.hpp"
#include "app/identity.hpp"
#include "app/workstation.hpp"
#include "base/uuid.hpp"
#include "fake_media.hpp"
#include "store/workflow.hpp"

using namespace triad;
using app::Workstation;

namespace {

class WindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("triad-window-test-" + new_uuid());
    std::filesystem::create_directories(dir_);
    db_ = dir_ / "library.triad";
    auto l = store::Library::open(db_);
    ASSERT_TRUE(l.ok()) << l.error().message;
    lib_.emplace(std::move(*l));
    start();
  }
  void TearDown() override {
    ws_.reset();
    lib_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  // A fresh window (as starting triad-studio again), asking who is reviewing.
  void start() {
    ws_.reset();
    ws_ = std::make_unique<Workstation>(*lib_, media_);
    ws_->set_owner_fallback(false);
  }
  app::Outcome run(const std::string& line) {
    auto r = ws_->execute(line);
    EXPECT_TRUE(r.ok()) << line << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : app::Outcome{};
  }
  std::string fail(const std::string& line) {
    auto r = ws_->execute(line);
    EXPECT_FALSE(r.ok()) << line << " should have failed";
    return r.ok() ? "" : r.error().message;
  }
  RowId add_session(const std::string& title, const std::string& date) {
    Session s;
    s.title = title;
    s.date = date;
    auto a = lib_->add_session(s);
    EXPECT_TRUE(a.ok());
    return a.ok() ? a->id : 0;
  }
  std::vector<std::string> shown_titles() const {
    std::vector<std::string> out;
    for (auto i : ws_->home().shown) out.push_back(ws_->home().cards[i].session.title);
    return out;
  }

  std::filesystem::path dir_, db_;
  std::optional<store::Library> lib_;
  test::FakeMedia media_;
  std::unique_ptr<Workstation> ws_;
};

}  // namespace

TEST_F(WindowTest, NobodyReviewsUntilChosenAndTheChoiceIsRemembered) {
  run("as");
  EXPECT_FALSE(ws_->reviewer()) << "the window never takes the OS account";
  EXPECT_TRUE(ws_->needs_identity());
  auto people = lib_->list_people();
  ASSERT_TRUE(people.ok());
  EXPECT_TRUE(people->empty()) << "no person was made from the OS account";
  const RowId s = add_session("Y8 Fractions", "2026-03-14");
  run("session " + std::to_string(s));
  EXPECT_FALSE(ws_->reviewer());
  EXPECT_NE(fail("comment note \"too early\"").find("who is reviewing"), std::string::npos);

  run("person add \"Sam Patel\"");
  ASSERT_TRUE(ws_->reviewer());
  EXPECT_EQ(ws_->reviewer()->display_name, "Sam Patel");
  EXPECT_FALSE(ws_->needs_identity());
  run("person add \"Alex Jones\"");
  run("as \"Sam Patel\"");

  start();  // next start: the last choice, without asking
  run("as");
  ASSERT_TRUE(ws_->reviewer());
  EXPECT_EQ(ws_->reviewer()->display_name, "Sam Patel");
}

// Choosing who you are in "Who is reviewing?" is where your signing key is made: offered
// once to someone without one here, with an optional passphrase, then its fingerprint.
TEST_F(WindowTest, ChoosingWhoYouAreOffersToMakeYourSigningKey) {
  run("person add \"Sam Patel\" --offer-key");
  ASSERT_TRUE(ws_->reviewer());
  EXPECT_TRUE(ws_->view().identity_key) << "a first choice offers the key";
  EXPECT_FALSE(ws_->sharing().has_key);
  run("identity create --passphrase \"blue kettle\"");
  EXPECT_TRUE(ws_->sharing().has_key);
  EXPECT_FALSE(ws_->sharing().key_fingerprint.empty()) << "shown to compare aloud";
  EXPECT_TRUE(ws_->view().identity_key) << "the step stays to show the fingerprint";
  auto key = app::identity_of(*lib_, ws_->reviewer()->id);
  ASSERT_TRUE(key.ok() && *key);
  EXPECT_TRUE((**key).secret_here);
  EXPECT_TRUE((**key).sealed) << "protected by the passphrase";
  EXPECT_EQ((**key).fingerprint, ws_->sharing().key_fingerprint);
  run("identity later");
  EXPECT_FALSE(ws_->view().identity_key);

  run("as \"Sam Patel\" --offer-key");
  EXPECT_FALSE(ws_->view().identity_key) << "someone with a key here is not asked again";
  run("person add \"Alex Jones\"");
  EXPECT_FALSE(ws_->view().identity_key) << "a script's choice (no --offer-key) asks nothing";
  run("as \"Alex Jones\" --offer-key");
  EXPECT_TRUE(ws_->view().identity_key);
  run("identity later");
  EXPECT_FALSE(ws_->view().identity_key);
  auto none = app::identity_of(*lib_, ws_->reviewer()->id);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none) << "'Later' makes no key";
}

TEST_F(WindowTest, HomeListsSessionsNewestFirstRecentOnTopAndSearches) {
  const RowId a = add_session("Y7 Shapes", "2026-01-10");
  add_session("Y9 Algebra", "2026-03-01");
  add_session("Y8 Fractions", "2026-02-14");
  run("person add Sam");
  Comment c;
  c.session_id = a;
  c.author_id = ws_->reviewer()->id;
  c.text = "Pupils paired up";
  ASSERT_TRUE(lib_->add_comment(c).ok());
  ws_->update();
  EXPECT_EQ(shown_titles(), (std::vector<std::string>{"Y9 Algebra", "Y8 Fractions", "Y7 Shapes"}));
  EXPECT_EQ(ws_->home().cards[2].comments_line(), "Sam 1");

  run("session " + std::to_string(a));  // opened: goes on top of the home list
  ws_->update();
  run("home");
  ws_->update();
  EXPECT_FALSE(ws_->session());
  EXPECT_EQ(shown_titles(), (std::vector<std::string>{"Y7 Shapes", "Y9 Algebra", "Y8 Fractions"}));
  EXPECT_TRUE(ws_->home().cards[0].recent);

  run("home-search \"fractions\"");
  EXPECT_EQ(shown_titles(), (std::vector<std::string>{"Y8 Fractions"}));
  run("home-search \"y9 ALG\"");
  EXPECT_EQ(shown_titles(), (std::vector<std::string>{"Y9 Algebra"}));
  run("home-search");
  EXPECT_EQ(shown_titles().size(), 3u);
}

TEST_F(WindowTest, HomeShowsBlindReviewStateAndOpenActions) {
  const RowId s = add_session("Y8 Fractions", "2026-03-14");
  auto jo = lib_->add_person("Jo"), sam = lib_->add_person("Sam"), alex = lib_->add_person("Alex");
  ASSERT_TRUE(jo.ok() && sam.ok() && alex.ok());
  ASSERT_TRUE(store::add_participant(*lib_, s, jo->id, Role::Teacher).ok());
  ASSERT_TRUE(store::add_participant(*lib_, s, sam->id, Role::Observer).ok());
  ASSERT_TRUE(store::add_participant(*lib_, s, alex->id, Role::Mentor).ok());
  app::ProtocolChange blind;
  blind.blind_review = true;
  auto set = app::change_protocol(*lib_, s, blind, jo->id);  // imports the default's shipped framework
  ASSERT_TRUE(set.ok()) << set.error().message;
  Comment c;
  c.session_id = s;
  c.author_id = sam->id;
  c.kind = "note";
  c.text = "Wait time was short";
  auto added = store::add_checked_comment(*lib_, c, std::nullopt);
  ASSERT_TRUE(added.ok()) << added.error().message;
  ASSERT_TRUE(store::submit_review(*lib_, s, sam->id).ok());
  Action act;
  act.session_id = s;
  act.text = "Try a 3 s pause";
  act.created_by = jo->id;
  ASSERT_TRUE(store::add_action(*lib_, act).ok());
  run("home");
  ASSERT_EQ(ws_->home().cards.size(), 1u);
  const auto& card = ws_->home().cards[0];
  EXPECT_EQ(card.review_state(), "1 of 3 submitted");
  EXPECT_EQ(card.open_actions, 1);
  EXPECT_EQ(card.comments_line(), "Sam 1");
}

TEST_F(WindowTest, NewSessionWithFrameworkAndFocusIsReadyForComments) {
  run("person add Sam");
  run("new-session --title \"Y8 Fractions\" --date 2026-03-14 --class 8B2 --focus \"Which pupils explain their "
      "reasoning?\" --framework lesson-study");
  ASSERT_TRUE(ws_->session());
  EXPECT_EQ(ws_->session()->title, "Y8 Fractions");
  EXPECT_EQ(ws_->session()->class_label, "8B2");
  auto own = store::get_own_protocol(*lib_, ws_->session()->id);
  ASSERT_TRUE(own.ok() && *own);
  EXPECT_EQ((*own)->framework_code, "lesson-study") << "the shipped framework was imported and chosen";
  ASSERT_EQ((*own)->focus_questions.size(), 1u);
  EXPECT_EQ((*own)->focus_questions[0], "Which pupils explain their reasoning?");
  EXPECT_EQ(ws_->session_info().protocol.framework_code, "lesson-study");
  fail("new-session --date 2026-03-14");
  EXPECT_NE(fail("new-session --title X --date 14/03/2026").find("calendar date"), std::string::npos);
}

TEST_F(WindowTest, ReactionLagAppliesOnlyWhilePlaying) {
  run("person add Sam");
  const std::string video = (dir_ / "lesson.mp4").string();
  std::ofstream(video) << "the fake player does not read it";
  run("open " + video);
  run("seek 00:02:40.000");
  run("comment note \"paused on the frame\"");
  ASSERT_EQ(ws_->comments().size(), 1u);
  EXPECT_EQ(ws_->comments()[0].start_us, 160'000'000) << "paused: the frame shown, no reaction lag";
  run("marker 1");
  EXPECT_EQ(ws_->comments().back().start_us, 160'000'000);
  run("play");
  media_.advance(seconds_us(5));
  run("comment note \"while playing\"");
  bool found = false;
  for (const auto& c : ws_->comments())
    if (c.text == "while playing") {
      found = true;
      EXPECT_EQ(c.start_us, 164'000'000) << "playing: now minus the 1 s reaction lag";
    }
  EXPECT_TRUE(found);
}

TEST_F(WindowTest, AnotherProgramsCommentAppearsKeepingComposerAndSelection) {
  run("person add Sam");
  const std::string video = (dir_ / "lesson.mp4").string();
  std::ofstream(video) << "the fake player does not read it";
  run("open " + video);
  run("comment note \"first\" --at 5");
  const RowId first = ws_->comments()[0].id;
  ws_->select_comment(first);
  run("seek 30");
  run("compose");
  run("compose-text \"half typed\"");
  ws_->update();
  const std::size_t before = ws_->comments().size();

  // Another program (the CLI, another window) writes through its own connection.
  auto other = store::Library::open(db_, store::OpenMode::ExistingOnly);
  ASSERT_TRUE(other.ok()) << other.error().message;
  Comment c;
  c.session_id = ws_->session()->id;
  c.author_id = ws_->reviewer()->id;
  c.start_us = seconds_us(12);
  c.text = "from the command line";
  ASSERT_TRUE(other->add_comment(c).ok());

  ws_->update();
  ASSERT_EQ(ws_->comments().size(), before + 1);
  bool found = false;
  for (const auto& x : ws_->comments()) found |= x.text == "from the command line";
  EXPECT_TRUE(found);
  EXPECT_EQ(ws_->selected_comment(), std::optional<RowId>(first));
  EXPECT_TRUE(ws_->composer().open);
  EXPECT_EQ(ws_->composer().text, "half typed");
  EXPECT_EQ(ws_->position(), seconds_us(30));

  // On the home screen a new session made elsewhere appears too.
  run("cancel");
  run("home");
  ws_->update();
  Session s;
  s.title = "Made by the CLI";
  ASSERT_TRUE(other->add_session(s).ok());
  ws_->update();
  bool listed = false;
  for (const auto& card : ws_->home().cards) listed |= card.session.title == "Made by the CLI";
  EXPECT_TRUE(listed);
}

TEST_F(WindowTest, SetupInTheWindowFollowsTheCliRules) {
  run("person add \"Sam Patel\"");
  run("new-session --title \"Y8 Fractions\"");
  run("participant add \"Sam Patel\" observer");
  // Once the session has participants, only its facilitator or observed teacher sets it up
  // (app/session_rules.hpp); a session without either lets staff add people, never themselves.
  run("as \"Sam Patel\"");
  run("participant add \"Jo Williams\" teacher");  // a new person is added to the library
  EXPECT_NE(fail("participant add \"Kim\" learning-detective").find("only its facilitator or observed teacher may"),
            std::string::npos);
  auto kim = lib_->find_person("Kim");  // the refused add leaves no person behind
  ASSERT_TRUE(kim.ok());
  EXPECT_FALSE(kim->has_value());
  EXPECT_NE(fail("protocol set --blind on").find("only its facilitator or observed teacher may"), std::string::npos);
  run("as \"Jo Williams\"");
  run("participant add \"Kim\" learning-detective");
  ASSERT_EQ(ws_->participants().size(), 3u);
  EXPECT_TRUE(ws_->session_info().triad);
  run("protocol set --blind on --focus \"Wait time\" --visibility private --retention 2027-07-31 --require try");
  const Protocol& p = ws_->session_info().protocol;
  EXPECT_TRUE(p.blind_review);
  ASSERT_EQ(p.focus_questions.size(), 1u);
  EXPECT_EQ(p.focus_questions[0], "Wait time");
  EXPECT_EQ(p.default_visibility, Visibility::Private);
  EXPECT_EQ(p.retention_date, std::optional<std::string>("2027-07-31"));
  ASSERT_NE(find_stem(p, "try"), nullptr);
  EXPECT_TRUE(find_stem(p, "try")->required);
  EXPECT_NE(fail("protocol set --require nonsense").find("nonsense"), std::string::npos);
  EXPECT_NE(fail("protocol set --blind maybe").find("on or off"), std::string::npos);
  // Roles change under the CLI's rules: an observer may not, the observed teacher may.
  run("as \"Sam Patel\"");
  EXPECT_NE(fail("participant role \"Jo Williams\" mentor").find("only its facilitator or observed teacher may"),
            std::string::npos);
  run("as \"Jo Williams\"");
  run("participant role \"Sam Patel\" mentor");
  EXPECT_EQ(ws_->participants()[0].role, Role::Mentor);
  // A learning detective may not add people.
  run("as Kim");
  EXPECT_NE(fail("participant add Alex observer").find("learning detective"), std::string::npos);
  run("as \"Jo Williams\"");
  run("participant remove Kim");
  EXPECT_EQ(ws_->participants().size(), 2u);
}

TEST_F(WindowTest, ShareAReflectionIsUndoable) {
  run("person add \"Sam Patel\"");
  const std::string video = (dir_ / "lesson.mp4").string();
  std::ofstream(video) << "the fake player does not read it";
  run("open " + video);
  run("compose");
  run("compose-visibility private");
  run("compose-text \"My own reflection\"");
  run("submit");
  ASSERT_EQ(ws_->comments().size(), 1u);
  const RowId id = ws_->comments()[0].id;
  EXPECT_EQ(ws_->comments()[0].visibility, Visibility::Private);
  run("share " + std::to_string(id) + " triad");
  EXPECT_EQ(ws_->comments()[0].visibility, Visibility::Triad);
  run("undo");
  EXPECT_EQ(ws_->comments()[0].visibility, Visibility::Private) << "sharing is undoable";
}

// Lesson analytics are reached by keys and commands like every other panel: Shift+A and
// Shift+G open the agreement and growth views (computed at once), T starts the talk
// analysis (here refused: the session has no recording), one window covers the video at a
// time (the session panel and the analytics close each other), Escape closes it.
TEST_F(WindowTest, AnalyticsViewsOpenByKeyAndCloseLikeOtherPanels) {
  auto sam = lib_->add_person("Sam Patel"), alex = lib_->add_person("Alex Morgan");
  ASSERT_TRUE(sam.ok() && alex.ok());
  const RowId s = add_session("Y8 Fractions", "2026-03-14");
  auto fw = lib_->ensure_default_framework();
  ASSERT_TRUE(fw.ok() && lib_->attach_framework(s, fw->id).ok());
  auto tagged = [&](RowId who, TimeUs start, TimeUs end) {
    Comment c;
    c.session_id = s;
    c.author_id = who;
    c.start_us = start;
    c.end_us = end;
    c.kind = "note";
    c.tags = {"questioning"};
    c.text = "questioning";
    ASSERT_TRUE(lib_->add_comment(c).ok());
  };
  tagged(sam->id, 0, seconds_us(6));
  tagged(alex->id, 0, seconds_us(4));
  tagged(alex->id, seconds_us(8), seconds_us(10));
  run("as \"Sam Patel\"");
  run("session " + std::to_string(s));
  const auto& an = ws_->analytics();
  EXPECT_FALSE(an.window_open());

  run("key Shift+A");
  ASSERT_TRUE(an.window_open());
  EXPECT_EQ(an.tab(), app::AnalyticsView::Tab::Agreement);
  ASSERT_TRUE(an.agreement());
  ASSERT_EQ(an.agreement()->pairs.size(), 1u);
  EXPECT_NEAR(an.agreement()->pairs[0].figures.kappa, 16.0 / 60.0, 1e-9);  // 11 one-second slices, by hand
  run("key Shift+A");
  EXPECT_FALSE(an.window_open()) << "the key toggles the view";

  run("key Shift+G");
  ASSERT_TRUE(an.window_open());
  EXPECT_EQ(an.tab(), app::AnalyticsView::Tab::Growth);
  EXPECT_NE(an.growth_note().find("not part of a cycle"), std::string::npos) << an.growth_note();

  run("session-panel");
  EXPECT_TRUE(ws_->view().session_panel);
  EXPECT_FALSE(an.window_open()) << "the session panel and the analytics both cover the video";
  run("analytics agreement");
  EXPECT_TRUE(an.window_open());
  EXPECT_FALSE(ws_->view().session_panel);
  run("escape");
  EXPECT_FALSE(an.window_open());

  // The talk analysis needs the session's recording; nothing runs, the view says why.
  EXPECT_FALSE(ws_->press_key("T").ok());
  EXPECT_FALSE(an.talk_running());
  EXPECT_FALSE(an.talk_error().empty());
  EXPECT_NE(fail("analyse wait").find(an.talk_error()), std::string::npos);
  EXPECT_NE(fail("analytics sideways").find("Usage: analytics"), std::string::npos);
}
