// The window around a session, as a new user meets it: the home screen listing the
// library's sessions (read back from the screenshot with tesseract OCR), the first
// launch asking who is reviewing (never the OS account), the "New session" form with
// its file browser, a comment written by the CLI appearing in an open window (live
// library), and a whole review journey scripted without the CLI. Runs under Xvfb;
// skips without a display, ffmpeg or tesseract.
#include <gtest/gtest.h>
#include <png.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "base/uuid.hpp"
#include "screenshot_util.hpp"
#include "store/library.hpp"
#include "store/workflow.hpp"

using namespace triad;
using namespace triad::test;

namespace {

class HomeScreenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = gui_unavailable(); !why.empty()) GTEST_SKIP() << why;
    if (run("tesseract --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "tesseract (OCR) is not installed";
    studio_ = fs::path(TRIAD_BINARY_DIR) / "src/studio/triad-studio";
    cli_ = fs::path(TRIAD_BINARY_DIR) / "src/cli/triad";
    ASSERT_TRUE(fs::exists(studio_)) << studio_;
    dir_ = fs::temp_directory_path() / ("triad-home-test-" + new_uuid());
    fs::create_directories(dir_);
    db_ = dir_ / "lib.triad";
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  // Runs triad-studio on the test library with a script; `extra`: more arguments.
  int studio(const std::string& script_text, const fs::path& shot, const std::string& extra) {
    return run_studio(studio_, dir_, "--db \"" + db_.string() + "\" " + extra, script_text, shot);
  }
  std::string log() { return studio_log(dir_); }
  void keep(const fs::path& shot) { keep_screenshot(shot); }
  std::string ocr(const fs::path& shot) {
    std::string text = ocr_text(shot, dir_);
    EXPECT_FALSE(text.empty()) << "no text read from " << shot;
    return text;
  }
  RowId add_session(store::Library& lib, const std::string& title, const std::string& date, const std::string& cls) {
    Session s;
    s.title = title;
    s.date = date;
    s.class_label = cls;
    auto a = lib.add_session(s);
    EXPECT_TRUE(a.ok());
    return a.ok() ? a->id : 0;
  }

  fs::path studio_, cli_, dir_, db_;
};

}  // namespace

TEST_F(HomeScreenshot, HomeListsTheLibrarysSessionsByTitle) {
  {
    auto lib = store::Library::open(db_);
    ASSERT_TRUE(lib.ok());
    add_session(*lib, "Fractions with Year Eight", "2026-03-14", "8B2");
    add_session(*lib, "Photosynthesis practical", "2026-02-02", "10S1");
    add_session(*lib, "Persuasive writing", "2026-01-20", "7E3");
  }
  const fs::path shot = dir_ / "home.png";
  ASSERT_EQ(studio("wait 200\n", shot, "--as Sam"), 0) << log();
  keep(shot);
  const std::string text = ocr(shot);
  for (const char* title : {"fractions with year eight", "photosynthesis practical", "persuasive writing"})
    EXPECT_NE(text.find(title), std::string::npos) << title << " not read from the home screen:\n" << text;
  EXPECT_NE(text.find("sam"), std::string::npos) << "reviewing as Sam:\n" << text;
  // Newest lesson first.
  EXPECT_LT(text.find("fractions with year eight"), text.find("persuasive writing")) << text;

  // The search narrows the list.
  const fs::path searched = dir_ / "home-search.png";
  ASSERT_EQ(studio("home-search photo\nwait 200\n", searched, "--as Sam"), 0) << log();
  keep(searched);
  const std::string found = ocr(searched);
  EXPECT_NE(found.find("photosynthesis practical"), std::string::npos) << found;
  EXPECT_EQ(found.find("persuasive writing"), std::string::npos) << found;
}

