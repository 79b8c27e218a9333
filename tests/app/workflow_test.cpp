// The workstation's workflow commands, headless: a triad session with a protocol
// (required stems, blind review), meeting mode with the agenda and replies, agreed
// actions, review time and exports from the window. A real library file and the
// fake player; the clip and report exports use a real generated video.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/workstation.hpp"
#include "base/uuid.hpp"
#include "core/framework.hpp"
#include "fake_media.hpp"
#include "store/workflow.hpp"

using namespace triad;
using app::Workstation;

namespace {

FrameworkDefinition shipped(const std::string& code) {
  std::ifstream in(std::filesystem::path(TRIAD_SOURCE_DIR) / "assets" / "frameworks" / (code + ".json"));
  std::stringstream ss;
  ss << in.rdbuf();
  auto def = framework_from_json(ss.str(), code);
  EXPECT_TRUE(def.ok()) << def.error().message;
  return *def;
}

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("triad-app-workflow-" + new_uuid());
    std::filesystem::create_directories(dir_);
    db_ = dir_ / "library.triad";
    video_ = (dir_ / "lesson.mp4").string();
    std::ofstream(video_) << "placeholder; the fake player does not read it";
    auto l = store::Library::open(db_);
    ASSERT_TRUE(l.ok()) << l.error().message;
    lib_.emplace(std::move(*l));
    for (const char* code : {"jpd-peer-observation", "learning-detectives"})
      ASSERT_TRUE(store::import_framework(*lib_, shipped(code)).ok()) << code;
    jo_ = person("Jo Williams");
    sam_ = person("Sam Patel");
    alex_ = person("Alex Morgan");
    pat_ = person("Pat Facilitator");
    kid_ = person("Detective 1");
    Session s;
    s.title = "Y8 Fractions";
    s.date = "2026-03-14";
    auto added = lib_->add_session(s);
    ASSERT_TRUE(added.ok());
    session_ = added->id;
    Recording r;
    r.session_id = session_;
    r.path = video_;
    r.fingerprint = "test-" + new_uuid();
    r.duration_us = seconds_us(600);
    ASSERT_TRUE(lib_->add_recording(r).ok());
    for (auto [p, role] : {std::pair{jo_, Role::Teacher}, {sam_, Role::Observer}, {alex_, Role::Mentor},
                           {pat_, Role::Facilitator}, {kid_, Role::LearningDetective}})
      ASSERT_TRUE(store::add_participant(*lib_, session_, p, role).ok());
  }
  void TearDown() override {
    ws_.reset();
    lib_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  RowId person(const char* name) {
    auto p = lib_->add_person(name);
    EXPECT_TRUE(p.ok());
    return p->id;
  }
  void protocol(bool blind, bool require_try) {
    Protocol p;
    p.session_id = session_;
    p.focus_questions = {"How long do we wait after a question?"};
    p.blind_review = blind;
    p.stems = {{"took-away", "I took away…", false}, {"try", "Why don't you try…", require_try},
               {"question", "Question", false}};
    p.retention_date = "2027-07-31";
    auto r = store::set_protocol(*lib_, p, pat_);
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  // Opens the session as someone (a fresh workstation, as starting triad-studio --as).
  void open_as(const std::string& who) {
    if (ws_) ws_->save_view_state();  // as quitting the studio does
    ws_.reset();
    ws_ = std::make_unique<Workstation>(*lib_, media_);
    ws_->set_wall_clock([this] { return wall_ms_; });
    run("as " + app::quote_word(who));
    run("session " + std::to_string(session_));
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
  std::vector<std::string> tag_codes() const {
    std::vector<std::string> out;
    for (const auto& t : ws_->tags()) out.push_back(t.code);
    return out;
  }
  bool sees_text(const std::string& text) const {
    for (const auto& c : ws_->comments())
      if (c.text == text) return true;
    return false;
  }

  std::filesystem::path dir_, db_;
  std::string video_;
  std::optional<store::Library> lib_;
  test::FakeMedia media_;
  std::unique_ptr<Workstation> ws_;
  std::int64_t wall_ms_ = 1'800'000'000'000;
  RowId jo_ = 0, sam_ = 0, alex_ = 0, pat_ = 0, kid_ = 0, session_ = 0;
};

}  // namespace

TEST_F(WorkflowTest, SessionInfoShowsProtocolAndParticipants) {
  protocol(true, true);
  open_as("Sam Patel");
  const auto& info = ws_->session_info();
  EXPECT_TRUE(info.triad);
  EXPECT_TRUE(info.protocol.blind_review);
  ASSERT_EQ(info.protocol.focus_questions.size(), 1u);
  EXPECT_EQ(info.protocol.retention_date.value_or(""), "2027-07-31");
  EXPECT_TRUE(info.has_required_stems());
  EXPECT_EQ(info.framework_name, "JPD peer observation");
  EXPECT_EQ(ws_->participants().size(), 5u);
  EXPECT_EQ(ws_->reviewer_role(), Role::Observer);
  EXPECT_EQ(info.review.pending.size(), 3u) << "teacher, observer, mentor (not the facilitator or the detective)";
}

TEST_F(WorkflowTest, ComposerOffersOnlyProtocolStemsAndRoleFramework) {
  protocol(false, false);
  open_as("Sam Patel");
  EXPECT_EQ(ws_->kinds(), (std::vector<std::string>{"took-away", "try", "question"}));
  EXPECT_EQ(ws_->stem_label("try"), "Why don't you try…");
  auto codes = tag_codes();
  EXPECT_NE(std::find(codes.begin(), codes.end(), "questioning"), codes.end());
  EXPECT_EQ(std::find(codes.begin(), codes.end(), "listening"), codes.end()) << "no detective tags for staff";
  run("compose");
  EXPECT_EQ(ws_->composer().kind, "") << "'note' is not a stem of this protocol";
  EXPECT_NE(fail("compose-kind strength").find("not one of this protocol's feedback stems"), std::string::npos);
  EXPECT_NE(fail("compose-tag listening").find("not a tag"), std::string::npos);
  run("compose-kind try");
  run("compose-tag 2");  // hotkey 2 = wait-time
  EXPECT_EQ(ws_->composer().tags, std::vector<std::string>{"wait-time"});
  run("compose-text \"A three-second pause\"");
  run("submit");
  ASSERT_EQ(ws_->comments().size(), 1u);
  EXPECT_EQ(ws_->comments()[0].kind, "try");
  // Edits stay within the protocol too.
  const std::string id = std::to_string(ws_->comments()[0].id);
  EXPECT_NE(fail("kind " + id + " strength").find("not one of this protocol's stems"), std::string::npos);
  EXPECT_NE(fail("retag " + id + " listening").find("not in the framework"), std::string::npos);
  run("retag " + id + " Questioning");
  EXPECT_EQ(ws_->comments()[0].tags, std::vector<std::string>{"questioning"});

  // A learning detective gets only the child-friendly framework, no staff comments, no export.
  open_as("Detective 1");
  codes = tag_codes();
  EXPECT_NE(std::find(codes.begin(), codes.end(), "listening"), codes.end());
  EXPECT_EQ(std::find(codes.begin(), codes.end(), "questioning"), codes.end());
  EXPECT_TRUE(ws_->comments().empty()) << "staff comments are not shown to a learning detective";
  EXPECT_FALSE(fail("export report " + (dir_ / "r.html").string()).empty());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "r.html"));
}

