// The workstation's command vocabulary, headless: a real library (temporary file,
// so restarts can be simulated) and a fake player.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/command.hpp"
#include "app/key_bindings.hpp"
#include "app/workstation.hpp"
#include "base/uuid.hpp"
#include "fake_media.hpp"

using namespace triad;
using app::Workstation;

namespace {

class WorkstationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("triad-app-test-" + new_uuid());
    std::filesystem::create_directories(dir_);
    db_ = dir_ / "library.triad";
    video_ = (dir_ / "lesson.mp4").string();
    std::ofstream(video_) << "not really a video; the fake player does not read it";
    restart();
  }
  void TearDown() override {
    ws_.reset();
    lib_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  // Closes and reopens everything, as quitting and starting triad-studio again would.
  void restart() {
    if (ws_) ws_->save_view_state();
    ws_.reset();
    lib_.reset();
    auto l = store::Library::open(db_);
    ASSERT_TRUE(l.ok()) << l.error().message;
    lib_.emplace(std::move(*l));
    media_ = test::FakeMedia{};
    ws_ = std::make_unique<Workstation>(*lib_, media_);
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

  std::filesystem::path dir_, db_;
  std::string video_;
  std::optional<store::Library> lib_;
  test::FakeMedia media_;
  std::unique_ptr<Workstation> ws_;
};

}  // namespace

TEST(Command_Parse, QuotesOptionsAndNegativeNumbers) {
  auto c = app::parse_command(R"(comment took-away "pupils \"paired\" up" --tag questioning --tag wait-time)");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->name, "comment");
  ASSERT_EQ(c->args.size(), 2u);
  EXPECT_EQ(c->args[1], "pupils \"paired\" up");
  EXPECT_EQ(c->all("tag"), (std::vector<std::string>{"questioning", "wait-time"}));
  auto s = app::parse_command("step -1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->args, std::vector<std::string>{"-1"});
  EXPECT_FALSE(app::parse_command("comment note \"unclosed").ok());
  EXPECT_FALSE(app::parse_command("   ").ok());
  auto q = app::parse_command("x " + app::quote_word("a \"b\" c\\"));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->args[0], "a \"b\" c\\");
}

TEST(KeyBindings_Normalise, ModifiersInFixedOrder) {
  EXPECT_EQ(app::KeyBindings::normalise("shift+ctrl+z"), "Ctrl+Shift+Z");
  EXPECT_EQ(app::KeyBindings::normalise("space"), "Space");
  EXPECT_EQ(app::KeyBindings::normalise("c"), "C");
  EXPECT_EQ(app::KeyBindings::normalise("Ctrl++"), "Ctrl++");
  app::KeyBindings k;
  EXPECT_EQ(k.command_for("ctrl+shift+z"), "redo");
  EXPECT_EQ(k.command_for("3"), "marker 3");
  EXPECT_EQ(k.command_for("q"), "");
}

TEST_F(WorkstationTest, OpenMakesSessionAndRemembersRecent) {
  run("open " + video_);
  ASSERT_TRUE(ws_->session());
  EXPECT_EQ(ws_->session()->title, "lesson");
  ASSERT_FALSE(ws_->recent_files().empty());
  EXPECT_EQ(ws_->recent_files().front(), video_);
  EXPECT_FALSE(ws_->tags().empty()) << "a session always has tags for keys 1-9";
  const RowId sid = ws_->session()->id;
  restart();
  run("open " + video_);
  EXPECT_EQ(ws_->session()->id, sid) << "reopening the same file finds its session";
  EXPECT_EQ(ws_->recent_files().size(), 1u);
}

TEST_F(WorkstationTest, UnplayableFileReportsReason) {
  media_.broken.insert(video_);
  std::string msg = fail("open " + video_);
  EXPECT_NE(msg.find("Triad can play"), std::string::npos);
  ASSERT_TRUE(ws_->media_error());
  EXPECT_EQ(ws_->media_error()->message, msg);
}

