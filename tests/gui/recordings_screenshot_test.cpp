// The Recordings section lists every recording besides the clock, microphones too (issue 15):
// a camera and an audio-only lapel microphone, both hearing one made-up lesson (bursts of
// noise), the microphone starting 1.75 s into it. Each row has its name ("Microphone 1" when
// it has none), its role, where it starts and "Align by sound"; the rows must fit the
// Session panel at 1600x900 (tesseract reads both buttons whole). `align rID` aligns the
// microphone from the window; `camera-offset rID +10` nudges it. A recording is added and
// removed from the window; the timeline shows where each recording starts and ends. Runs
// under Xvfb; skips without a display, the ffmpeg CLI or tesseract.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <utility>
#include <filesystem>
#include <optional>
#include <string>

#include "base/uuid.hpp"
#include "screenshot_util.hpp"
#include "store/library.hpp"

using namespace triad;
using namespace triad::test;

namespace {

constexpr int kColumnX0 = 560, kColumnX1 = 1118;  // the Session panel's right column at 1600x900
constexpr double kMicS = 1.75;  // where the microphone's time 0 falls in the lesson

// How often `word` is read, spaces left out of both (tesseract reads "+10ms" or "+10 ms").
std::size_t count(const std::string& text, std::string word) {
  auto squash = [](std::string t) {
    std::erase_if(t, [](char c) { return c == ' ' || c == '_'; });
    return t;
  };
  const std::string t = squash(text);
  word = squash(word);
  std::size_t n = 0;
  for (auto at = t.find(word); at != std::string::npos; at = t.find(word, at + 1)) ++n;
  return n;
}

class RecordingsSection : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = gui_unavailable(); !why.empty()) GTEST_SKIP() << why;
    if (const std::string why = ocr_unavailable(); !why.empty()) GTEST_SKIP() << why;  // every test reads text
    studio_ = fs::path(TRIAD_BINARY_DIR) / "src/studio/triad-studio";
    triad_ = fs::path(TRIAD_BINARY_DIR) / "src/cli/triad";
    ASSERT_TRUE(fs::exists(studio_)) << studio_;
    dir_ = fs::temp_directory_path() / ("triad-recordings-test-" + new_uuid());
    fs::create_directories(dir_);
    const fs::path lesson = dir_ / "lesson.wav";
    ASSERT_EQ(run("ffmpeg -nostdin -v error -y -f lavfi -i \"anoisesrc=c=pink:r=48000:d=30:seed=31\" -af "
                  "\"volume='if(gt(random(0),0.6),1,0.03)':eval=frame\" \"" + lesson.string() + "\""),
              0);
    // The front camera hears the lesson from its start; the lapel microphone from 1.75 s, at
    // its own rate with its own hiss, and has no picture.
    ASSERT_EQ(run("ffmpeg -nostdin -v error -y -f lavfi -i \"" + barcode_filter(25) + "\" -i \"" + lesson.string() +
                  "\" -filter_complex \"[1:a]atrim=0:20,asetpts=PTS-STARTPTS,volume=0.6[a]\" -map 0:v -map \"[a]\" -t 20 "
                  "-c:v libx264 -preset ultrafast -g 50 -c:a aac \"" + (dir_ / "front.mp4").string() + "\""),
              0);
    char chain[400];
    std::snprintf(chain, sizeof chain,
                  "[0:a]atrim=%.3f:%.3f,asetpts=PTS-STARTPTS,aresample=44100,volume=0.8[s];"
                  "anoisesrc=c=white:seed=7:a=0.02:r=44100:d=15[n];[s][n]amix=inputs=2:duration=first:normalize=0[a]",
                  kMicS, kMicS + 15);
    ASSERT_EQ(run("ffmpeg -nostdin -v error -y -i \"" + lesson.string() + "\" -filter_complex \"" + chain +
                  "\" -map \"[a]\" -c:a aac \"" + (dir_ / "lapel.m4a").string() + "\""),
              0);
    ASSERT_EQ(run("ffmpeg -nostdin -v error -y -f lavfi -i \"" + barcode_filter(30) + "\" -t 12 -c:v libx264 -preset "
                  "ultrafast \"" + (dir_ / "table.mp4").string() + "\""),
              0);
    const std::string db = " --db \"" + (dir_ / "lib.triad").string() + "\" ";
    const std::string quiet = " >>\"" + (dir_ / "cli.log").string() + "\" 2>&1";
    auto cli = [&](const std::string& args) { return run("\"" + triad_.string() + "\"" + db + args + quiet); };
    ASSERT_EQ(cli("session create --title Mics --date 2026-12-01 --recording \"" + (dir_ / "front.mp4").string() + "\""), 0);
    ASSERT_EQ(cli("recording add --session 1 --label \"Pupil table\" \"" + (dir_ / "table.mp4").string() + "\""), 0);
    ASSERT_EQ(cli("recording add --session 1 --role microphone \"" + (dir_ / "lapel.m4a").string() + "\""), 0);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  // `expect`: the studio's exit code (1 when the script's last command is refused).
  void shoot(const std::string& script, const std::string& name, int expect = 0, int session = 1) {
    shot_ = dir_ / (name + ".png");
    const std::string env = "XDG_CACHE_HOME=\"" + (dir_ / "cache").string() + "\" ";
    ASSERT_EQ(run_studio(studio_, dir_, "--db \"" + (dir_ / "lib.triad").string() + "\" --as Tester --session " + std::to_string(session), script,
                         shot_, env),
              expect)
        << studio_log(dir_);
    keep_screenshot(shot_);
  }
  std::optional<Recording> recording(RowId id) {
    auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
    if (!lib) return std::nullopt;
    auto r = lib->get_recording(id);
    if (!r) return std::nullopt;
    return *r;
  }

  fs::path studio_, triad_, dir_, shot_;
};

