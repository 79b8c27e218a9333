// End-to-end through the real window: a triad session (protocol with a required stem,
// blind review, three reviewers and a facilitator) on the barcode video. Scripts open
// the session panel, try a comment without a stem, run meeting mode and export a clip;
// each run writes a screenshot the test reads (which frame is shown, where the panels
// are, the error colour) and the library is checked afterwards (review time, view
// state, the exported file). Runs under Xvfb; skips without a display or ffmpeg.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/uuid.hpp"
#include "core/framework.hpp"
#include "screenshot_util.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"

using namespace triad;
using namespace triad::test;

namespace {

constexpr int kVideoRow = 300;

FrameworkDefinition shipped(const std::string& code) {
  std::ifstream in(fs::path(TRIAD_SOURCE_DIR) / "assets" / "frameworks" / (code + ".json"));
  std::stringstream ss;
  ss << in.rdbuf();
  auto def = framework_from_json(ss.str(), code);
  EXPECT_TRUE(def.ok()) << def.error().message;
  return *def;
}

// Pixels within `tol` of a colour inside a rectangle.
int count_colour(const Image& img, int x0, int y0, int x1, int y1, std::array<int, 3> c, int tol) {
  int n = 0;
  for (int y = std::max(0, y0); y < std::min(img.h, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(img.w, x1); ++x) n += near(img.at(x, y), c, tol);
  return n;
}

class WorkflowScreenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = gui_unavailable(); !why.empty()) GTEST_SKIP() << why;
    studio_ = fs::path(TRIAD_BINARY_DIR) / "src/studio/triad-studio";
    ASSERT_TRUE(fs::exists(studio_)) << studio_;
    dir_ = fs::temp_directory_path() / ("triad-gui-workflow-" + new_uuid());
    fs::create_directories(dir_);
    video_ = dir_ / "barcode.mp4";
    const std::string failed = make_barcode_video(video_);
    ASSERT_TRUE(failed.empty()) << failed;
    make_library();
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  void make_library() {
    auto lib = store::Library::open(dir_ / "lib.triad");
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    for (const char* code : {"jpd-peer-observation", "learning-detectives"})
      ASSERT_TRUE(store::import_framework(*lib, shipped(code)).ok());
    auto person = [&](const char* name) { return lib->add_person(name)->id; };
    jo_ = person("Jo Williams");
    sam_ = person("Sam Patel");
    alex_ = person("Alex Morgan");
    pat_ = person("Pat Okafor");
    Session s;
    s.title = "Y8 Fractions";
    s.date = "2026-03-14";
    s.class_label = "8M2";
    s.subject = "Maths";
    auto added = lib->add_session(s);
    ASSERT_TRUE(added.ok());
    session_ = added->id;
    Recording r;
    r.session_id = session_;
    r.path = video_.string();
    r.fingerprint = "gui-" + new_uuid();
    r.duration_us = seconds_us(10);
    ASSERT_TRUE(lib->add_recording(r).ok());
    ASSERT_TRUE(store::add_participant(*lib, session_, jo_, Role::Teacher).ok());
    ASSERT_TRUE(store::add_participant(*lib, session_, sam_, Role::Observer).ok());
    ASSERT_TRUE(store::add_participant(*lib, session_, alex_, Role::Mentor).ok());
    ASSERT_TRUE(store::add_participant(*lib, session_, pat_, Role::Facilitator).ok());
    Protocol p;
    p.session_id = session_;
    p.focus_questions = {"How long do we wait after a question before taking answers?"};
    p.stems = {{"took-away", "I took away\u2026", false}, {"try", "Why don't you try\u2026", true},
               {"question", "Question", false}};
    p.blind_review = true;
    p.retention_date = "2027-07-31";
    auto set = store::set_protocol(*lib, p, pat_);
    ASSERT_TRUE(set.ok()) << set.error().message;
    auto comment = [&](RowId who, TimeUs at, const char* kind, const char* tag, const char* text) {
      Comment c;
      c.session_id = session_;
      c.author_id = who;
      c.start_us = at;
      c.kind = kind;
      c.tags = {tag};
      c.text = text;
      auto a = store::add_checked_comment(*lib, c, std::nullopt);
      EXPECT_TRUE(a.ok()) << a.error().message;
      return a.ok() ? a->uuid : std::string();
    };
    first_uuid_ = comment(sam_, seconds_us(4), "took-away", "questioning", "Pupils paired up straight after the question.");
    comment(alex_, millis_us(5500), "try", "wait-time", "Why don't you try a three-second pause before taking answers?");
    comment(alex_, seconds_us(9), "question", "assessment-for-learning", "How did you decide who to ask next?");
  }