// The stems have keys: while writing a comment (the digits are text then), Alt+digit picks
// the protocol's n-th stem and Ctrl+digit toggles the tag on that digit; the window sends
// these chords as `key`, so a script's key does what the key does.
TEST_F(WorkflowTest, StemsAndTagsHaveKeysWhileWritingAComment) {
  protocol(false, false);
  open_as("Sam Patel");
  run("compose");
  run("key Alt+2");
  EXPECT_EQ(ws_->composer().kind, "try");
  run("key Alt+3");
  EXPECT_EQ(ws_->composer().kind, "question");
  EXPECT_NE(fail("key Alt+4").find("3 feedback stems"), std::string::npos);
  EXPECT_EQ(ws_->composer().kind, "question") << "a key past the stems changes nothing";
  run("key Ctrl+2");  // hotkey 2 = wait-time
  EXPECT_EQ(ws_->composer().tags, std::vector<std::string>{"wait-time"});
  run("key Ctrl+2");
  EXPECT_TRUE(ws_->composer().tags.empty()) << "Ctrl+digit toggles";
  run("compose-text \"Who answered first?\"");
  run("key Alt+1");
  run("submit");
  ASSERT_EQ(ws_->comments().size(), 1u);
  EXPECT_EQ(ws_->comments()[0].kind, "took-away");
}