// Both rows are listed with their names and roles, each with the whole "Align by sound"
// button, at 1600x900.
TEST_F(RecordingsSection, EveryRecordingBesidesTheClockHasARowThatFits) {
  shoot("session-panel on\nwait 300\n", "rows");
  // The Session panel's right column alone, where the Recordings section is.
  const std::string text = ocr_text(crop(shot_, kColumnX0, 100, kColumnX1, 560), dir_);
  EXPECT_NE(text.find("pupil table"), std::string::npos) << text;
  EXPECT_NE(text.find("microphone 1"), std::string::npos) << text;
  EXPECT_NE(text.find("(microphone)"), std::string::npos) << text;
  EXPECT_GE(count(text, "align by sound"), 2u) << "one whole button per row\n" << text;
  EXPECT_GE(count(text, "+10 ms"), 2u) << text;
}

// The microphone aligned from the window by its sound (within 10 ms), then nudged by 10 ms.
TEST_F(RecordingsSection, AMicrophoneIsAlignedAndNudgedFromTheWindow) {
  shoot("session-panel on\nalign r3\nalign wait\nwait 300\n", "mic-aligned");
  auto r = recording(3);
  ASSERT_TRUE(r);
  EXPECT_NEAR(static_cast<double>(r->sync_offset_us), kMicS * 1e6, 10'000);
  const std::string text = ocr_text(shot_, dir_);
  EXPECT_NE(text.find("microphone 1 is aligned by its sound"), std::string::npos) << text;
  const TimeUs aligned = r->sync_offset_us;
  shoot("camera-offset r3 +10\n", "mic-nudged");
  r = recording(3);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sync_offset_us, aligned + 10'000);
}

// "Add a camera or microphone…" in the window: the form lists the folder's recordings; a file
// added with its name and role is listed at once with "Align by sound" offered; a refusal is
// one sentence in the section; removing asks first, then removes.
TEST_F(RecordingsSection, ARecordingIsAddedAndRemovedFromTheWindow) {
  ASSERT_EQ(run("ffmpeg -nostdin -v error -y -f lavfi -i \"sine=f=500:r=16000:d=6\" -c:a aac \"" +
                (dir_ / "phone.m4a").string() + "\""),
            0);
  const std::string phone = "\"" + (dir_ / "phone.m4a").string() + "\"";
  shoot("session-panel on\nrecording-add\nbrowse \"" + dir_.string() + "\"\nwait 300\n", "add-form");
  std::string text = ocr_text(shot_, dir_);
  EXPECT_NE(text.find("choose its file"), std::string::npos) << text;
  EXPECT_NE(text.find("phone.m4a"), std::string::npos) << text;

  // A sound file is no camera: said in the window, nothing added.
  shoot("session-panel on\nrecording-add " + phone + " --role camera\n", "add-refused", 1);
  text = ocr_text(shot_, dir_);
  // (Not the file's name: tesseract reads "m4a" as "mda" now and then.)
  EXPECT_NE(text.find("has no picture, so it cannot be a camera"), std::string::npos) << text;
  EXPECT_FALSE(recording(4));

  shoot("session-panel on\nrecording-add " + phone + " --label \"Group phone\" --role microphone\nwait 300\n", "added");
  auto r = recording(4);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->label, "Group phone");
  EXPECT_EQ(r->role, RecordingRole::Microphone);
  text = ocr_text(shot_, dir_);
  EXPECT_NE(text.find("group phone is added at the start of the session"), std::string::npos) << text;
  EXPECT_GE(count(text, "align by sound"), 4u) << "three rows and the offer\n" << text;

  shoot("session-panel on\nrecording-remove r4\nwait 300\n", "remove-asked");
  text = ocr_text(shot_, dir_);
  EXPECT_NE(text.find("remove group phone from this session?"), std::string::npos) << text;
  EXPECT_TRUE(recording(4)) << "asking removes nothing";
  shoot("session-panel on\nrecording-remove r4 confirm\nwait 300\n", "removed");
  EXPECT_FALSE(recording(4));
  text = ocr_text(shot_, dir_);
  EXPECT_EQ(text.find("group phone"), std::string::npos) << text;
}