  int studio(const std::string& script_text, const fs::path& shot, const std::string& as) {
    return run_studio(studio_, dir_,
                      "--db \"" + (dir_ / "lib.triad").string() + "\" --session " + std::to_string(session_) +
                          " --as \"" + as + "\"",
                      script_text, shot);
  }
  std::string log() { return studio_log(dir_); }
  void keep(const fs::path& shot) { keep_screenshot(shot); }
  nlohmann::json view_state() {
    auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
    EXPECT_TRUE(lib.ok());
    auto v = lib->get_setting("studio.session." + std::to_string(session_) + ".view");
    if (!v.ok() || !*v) return {};
    return nlohmann::json::parse(**v, nullptr, false);
  }

  fs::path studio_, dir_, video_;
  RowId jo_ = 0, sam_ = 0, alex_ = 0, pat_ = 0, session_ = 0;
  std::string first_uuid_;
};

}  // namespace

TEST_F(WorkflowScreenshot, SessionPanelShowsProtocolAndRecordsReviewTime) {
  const fs::path shot = dir_ / "session-panel.png";
  ASSERT_EQ(studio("seek 2\nsession-panel\nwait 1500\n", shot, "Sam Patel"), 0) << log();
  keep(shot);
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  // The panel covers the left of the video: the barcode cannot be read there, and the
  // panel's background (not the video's grey) fills it.
  EXPECT_EQ(read_barcode(img, kVideoRow), -1) << "the session panel is not over the video";
  EXPECT_LT(count_colour(img, 20, 200, 600, 400, {64, 64, 64}, 3), 2000) << "video grey where the panel should be";
  // "Submit my review" / "Reveal" buttons and the amber blind-review state in the bar.
  EXPECT_GT(count_colour(img, 700, 0, 1600, 38, {240, 196, 96}, 12), 30) << "blind review state not in the session bar";
  // The window was open on the session as Sam for more than a second: logged.
  auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok());
  auto times = store::review_time_by_person(*lib, session_);
  ASSERT_TRUE(times.ok());
  EXPECT_GE((*times)[sam_], 1000) << "review time was not recorded";
  EXPECT_EQ(times->count(alex_), 0u);
}

TEST_F(WorkflowScreenshot, ComposerRefusesMissingRequiredStemInTheWindow) {
  const fs::path shot = dir_ / "composer-refused.png";
  const int rc = studio("seek 3\ncompose\ncompose-tag 1\ncompose-text \"No stem chosen\"\nsubmit\n", shot, "Sam Patel");
  EXPECT_EQ(rc, 1) << "the refused line fails the script";
  EXPECT_NE(log().find("requires a feedback stem"), std::string::npos) << log();
  keep(shot);
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  // The reason, in the error colour, inside the composer (lower right column).
  EXPECT_GT(count_colour(img, 1160, 300, 1600, 670, {232, 120, 110}, 30), 150) << "no refusal shown in the composer";
  // Only the protocol's framework tags: tag 1 (Questioning, selected) is drawn at full colour.
  auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok());
  store::CommentFilter all;
  auto comments = lib->list_comments(all);
  ASSERT_TRUE(comments.ok());
  EXPECT_EQ(comments->size(), 3u) << "the refused comment was not stored";
}