TEST_F(HomeScreenshot, FirstLaunchAsksWhoIsReviewingNeverTheOsAccount) {
  const fs::path shot = dir_ / "identity.png";
  ASSERT_EQ(studio("wait 200\n", shot, ""), 0) << log();
  keep(shot);
  const std::string text = ocr(shot);
  EXPECT_NE(text.find("who is reviewing"), std::string::npos) << text;
  auto lib = store::Library::open(db_, store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok());
  auto people = lib->list_people();
  ASSERT_TRUE(people.ok());
  EXPECT_TRUE(people->empty()) << "the window made a person (the OS account?) nobody chose: "
                               << (people->empty() ? "" : people->front().display_name);
  const char* user = std::getenv("USER");
  if (user && *user && std::string(user).size() > 2) {
    EXPECT_EQ(text.find("reviewing as: " + lower(user)), std::string::npos) << text;
  }

  // Choosing (adding) a person is remembered: the next start reviews as them, unasked.
  const fs::path second = dir_ / "identity-remembered.png";
  ASSERT_EQ(studio("person add \"Robin Hale\"\nwait 100\n", dir_ / "chosen.png", ""), 0) << log();
  ASSERT_EQ(studio("wait 200\n", second, ""), 0) << log();
  keep(second);
  const std::string again = ocr(second);
  EXPECT_EQ(again.find("who is reviewing?"), std::string::npos) << again;
  EXPECT_NE(again.find("robin hale"), std::string::npos) << again;

  // Chosen in the picker (as its buttons do), someone without a signing key is offered one;
  // made there, its fingerprint is shown.
  const fs::path offer = dir_ / "identity-key.png";
  ASSERT_EQ(studio("person add \"Kim Lee\" --offer-key\nwait 200\n", offer, ""), 0) << log();
  keep(offer);
  const std::string offered = ocr(offer);
  EXPECT_NE(offered.find("your signing key"), std::string::npos) << offered;
  EXPECT_NE(offered.find("make my key"), std::string::npos) << offered;
  const fs::path made = dir_ / "identity-key-made.png";
  ASSERT_EQ(studio("person add \"Kim Lee\" --offer-key\nidentity create\nwait 200\n", made, ""), 0) << log();
  keep(made);
  const std::string shown = ocr(made);
  EXPECT_NE(shown.find("compare aloud"), std::string::npos) << shown;
}

TEST_F(HomeScreenshot, NewSessionFormWithFileBrowser) {
  const fs::path video = dir_ / "lesson-recording.mp4";
  ASSERT_TRUE(make_barcode_video(video).empty());
  const fs::path shot = dir_ / "new-session.png";
  ASSERT_EQ(studio("new-session-form --recording \"" + video.string() + "\"\nbrowse \"" + dir_.string() +
                       "\"\nwait 200\n",
                   shot, "--as Sam"),
            0)
      << log();
  keep(shot);
  const std::string text = ocr(shot);
  EXPECT_NE(text.find("new session"), std::string::npos) << text;
  EXPECT_NE(text.find("create session"), std::string::npos) << text;
}