// A session made without any recording gets its first from the window: it becomes the
// session's clock and the window opens it at once (the picture, its length on the transport).
TEST_F(RecordingsSection, TheFirstRecordingOfAnEmptySessionIsAddedFromTheWindowAndOpens) {
  ASSERT_EQ(run("\"" + triad_.string() + "\" --db \"" + (dir_ / "lib.triad").string() +
                "\" session create --title Empty --date 2026-12-02 >/dev/null 2>&1"),
            0);  // session 2, no recording
  shoot("session-panel on\nrecording-add \"" + (dir_ / "front.mp4").string() + "\" --label Front\nwait 500\n", "first", 0, 2);
  auto r = recording(4);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->session_id, 2);
  EXPECT_EQ(r->label, "Front");
  EXPECT_EQ(r->sync_offset_us, 0);
  const std::string text = ocr_text(shot_, dir_);
  EXPECT_NE(text.find("front is added as the session clock"), std::string::npos) << text;
  EXPECT_NE(text.find("00:20"), std::string::npos) << "the transport shows the recording's length\n" << text;
  // The picture under the Session panel: the barcode's red edges (its first frame has no
  // white block), not an empty view.
  Image img;
  ASSERT_TRUE(read_png(shot_, img));
  int red = 0;
  for (int y = 530; y < 620; ++y)
    for (int x = 40; x < 1110; ++x) red += near(img.at(x, y), {255, 0, 0}, 60) ? 1 : 0;
  EXPECT_GT(red, 2000) << "no picture under the panel";
}