TEST_F(WorkflowScreenshot, MeetingModeShowsAgendaAndLoopsTheItem) {
  // Reveal first (as the facilitator), so everyone's comments meet on the agenda.
  {
    auto lib = store::Library::open(dir_ / "lib.triad");
    ASSERT_TRUE(lib.ok());
    ASSERT_TRUE(store::reveal_reviews(*lib, session_, pat_).ok());
    ASSERT_TRUE(store::add_reply(*lib, first_uuid_, jo_, "Thank you - I will keep the pairs.", std::nullopt).ok());
  }
  const fs::path shot = dir_ / "meeting.png";
  const std::string script =
      "meeting on\n"
      "next-item\n"
      "action add \"Try a 3-second pause after questions\"\n"
      "wait 300\n";
  ASSERT_EQ(studio(script, shot, "Jo Williams"), 0) << log();
  keep(shot);
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  // Item 1 covers 4 s and 5.5 s; its loop starts 3 s before: frame 25 is shown.
  EXPECT_EQ(read_barcode(img, kVideoRow), 25);
  // The loop range is drawn on the timeline (teal wash) and the agenda replaced the list:
  // the current item's number is amber in the right column.
  EXPECT_GT(count_colour(img, 1160, 40, 1600, 200, {240, 196, 96}, 12), 10) << "no current agenda item";
  auto state = view_state();
  ASSERT_TRUE(state.is_object()) << "no view state saved";
  EXPECT_EQ(state.value("meeting", false), true);
  EXPECT_EQ(state.value("agenda_item", -1), 0);
  auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok());
  auto actions = store::list_actions(*lib, session_);
  ASSERT_TRUE(actions.ok());
  ASSERT_EQ(actions->size(), 1u);
  EXPECT_EQ(actions->at(0).owner_id, jo_);
  EXPECT_EQ(actions->at(0).comment_uuid.value_or(""), first_uuid_);
}

TEST_F(WorkflowScreenshot, ClipExportFromTheWindowShowsWhereItWent) {
  const fs::path clip = dir_ / "moment.mp4";
  const fs::path shot = dir_ / "export-done.png";
  const std::string script = "jump last\nexport clip \"" + clip.string() + "\" 1 1\nexport wait\nwait 200\n";
  ASSERT_EQ(studio(script, shot, "Sam Patel"), 0) << log();
  keep(shot);
  EXPECT_TRUE(fs::exists(clip));
  EXPECT_GT(fs::file_size(clip), 1000u);
  Image img;
  ASSERT_TRUE(read_png(shot, img));
  // The finished-export note (accent text) over the top right of the video.
  EXPECT_GT(count_colour(img, 600, 40, 1160, 160, {102, 170, 176}, 10), 40) << "no export note in the window";
}

TEST_F(WorkflowScreenshot, FacilitatorRevealsBlindReviewFromTheWindow) {
  const fs::path before = dir_ / "blind-before.png";
  ASSERT_EQ(studio("wait 200\n", before, "Pat Okafor"), 0) << log();
  const fs::path shot = dir_ / "revealed.png";
  ASSERT_EQ(studio("session-panel\nreveal\nsession-panel off\nwait 300\n", shot, "Pat Okafor"), 0) << log();
  keep(shot);
  Image a, b;
  ASSERT_TRUE(read_png(before, a));
  ASSERT_TRUE(read_png(shot, b));
  // Before: "Blind review · 0 of 3 submitted" in amber and no comment in the list (under
  // blind review even the facilitator sees none). After: the state is muted and the
  // three comments' tag dots are in the list.
  EXPECT_GT(count_colour(a, 700, 0, 1600, 38, {240, 196, 96}, 12), 30);
  EXPECT_EQ(count_colour(b, 700, 0, 1600, 38, {240, 196, 96}, 12), 0) << "still shown as blind";
  auto text_px = [](const Image& img) { return count_colour(img, 1170, 120, 1600, 420, {226, 229, 233}, 20); };
  EXPECT_LT(text_px(a) * 3, text_px(b)) << "the revealed comments are not listed";
  auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok());
  auto state = store::review_state(*lib, session_);
  ASSERT_TRUE(state.ok());
  ASSERT_TRUE(state->reveal.has_value());
  EXPECT_EQ(state->reveal->revealed_by, pat_);
}