TEST_F(WorkflowTest, RequiredStemRefusedWithReasonKeptInComposer) {
  protocol(false, true);
  open_as("Sam Patel");
  run("open " + video_);
  run("compose");
  run("compose-text \"Pupils paired up\"");
  const std::string why = fail("submit");
  EXPECT_NE(why.find("requires a feedback stem"), std::string::npos) << why;
  EXPECT_TRUE(ws_->composer().open) << "nothing typed is lost";
  EXPECT_EQ(ws_->composer().error, why) << "the reason is shown in the composer";
  EXPECT_TRUE(ws_->comments().empty());
  run("compose-kind took-away");
  EXPECT_TRUE(ws_->composer().error.empty());
  run("submit");
  EXPECT_EQ(ws_->comments().size(), 1u);
  // Submitting the review needs every required stem ("try" not used yet).
  const std::string refused = fail("submit-review");
  EXPECT_NE(refused.find("try"), std::string::npos) << refused;
}

TEST_F(WorkflowTest, BlindReviewHidesUntilReveal) {
  protocol(true, false);
  open_as("Sam Patel");
  run("comment took-away \"Sam's observation\" --at 10");
  open_as("Alex Morgan");
  run("comment try \"Alex's suggestion\" --at 12");
  EXPECT_TRUE(sees_text("Alex's suggestion"));
  EXPECT_FALSE(sees_text("Sam's observation")) << "blind: only own comments before the reveal";
  run("submit-review");
  EXPECT_TRUE(ws_->session_info().submitted(alex_));
  EXPECT_FALSE(sees_text("Sam's observation"));
  EXPECT_FALSE(fail("comment question \"one more\" --at 20").empty()) << "no comments after submitting, until reveal";
  // Only a facilitator reveals early.
  open_as("Sam Patel");
  EXPECT_NE(fail("reveal").find("facilitator"), std::string::npos);
  open_as("Pat Facilitator");
  run("reveal");
  EXPECT_TRUE(ws_->session_info().review.reveal.has_value());
  open_as("Alex Morgan");
  EXPECT_TRUE(sees_text("Sam's observation")) << "revealed";
  EXPECT_TRUE(sees_text("Alex's suggestion"));
}