TEST_F(HomeScreenshot, CommentAddedByTheCliAppearsInTheOpenWindow) {
  const fs::path video = dir_ / "lesson.mp4";
  ASSERT_TRUE(make_barcode_video(video).empty());
  RowId session = 0;
  {
    auto lib = store::Library::open(db_);
    ASSERT_TRUE(lib.ok());
    session = add_session(*lib, "Live lesson", "2026-03-14", "8B2");
    Recording r;
    r.session_id = session;
    r.path = video.string();
    r.fingerprint = "tfp1:test";
    r.duration_us = seconds_us(10);
    ASSERT_TRUE(lib->add_recording(r).ok());
    ASSERT_TRUE(lib->attach_framework(session, lib->ensure_default_framework()->id).ok());
    ASSERT_TRUE(lib->add_person("Sam").ok());
  }
  const fs::path before = dir_ / "live-before.png", after = dir_ / "live-after.png";
  // The window shows the session, takes a first screenshot, then waits while the CLI writes.
  std::thread window([&] {
    studio("seek 2\nscreenshot " + before.string() + "\nwait 6000\n", after,
           "--session " + std::to_string(session) + " --as Sam");
  });
  for (int i = 0; i < 600 && !fs::exists(before); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(fs::exists(before)) << log();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string cli = "\"" + cli_.string() + "\" --db \"" + db_.string() + "\" --as Sam comment add --session " +
                          std::to_string(session) +
                          " --at 3 --kind note --text \"Quiet pupils answered first\" >>\"" +
                          (dir_ / "cli.log").string() + "\" 2>&1";
  EXPECT_EQ(run(cli), 0);
  window.join();
  keep(before);
  keep(after);
  EXPECT_EQ(ocr(before).find("quiet pupils"), std::string::npos) << "the comment was there before the CLI wrote it";
  const std::string text = ocr(after);
  EXPECT_NE(text.find("quiet pupils answered first"), std::string::npos) << "not in the open window's list:\n" << text;
}

// The whole first review in the window, from an empty library, without the CLI: who is
// reviewing, a new session with its recording, the triad, the protocol, a comment paused
// on a frame, and submitting the review.
TEST_F(HomeScreenshot, ScriptedJourneyFromEmptyLibraryToSubmittedReview) {
  const fs::path video = dir_ / "journey.mp4";
  ASSERT_TRUE(make_barcode_video(video).empty());
  const fs::path shot = dir_ / "journey.png";
  const std::string script =
      "person add \"Sam Patel\"\n"
      "new-session --title \"Journey lesson\" --date 2026-03-14 --class 8B2 --focus \"Wait time after questions\" "
      "--recording \"" + video.string() + "\"\n"
      // The protocol before the roster: once the session has its observed teacher, only she
      // (or a facilitator) may change how it is run.
      "protocol set --blind on --focus \"Wait time after questions\"\n"
      "participant add \"Sam Patel\" observer\n"
      "participant add \"Jo Williams\" teacher\n"
      "seek 00:00:03.000\n"
      "comment note \"Pupils waited three seconds before answering\"\n"
      "submit-review\n"
      "session-panel on\n"
      "wait 300\n";
  ASSERT_EQ(studio(script, shot, ""), 0) << log();
  keep(shot);

  auto lib = store::Library::open(db_, store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok());
  auto sessions = lib->list_sessions();
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 1u);
  const Session& s = sessions->front();
  EXPECT_EQ(s.title, "Journey lesson");
  auto recs = lib->recordings_for_session(s.id);
  ASSERT_TRUE(recs.ok());
  ASSERT_EQ(recs->size(), 1u);
  auto own = store::get_own_protocol(*lib, s.id);
  ASSERT_TRUE(own.ok() && *own);
  EXPECT_TRUE((*own)->blind_review);
  ASSERT_FALSE((*own)->focus_questions.empty());
  EXPECT_EQ((*own)->focus_questions[0], "Wait time after questions");
  auto parts = store::list_participants(*lib, s.id);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->size(), 2u);
  store::CommentFilter f;
  f.session_id = s.id;
  auto comments = lib->list_comments(f);
  ASSERT_TRUE(comments.ok());
  ASSERT_EQ(comments->size(), 1u);
  EXPECT_EQ((*comments)[0].start_us, 3'000'000) << "paused on a frame: stored at that frame";
  auto review = store::review_state(*lib, s.id);
  ASSERT_TRUE(review.ok());
  ASSERT_EQ(review->submissions.size(), 1u);
  auto sam = lib->find_person("Sam Patel");
  ASSERT_TRUE(sam.ok() && *sam);
  EXPECT_EQ(review->submissions[0].person_id, (*sam)->id);
  const std::string text = ocr(shot);
  EXPECT_NE(text.find("journey lesson"), std::string::npos) << text;
  // The Session panel's right column at 1600x900: the add row fits, its button's label whole.
  EXPECT_NE(text.find("add to the triad"), std::string::npos) << text;
}