// Each recording's own sound is drawn in its timeline row, placed by its offset: the lapel
// microphone's bursts of noise over its bar (after `wait overview`, once its sound is read in
// the background), the bar's top and bottom edges left clear.
TEST_F(RecordingsSection, EachRecordingsRowShowsItsOwnSound) {
  shoot("camera-offset r3 1.75\nwait overview\n", "row-waves");
  Image img;
  ASSERT_TRUE(read_png(shot_, img));
  const std::array<int, 3> purple{168, 140, 212};  // the microphone's bar
  // The bar's rows: those of the timeline's lower part with a long purple run.
  int top = -1, bottom = -1, x0 = img.w, x1 = -1;
  for (int y = 700; y < img.h; ++y) {
    int n = 0, l = -1, r = -1;
    for (int x = 130; x < 1586; ++x)
      if (near(img.at(x, y), purple, 10)) {
        ++n;
        if (l < 0) l = x;
        r = x;
      }
    if (n < 200) continue;
    if (top < 0) top = y;
    bottom = y;
    x0 = std::min(x0, l);
    x1 = std::max(x1, r);
  }
  ASSERT_GE(top, 0) << "no microphone bar";
  ASSERT_GT(x1 - x0, 500);
  // Its middle row: the wave covers much of it (noise bursts 40 % of the time, faint hiss between).
  const int mid = (top + bottom) / 2;
  int covered = 0;
  for (int x = x0; x <= x1; ++x) covered += near(img.at(x, mid), purple, 10) ? 0 : 1;
  EXPECT_GT(covered, (x1 - x0) / 4) << "the microphone's row shows no sound (rows " << top << "-" << bottom << ")";
  // Its top edge stays the bar's colour all along.
  int edge = 0;
  for (int x = x0; x <= x1; ++x) edge += near(img.at(x, top), purple, 10) ? 1 : 0;
  EXPECT_GT(edge, (x1 - x0) * 9 / 10);
}

// The timeline's rows (one per recording with more than one): the lapel microphone placed
// 1.75 s late has its bar from 1.75 s to its end (15 s later) of the 20 s session, under the
// clock's grey bar and the table camera's (0 to 12 s).
TEST_F(RecordingsSection, TheTimelineShowsWhereALateMicrophoneStarts) {
  shoot("camera-offset r3 1.75\nwait 300\n", "extents");
  Image img;
  ASSERT_TRUE(read_png(shot_, img));
  constexpr double kTrackX0 = 130, kTrackX1 = 1586;  // the timeline's track at 1600x900
  // The widest run of `colour` on one row of the timeline's lower part: its x range.
  auto bar = [&](std::array<int, 3> colour) {
    int best_l = -1, best_r = -1;
    for (int y = 700; y < img.h; ++y) {
      int l = -1, r = -1;
      for (int x = static_cast<int>(kTrackX0); x < static_cast<int>(kTrackX1); ++x)
        if (near(img.at(x, y), colour, 10)) {
          if (l < 0) l = x;
          r = x;
        }
      if (l >= 0 && r - l > best_r - best_l) best_l = l, best_r = r;
    }
    return std::pair<double, double>((best_l - kTrackX0) / (kTrackX1 - kTrackX0), (best_r - kTrackX0) / (kTrackX1 - kTrackX0));
  };
  const auto mic = bar({168, 140, 212});
  EXPECT_NEAR(mic.first, kMicS / 20, 0.004) << "the microphone's bar starts at 1.75 s";
  EXPECT_NEAR(mic.second, (kMicS + 15) / 20, 0.006) << "and ends 15 s later";
  const auto table = bar({102, 170, 176});
  EXPECT_NEAR(table.first, 0, 0.004);
  EXPECT_NEAR(table.second, 12.0 / 20, 0.006);
  const auto clock = bar({120, 128, 138});
  EXPECT_NEAR(clock.first, 0, 0.004);
  EXPECT_NEAR(clock.second, 1, 0.006);
}

}  // namespace