TEST_F(WorkstationTest, TransportSeekStepSpeed) {
  run("open " + video_);
  run("seek 00:01:02.5");
  EXPECT_EQ(ws_->position(), 62'480'000);  // snapped to the 40 ms frame grid by the fake
  run("step +1");
  EXPECT_EQ(ws_->position(), 62'520'000);
  run("step -1");
  run("step -1");
  EXPECT_EQ(ws_->position(), 62'440'000);
  run("seek -2");
  EXPECT_EQ(ws_->position(), 60'440'000);
  run("seek +10");
  EXPECT_EQ(ws_->position(), 70'440'000);
  run("seek -9999");
  EXPECT_EQ(ws_->position(), 0);
  auto o = run("play 500");
  EXPECT_TRUE(ws_->playing());
  EXPECT_EQ(o.wait_us, 500'000);
  run("faster");
  run("faster");
  EXPECT_EQ(ws_->speed_percent(), 150);
  EXPECT_EQ(media_.speed, 150);
  run("speed 0.25");
  run("slower");
  EXPECT_EQ(ws_->speed_percent(), 25) << "no slower than 0.25x";
  fail("speed 3");
  run("key Backspace");
  EXPECT_EQ(ws_->speed_percent(), 100);
  run("key Space");
  EXPECT_FALSE(ws_->playing());
}

TEST_F(WorkstationTest, ShuttleKeysJKL) {
  run("open " + video_);
  run("seek 20");
  // L: forward at 1x, then faster up to 2x, where it stays.
  EXPECT_EQ(run("key L").message, "Forward 1x");
  EXPECT_TRUE(media_.playing());
  EXPECT_EQ(media_.speed, 100);
  run("key L");
  EXPECT_EQ(ws_->speed_percent(), 150);
  run("key L");
  run("key L");
  EXPECT_EQ(ws_->speed_percent(), 200);
  EXPECT_EQ(media_.speed, 200);
  // J turns round: backwards at 1x, silent (the player's business), then 2x and 4x.
  EXPECT_EQ(run("key J").message, "Backwards 1x");
  EXPECT_FALSE(media_.playing());
  EXPECT_EQ(ws_->reverse_percent(), 100);
  EXPECT_TRUE(ws_->playing()) << "moving backwards counts as playing (the button shows pause)";
  run("key J");
  EXPECT_EQ(ws_->reverse_percent(), 200);
  run("key J");
  run("key J");
  EXPECT_EQ(ws_->reverse_percent(), 400);
  media_.advance(seconds_us(1));
  EXPECT_EQ(ws_->position(), seconds_us(16));
  // K stops where it is; the forward speed chosen with L is kept for Space.
  run("key K");
  EXPECT_FALSE(ws_->playing());
  EXPECT_EQ(ws_->reverse_percent(), 0);
  EXPECT_EQ(ws_->position(), seconds_us(16));
  run("key Space");
  EXPECT_TRUE(media_.playing());
  EXPECT_EQ(media_.speed, 200);
  // Space stops a reverse shuttle too; L from a stop starts at 1x again.
  run("key J");
  run("key Space");
  EXPECT_FALSE(ws_->playing());
  run("key L");
  EXPECT_EQ(ws_->speed_percent(), 100);
}

TEST_F(WorkstationTest, ShuttleBackStopsAtTheStart) {
  run("open " + video_);
  run("seek 2");
  run("shuttle back");
  run("shuttle back");
  media_.advance(seconds_us(5));
  EXPECT_EQ(ws_->position(), 0);
  EXPECT_FALSE(ws_->playing());
  EXPECT_EQ(run("key J").message, "At the start.");
  EXPECT_FALSE(ws_->playing());
  // Typing a comment stops a reverse shuttle and does not restart it afterwards.
  run("seek 10");
  run("key J");
  run("key C");
  EXPECT_FALSE(ws_->playing());
  run("cancel");
  EXPECT_FALSE(ws_->playing());
  fail("shuttle sideways");
}

TEST_F(WorkstationTest, MouseGestureIsForTheWindow) {
  auto o = run("mouse drag 1160 300 960 300");
  ASSERT_TRUE(o.pointer);
  EXPECT_EQ(o.pointer->kind, app::PointerGesture::Kind::Drag);
  EXPECT_FLOAT_EQ(o.pointer->x1, 960);
  EXPECT_TRUE(run("mouse double-click 5 6").pointer);
  fail("mouse drag 1 2");
}

TEST_F(WorkstationTest, ComposerStampsReactionLagPausesAndResumes) {
  run("open " + video_);
  run("seek 10");
  run("play");
  media_.advance(seconds_us(2));  // now at 12 s
  run("key C");
  EXPECT_FALSE(ws_->playing()) << "typing pauses playback";
  EXPECT_TRUE(ws_->composer().open);
  EXPECT_EQ(ws_->composer().start_us, seconds_us(11)) << "stamped at now - 1 s reaction lag";
  run("compose-kind took-away");
  run("compose-text \"pupils paired up after the question\"");
  run("compose-tag 1");
  ASSERT_FALSE(ws_->composer().tags.empty());
  run("submit");
  EXPECT_FALSE(ws_->composer().open);
  EXPECT_TRUE(ws_->playing()) << "Enter saves and resumes";
  ASSERT_EQ(ws_->comments().size(), 1u);
  const Comment& c = ws_->comments()[0];
  EXPECT_EQ(c.start_us, seconds_us(11));
  EXPECT_EQ(c.kind, "took-away");
  EXPECT_EQ(c.tags.size(), 1u);
  EXPECT_EQ(c.author_id, ws_->reviewer()->id);
}

TEST_F(WorkstationTest, ReactionLagAndRewindAreSettings) {
  run("open " + video_);
  EXPECT_EQ(run("set reaction-lag 2.5").message, "reaction-lag set to 2.5 s.");
  EXPECT_EQ(run("set rewind 3").message, "rewind set to 3 s.");
  restart();
  EXPECT_EQ(ws_->settings().reaction_lag_us, 2'500'000);
  run("open " + video_);
  run("seek 20");
  run("play");
  run("compose");
  EXPECT_EQ(ws_->composer().start_us, 17'500'000);
  run("compose-text hello");
  run("submit");
  EXPECT_EQ(ws_->position(), seconds_us(17)) << "resumes 3 s earlier";
  EXPECT_TRUE(ws_->playing());
  fail("set reaction-lag 99");
}

TEST_F(WorkstationTest, MarkerHotkeyDoesNotPause) {
  run("open " + video_);
  run("seek 30");
  run("play");
  run("key 2");
  EXPECT_TRUE(ws_->playing());
  ASSERT_EQ(ws_->comments().size(), 1u);
  const Tag* t2 = nullptr;
  for (const auto& t : ws_->tags())
    if (t.hotkey == "2") t2 = &t;
  ASSERT_NE(t2, nullptr);
  EXPECT_EQ(ws_->comments()[0].tags, std::vector<std::string>{t2->code});
  EXPECT_EQ(ws_->comments()[0].start_us, seconds_us(29));
  EXPECT_NE(fail("marker 0").find("hotkey"), std::string::npos);
}

TEST_F(WorkstationTest, IntervalInOut) {
  run("open " + video_);
  run("seek 41");
  run("key I");
  run("seek 50");
  run("key O");
  ASSERT_TRUE(ws_->composer().open);
  EXPECT_EQ(ws_->composer().start_us, seconds_us(41)) << "paused: I marks the frame shown, no reaction lag";
  EXPECT_EQ(ws_->composer().end_us, seconds_us(50));
  run("compose-text \"long wait time\"");
  run("submit");
  ASSERT_EQ(ws_->comments().size(), 1u);
  EXPECT_EQ(ws_->comments()[0].end_us, seconds_us(50));
  fail("out");
}

TEST_F(WorkstationTest, EditRetagRetimeDeleteWithUndoThatSurvivesRestart) {
  run("open " + video_);
  run("seek 5");
  run("comment took-away \"first version\" --at 4");
  ASSERT_EQ(ws_->comments().size(), 1u);
  const std::string id = std::to_string(ws_->comments()[0].id);
  run("edit " + id + " \"second version\"");
  EXPECT_EQ(ws_->comments()[0].text, "second version");
  run("seek 8");
  run("retime " + id);
  EXPECT_EQ(ws_->comments()[0].start_us, seconds_us(8));
  std::string code = ws_->tags().at(0).code;
  run("retag " + id + " " + code);
  EXPECT_EQ(ws_->comments()[0].tags, std::vector<std::string>{code});
  run("delete " + id);
  EXPECT_TRUE(ws_->comments().empty());
  EXPECT_EQ(ws_->undo_label().value_or(""), "Delete comment");

  restart();
  run("open " + video_);
  EXPECT_TRUE(ws_->comments().empty());
  run("key Ctrl+Z");  // undo delete
  ASSERT_EQ(ws_->comments().size(), 1u);
  EXPECT_EQ(ws_->comments()[0].text, "second version");
  run("undo");  // retag
  EXPECT_TRUE(ws_->comments()[0].tags.empty());
  run("undo");  // retime
  EXPECT_EQ(ws_->comments()[0].start_us, seconds_us(4));
  run("undo");  // edit
  EXPECT_EQ(ws_->comments()[0].text, "first version");
  run("undo");  // add
  EXPECT_TRUE(ws_->comments().empty());
  EXPECT_EQ(run("undo").message, "Nothing to undo.");
  restart();
  run("open " + video_);
  run("key Ctrl+Shift+Z");
  ASSERT_EQ(ws_->comments().size(), 1u);
  EXPECT_EQ(ws_->comments()[0].text, "first version");
  run("redo");
  EXPECT_EQ(ws_->comments()[0].text, "second version");
  // A new action after undo drops the redo side.
  run("undo");
  run("edit " + id + " \"third\"");
  EXPECT_EQ(run("redo").message, "Nothing to redo.");
}

TEST_F(WorkstationTest, FiltersAndNextPrevious) {
  run("open " + video_);
  run("comment took-away \"alpha questioning\" --at 10");
  run("comment try \"beta\" --at 20");
  run("comment note \"gamma\" --at 30");
  EXPECT_EQ(ws_->visible_comments().size(), 3u);
  run("filter kind try");
  ASSERT_EQ(ws_->visible_comments().size(), 1u);
  EXPECT_EQ(ws_->visible_comments()[0]->text, "beta");
  run("filter clear");
  run("filter text QUESTION");
  EXPECT_EQ(ws_->visible_comments().size(), 1u);
  run("filter clear");
  run("seek 0");
  run("key N");
  EXPECT_EQ(ws_->position(), seconds_us(10));
  run("key N");
  EXPECT_EQ(ws_->position(), seconds_us(20));
  run("key P");
  EXPECT_EQ(ws_->position(), seconds_us(10));
  run("filter kind note");
  restart();
  run("open " + video_);
  EXPECT_EQ(ws_->filters().kind, "note") << "filters are restored with the session";
  EXPECT_EQ(ws_->position(), seconds_us(10)) << "so is the playhead";
}

TEST_F(WorkstationTest, LoopWrapsPlayback) {
  run("open " + video_);
  run("seek 10");
  run("key A");
  run("seek 12");
  run("key B");
  run("play");
  media_.advance(seconds_us(3));
  ws_->update();
  EXPECT_EQ(ws_->position(), seconds_us(10));
  run("key Shift+L");
  EXPECT_FALSE(ws_->loop_a());
}

// The timeline panel's wheel zoom, Shift+wheel pan and right-drag send `view`; the
// workstation clamps it to the recording and pages along with the playhead while playing.
TEST_F(WorkstationTest, TimelineViewIsACommandThatFollowsThePlayhead) {
  run("open " + video_);  // the fake recording lasts 600 s
  run("view 30 20");
  EXPECT_EQ(ws_->timeline().start_us, seconds_us(30));
  EXPECT_EQ(ws_->timeline().span_us, seconds_us(20));
  run("view 0 all");
  EXPECT_EQ(ws_->timeline().span_us, 0) << "all = the whole recording";
  EXPECT_EQ(ws_->timeline().start_us, 0);
  run("view 100 1");
  EXPECT_EQ(ws_->timeline().span_us, seconds_us(5)) << "no closer than five seconds";
  run("view 9999 20");
  EXPECT_EQ(ws_->timeline().start_us, seconds_us(580)) << "the view ends at the recording's end";
  EXPECT_FALSE(ws_->execute("view").ok());
  EXPECT_FALSE(ws_->execute("view 10 -3").ok());
  EXPECT_FALSE(ws_->execute("view ten").ok());
  EXPECT_EQ(ws_->timeline().start_us, seconds_us(580)) << "a refused view changes nothing";

  run("view 30 20");
  run("seek 49");
  run("play");
  media_.advance(seconds_us(2));  // 51 s: past the view's end
  ws_->update();
  EXPECT_EQ(ws_->timeline().start_us, seconds_us(49)) << "a tenth of the span stays behind the playhead";
  EXPECT_EQ(ws_->timeline().span_us, seconds_us(20));
  run("pause");
  run("view 100 20");
  ws_->update();
  EXPECT_EQ(ws_->timeline().start_us, seconds_us(100)) << "paused, the view stays where it was put";
}

// "Set to current frame" in the composer sends compose-at.
TEST_F(WorkstationTest, ComposerTimeMovesByCommand) {
  run("open " + video_);
  run("seek 10");
  run("key C");
  ASSERT_TRUE(ws_->composer().open);
  run("seek 20");
  EXPECT_EQ(run("compose-at").message, "Commenting at 00:00:20.000") << "the status line follows the move";
  EXPECT_EQ(ws_->composer().start_us, seconds_us(20));
  run("compose-at 5");
  EXPECT_EQ(ws_->composer().start_us, seconds_us(5));
  EXPECT_FALSE(ws_->execute("compose-at -1").ok());
  EXPECT_FALSE(ws_->execute("compose-at 601").ok());
  EXPECT_EQ(ws_->composer().start_us, seconds_us(5));
  run("compose-text \"moved\"");
  run("submit");
  ASSERT_EQ(ws_->comments().size(), 1u);
  EXPECT_EQ(ws_->comments()[0].start_us, seconds_us(5));
  EXPECT_FALSE(ws_->execute("compose-at 3").ok()) << "no comment is being written";
}

TEST_F(WorkstationTest, KeyRemapPersists) {
  run("open " + video_);
  run("bind Q \"seek +30\"");
  run("unbind K");
  restart();
  run("open " + video_);
  run("key Q");
  EXPECT_EQ(ws_->position(), seconds_us(30));
  EXPECT_FALSE(ws_->execute("key K").ok());
  run("reset-keys");
  EXPECT_EQ(ws_->keys().command_for("K"), "toggle-play");
  EXPECT_FALSE(ws_->execute("bind X \"comment \\\"unclosed\"").ok()) << "a bad command is refused at bind time";
  EXPECT_FALSE(ws_->execute("bind X \"sek +30\"").ok()) << "so is a name that is not a command";
  EXPECT_FALSE(ws_->execute("bind X \"bind Y pause\"").ok()) << "and a key that rebinds keys";
}

TEST_F(WorkstationTest, ScreenshotAndUnknownCommands) {
  auto o = run("screenshot /tmp/x.png");
  EXPECT_EQ(o.screenshot.value_or(""), "/tmp/x.png");
  EXPECT_NE(fail("dance").find("not a Triad command"), std::string::npos);
  EXPECT_NE(fail("comment note hi").find("Open a recording"), std::string::npos);
}

TEST_F(WorkstationTest, ScrubPreviewsThenLandsExactly) {
  run("open " + video_);
  run("scrub 12.5");
  EXPECT_EQ(ws_->position(), 12'000'000) << "while dragging, the keyframe preview (not an exact seek)";
  run("scrub 13.7");
  EXPECT_EQ(ws_->position(), 13'000'000);
  run("scrub-end 14.02");
  EXPECT_EQ(media_.scrubbed, (std::vector<TimeUs>{12'500'000, 13'700'000}));
  EXPECT_EQ(media_.scrub_ended, (std::vector<TimeUs>{14'020'000}));
  EXPECT_EQ(ws_->position(), 14'000'000);  // exact on release (the fake's frame grid)
  fail("scrub soon");
}