TEST_F(WorkflowTest, MeetingAgendaNavigationLoopsTheItem) {
  protocol(false, false);
  open_as("Sam Patel");
  run("open " + video_);
  run("comment took-away \"first\" --at 10");
  run("comment question \"far later\" --at 100");
  open_as("Alex Morgan");
  run("open " + video_);
  run("comment try \"close to the first\" --at 13");
  run("meeting on");
  ASSERT_TRUE(ws_->meeting().on);
  ASSERT_EQ(ws_->meeting().items.size(), 2u) << "10 s and 13 s group (window 5 s); 100 s is its own item";
  const auto& first = ws_->meeting().items[0];
  EXPECT_EQ(first.authors, (std::vector<RowId>{sam_, alex_})) << "who flagged it";
  run("next-item");
  EXPECT_EQ(ws_->meeting().current, 0);
  EXPECT_EQ(ws_->loop_a(), seconds_us(7)) << "3 s pre-roll";
  EXPECT_EQ(ws_->loop_b(), seconds_us(15)) << "2 s after the last comment";
  EXPECT_EQ(ws_->position(), seconds_us(7));
  run("play-item");
  EXPECT_TRUE(ws_->playing());
  media_.advance(seconds_us(9));  // past the loop end
  ws_->update();
  EXPECT_EQ(ws_->position(), seconds_us(7)) << "the loop wraps to the pre-roll";
  run("next-item");
  EXPECT_EQ(ws_->meeting().current, 1);
  EXPECT_EQ(ws_->loop_a(), seconds_us(97));
  EXPECT_EQ(ws_->loop_b(), seconds_us(102));
  run("next-item");
  EXPECT_EQ(ws_->meeting().current, 1) << "stays on the last item";
  run("prev-item");
  EXPECT_EQ(ws_->meeting().current, 0);
  EXPECT_FALSE(fail("item 9").empty());
  // Only shared moments, and a narrower window splits the first item.
  run("meeting shared on");
  EXPECT_EQ(ws_->meeting().items.size(), 1u);
  run("meeting shared off");
  run("meeting window 2");
  EXPECT_EQ(ws_->meeting().items.size(), 3u);
  run("meeting window 5");
  run("item 1");
  // Reopening goes on where the meeting was, with the item's loop.
  open_as("Alex Morgan");
  EXPECT_TRUE(ws_->meeting().on);
  EXPECT_EQ(ws_->meeting().current, 0);
  EXPECT_EQ(ws_->loop_a(), seconds_us(7));
  // The keys do the same.
  ASSERT_TRUE(ws_->press_key("Shift+N").ok());
  EXPECT_EQ(ws_->meeting().current, 1);
  ASSERT_TRUE(ws_->press_key("M").ok());
  EXPECT_FALSE(ws_->meeting().on);
  EXPECT_FALSE(ws_->loop_a()) << "leaving the meeting clears its loop";
}

TEST_F(WorkflowTest, ReplyAppearsThreadedUnderTheComment) {
  protocol(false, false);
  open_as("Alex Morgan");
  run("comment try \"Why don't you try a pause?\" --at 12");
  const std::string uuid = ws_->comments().at(0).uuid;
  const RowId id = ws_->comments().at(0).id;
  open_as("Jo Williams");
  run("meeting on");
  run("reply " + std::to_string(id) + " \"I'll try it next lesson\"");
  auto thread = ws_->thread_of(uuid);
  ASSERT_EQ(thread.size(), 1u);
  EXPECT_EQ(thread[0].first->text, "I'll try it next lesson");
  EXPECT_EQ(thread[0].first->author_id, jo_);
  EXPECT_EQ(thread[0].second, 1);
  ASSERT_EQ(ws_->meeting().items.size(), 1u) << "a reply is threaded, not a new agenda item";
  run("undo");
  EXPECT_TRUE(ws_->thread_of(uuid).empty()) << "a reply can be undone like a comment";
}

TEST_F(WorkflowTest, ActionsAgreedInTheMeeting) {
  protocol(false, false);
  open_as("Sam Patel");
  run("comment took-away \"moment\" --at 30");
  run("meeting on");
  run("next-item");
  run("action add \"Try a 3-second pause after questions\"");
  const auto& actions = ws_->session_info().actions;
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].owner_id, jo_) << "the observed teacher by default";
  EXPECT_EQ(actions[0].comment_uuid, ws_->comments().at(0).uuid) << "linked to the item under discussion";
  run("action done " + std::to_string(actions[0].id));
  EXPECT_TRUE(ws_->session_info().actions.at(0).done);
  open_as("Detective 1");
  EXPECT_FALSE(fail("action add \"not for pupils\"").empty());
}

TEST_F(WorkflowTest, ReviewTimeIsRecordedWhileTheSessionIsOpen) {
  protocol(false, false);
  open_as("Sam Patel");
  ws_->update();               // starts timing
  wall_ms_ += 61'500;          // over a minute: logged while still open
  ws_->update();
  EXPECT_EQ(ws_->review_ms(sam_), 61'500) << "stored whole seconds plus the half second still running";
  auto stored = store::review_time_by_person(*lib_, session_);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ((*stored)[sam_], 61'000);
  wall_ms_ += 29'000;
  ws_.reset();                 // closing the window logs the rest
  stored = store::review_time_by_person(*lib_, session_);
  EXPECT_EQ((*stored)[sam_], 90'000);
  EXPECT_EQ(stored->count(alex_), 0u);
}

// ---- exports (a real video: the clip is cut and re-encoded) -----------------------------

class WorkflowExportTest : public WorkflowTest {
 protected:
  void SetUp() override {
    WorkflowTest::SetUp();
    if (std::system("ffmpeg -version >/dev/null 2>&1") != 0) GTEST_SKIP() << "the ffmpeg CLI is not installed";
    const std::string cmd = "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i "
                            "sine=frequency=440 -t 20 -c:v libx264 -preset ultrafast -c:a aac -shortest -f mp4 \"" +
                            video_ + "\"";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    protocol(false, false);
    open_as("Sam Patel");
    run("open " + video_);
    run("comment took-away \"Pupils paired up\" --at 6");
  }
  const app::ExportJob& job() {
    EXPECT_NE(ws_->export_job(), nullptr);
    return *ws_->export_job();
  }
};

TEST_F(WorkflowExportTest, ClipOfSelectedCommentWritesFile) {
  const auto out = dir_ / "moment.mp4";
  EXPECT_NE(fail("export clip " + out.string() + " --comment 999").find("No comment '999'"), std::string::npos);
  run("jump last");
  run("export clip " + out.string() + " 1 1");
  run("export wait");
  ASSERT_TRUE(job().done());
  ASSERT_TRUE(job().result().has_value());
  EXPECT_TRUE(*job().result()) << job().result()->error().message;
  EXPECT_DOUBLE_EQ(job().fraction(), 1.0);
  ASSERT_TRUE(std::filesystem::exists(out));
  EXPECT_GT(std::filesystem::file_size(out), 1000u);
  run("export dismiss");
  EXPECT_EQ(ws_->export_job(), nullptr);
}

TEST_F(WorkflowExportTest, ClipOfSeveralCommentsIsOneReel) {
  run("comment question \"Who answered?\" --at 15");
  ASSERT_EQ(ws_->comments().size(), 2u);
  const auto out = dir_ / "reel.mp4";
  const std::string a = std::to_string(ws_->comments()[0].id), b = std::to_string(ws_->comments()[1].id);
  const auto started = run("export clip " + out.string() + " 1 1 --comment " + a + " --comment " + b);
  EXPECT_NE(started.message.find("2 moments"), std::string::npos) << started.message;
  run("export wait");
  ASSERT_TRUE(job().result().has_value());
  EXPECT_TRUE(*job().result()) << job().result()->error().message;
  EXPECT_TRUE(std::filesystem::exists(out));
}

TEST_F(WorkflowExportTest, ClipExportCanBeCancelled) {
  const auto out = dir_ / "cancelled.mp4";
  run("jump last");
  run("export clip " + out.string() + " 5 14");
  EXPECT_FALSE(fail("export report " + (dir_ / "r.html").string()).empty()) << "one export at a time";
  run("export cancel");
  auto r = ws_->execute("export wait");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("cancelled"), std::string::npos) << r.error().message;
  EXPECT_FALSE(std::filesystem::exists(out)) << "nothing under the final name";
  for (const auto& e : std::filesystem::directory_iterator(dir_))
    EXPECT_EQ(e.path().filename().string().find("cancelled"), std::string::npos) << "temporary left: " << e.path();
}

TEST_F(WorkflowExportTest, ReportWritesHtmlInTheBackground) {
  const auto out = dir_ / "report.html";
  run("export report " + out.string());
  run("export wait");
  ASSERT_TRUE(job().result().has_value());
  EXPECT_TRUE(*job().result()) << job().result()->error().message;
  std::ifstream in(out);
  std::string html((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(html.find("Pupils paired up"), std::string::npos);
  EXPECT_NE(html.find("data:image/png;base64"), std::string::npos) << "a thumbnail of the moment";
}
