// Fixes found by use, checked in the real window (issue 13): the ? overlay names the tag
// on each of 1-9, "Submit my review" asks before it locks anything and says what it locks,
// and hovering a comment in the list shows its exact hh:mm:ss.mmm time and its whole text.
// Words are found on the screenshot with tesseract (positions from its TSV output), so the
// pointer goes where the button or row really is. A sound-only recording says so instead
// of "Loading the picture…". Runs under Xvfb; skips without a
// display, ffmpeg or tesseract.
#include <gtest/gtest.h>
#include <png.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "base/uuid.hpp"
#include "screenshot_util.hpp"
#include "core/protocol.hpp"
#include "store/library.hpp"
#include "store/shipped_frameworks.hpp"
#include "store/workflow.hpp"

using namespace triad;
using namespace triad::test;

namespace {

struct Point {
  int x = 0, y = 0;
};

// Where tesseract reads `word` (lower case, whole word) on the screenshot: the centre of
// the first box, or nothing.
std::optional<Point> find_word(const fs::path& shot, const fs::path& work_dir, const std::string& word) {
  Image img;
  if (!read_png(shot, img)) return std::nullopt;
  for (auto& b : img.rgb) b = static_cast<std::uint8_t>(255 - b);  // the dark theme reads badly as it is
  const fs::path inverted = work_dir / (shot.stem().string() + "-tsv.png");
  png_image out{};
  out.version = PNG_IMAGE_VERSION;
  out.width = static_cast<png_uint_32>(img.w);
  out.height = static_cast<png_uint_32>(img.h);
  out.format = PNG_FORMAT_RGB;
  if (!png_image_write_to_file(&out, inverted.c_str(), 0, img.rgb.data(), 0, nullptr)) return std::nullopt;
  const fs::path base = work_dir / (shot.stem().string() + "-words");
  if (run("tesseract \"" + inverted.string() + "\" \"" + base.string() + "\" tsv >/dev/null 2>&1") != 0)
    return std::nullopt;
  std::ifstream in(base.string() + ".tsv");
  std::string line;
  while (std::getline(in, line)) {
    // level page block par line word left top width height conf text
    std::istringstream row(line);
    std::string cells[12];
    for (auto& c : cells) std::getline(row, c, '\t');
    if (lower(cells[11]) != word) continue;
    try {
      return Point{std::stoi(cells[6]) + std::stoi(cells[8]) / 2, std::stoi(cells[7]) + std::stoi(cells[9]) / 2};
    } catch (const std::exception&) {
      continue;
    }
  }
  return std::nullopt;
}

class FixesScreenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = gui_unavailable(); !why.empty()) GTEST_SKIP() << why;
    if (run("tesseract --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "tesseract (OCR) is not installed";
    studio_ = fs::path(TRIAD_BINARY_DIR) / "src/studio/triad-studio";
    ASSERT_TRUE(fs::exists(studio_)) << studio_;
    dir_ = fs::temp_directory_path() / ("triad-gui-fixes-" + new_uuid());
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

  // A blind-review session with the default framework (JPD peer observation), Sam observing Jo, and one long comment of Sam's at 00:00:04.250.
  void make_library() {
    auto lib = store::Library::open(dir_ / "lib.triad");
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    const RowId jo = lib->add_person("Jo Williams")->id;
    const RowId sam = lib->add_person("Sam Patel")->id;
    Session s;
    s.title = "Y8 Fractions";
    s.date = "2026-03-14";
    auto added = lib->add_session(s);
    ASSERT_TRUE(added.ok());
    session_ = added->id;
    Recording r;
    r.session_id = session_;
    r.path = video_.string();
    r.fingerprint = "gui-" + new_uuid();
    r.duration_us = seconds_us(10);
    ASSERT_TRUE(lib->add_recording(r).ok());
    ASSERT_TRUE(store::add_participant(*lib, session_, jo, Role::Teacher).ok());
    // The store refuses a protocol whose framework is missing (the app's `protocol set`
    // imports the shipped one first); do that here.
    for (auto code : {kDefaultFramework, kDefaultDetectiveFramework}) ASSERT_TRUE(store::ensure_framework(*lib, code).ok());
    Protocol p;
    p.session_id = session_;
    p.blind_review = true;
    auto set = store::set_protocol(*lib, p, jo);
    ASSERT_TRUE(set.ok()) << set.error().message;
    ASSERT_TRUE(store::add_participant(*lib, session_, sam, Role::Observer).ok());
    Comment c;
    c.session_id = session_;
    c.author_id = sam;
    c.start_us = 4'250'000;
    c.kind = "note";
    c.text = "Pupils paired up straight after the question and the quieter pair at the back explained the method "
             "to each other before anyone was asked, which nobody saw from the front zebra";
    auto a = store::add_checked_comment(*lib, c, std::nullopt);
    ASSERT_TRUE(a.ok()) << a.error().message;
  }

  int studio(const std::string& script_text, const fs::path& shot) {
    return run_studio(studio_, dir_,
                      "--db \"" + (dir_ / "lib.triad").string() + "\" --session " + std::to_string(session_) +
                          " --as \"Sam Patel\"",
                      script_text, shot);
  }
  std::string log() { return studio_log(dir_); }
  std::string ocr(const fs::path& shot) {
    keep_screenshot(shot);
    std::string text = ocr_text(shot, dir_);
    EXPECT_FALSE(text.empty()) << "no text read from " << shot;
    return text;
  }

  fs::path studio_, dir_, video_;
  RowId session_ = 0;
};

TEST_F(FixesScreenshot, HelpOverlayNamesTheTagOnEachDigit) {
  const fs::path shot = dir_ / "help.png";
  ASSERT_EQ(studio("help\nwait 300\n", shot), 0) << log();
  const std::string text = ocr(shot);
  EXPECT_NE(text.find("tags on 1"), std::string::npos) << text;
  // The default protocol's framework (JPD peer observation): 2 is wait time, 9 behaviour.
  EXPECT_NE(text.find("2 wait time"), std::string::npos) << text;
  EXPECT_NE(text.find("9 behaviour"), std::string::npos) << text;
}

TEST_F(FixesScreenshot, SubmitMyReviewAsksAndSaysWhatItLocks) {
  const fs::path before = dir_ / "panel.png";
  ASSERT_EQ(studio("session-panel on\nwait 300\n", before), 0) << log();
  const auto submit = find_word(before, dir_, "submit");
  ASSERT_TRUE(submit) << "no 'Submit my review' button read on the session panel: " << ocr(before);

  const fs::path asked = dir_ / "asked.png";
  const std::string click = "mouse drag " + std::to_string(submit->x) + " " + std::to_string(submit->y) + " " +
                            std::to_string(submit->x) + " " + std::to_string(submit->y) + "\n";
  ASSERT_EQ(studio("session-panel on\nwait 300\n" + click + "wait 300\n", asked), 0) << log();
  const std::string text = ocr(asked);
  EXPECT_NE(text.find("submit your review"), std::string::npos) << text;
  EXPECT_NE(text.find("cannot add comments"), std::string::npos) << "says what it locks: " << text;
  EXPECT_NE(text.find("cannot be undone"), std::string::npos) << text;

  // Nothing was submitted by the click alone: the question is still open.
  auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok());
  auto review = store::review_state(*lib, session_);
  ASSERT_TRUE(review.ok());
  EXPECT_TRUE(review->submissions.empty()) << "submitted without confirmation";
}

// A stem clicked with the pointer takes the keyboard's focus from the text box; the
// composer gives it back, so Enter, pressed as a real key, saves the comment.
TEST_F(FixesScreenshot, EnterSavesTheCommentAfterAStemIsClicked) {
  const fs::path open = dir_ / "composer.png";
  ASSERT_EQ(studio("seek 00:00:07.000\nkey C\nwait 300\n", open), 0) << log();
  const auto stem = find_word(open, dir_, "took");
  ASSERT_TRUE(stem) << "no 'I took away...' stem read in the composer: " << ocr(open);

  const std::string click = "mouse drag " + std::to_string(stem->x) + " " + std::to_string(stem->y) + " " +
                            std::to_string(stem->x) + " " + std::to_string(stem->y) + "\n";
  const fs::path saved = dir_ / "saved.png";
  ASSERT_EQ(studio("seek 00:00:07.000\nkey C\nwait 300\n" + click + "wait 200\npress Enter\nwait 300\n", saved), 0)
      << log();
  keep_screenshot(saved);
  auto lib = store::Library::open(dir_ / "lib.triad", store::OpenMode::ReadOnly);
  ASSERT_TRUE(lib.ok());
  store::CommentFilter filter;
  filter.session_id = session_;
  auto comments = lib->list_comments(filter);
  ASSERT_TRUE(comments.ok());
  const Comment* added = nullptr;
  for (const auto& c : *comments)
    if (c.start_us == 7'000'000) added = &c;
  ASSERT_NE(added, nullptr) << "Enter after the stem's click saved nothing (" << comments->size() << " comments)";
  EXPECT_EQ(added->kind, "took-away");
  EXPECT_EQ(added->text.rfind("I took away", 0), 0u) << added->text;
}

TEST_F(FixesScreenshot, HoveringACommentShowsItsExactTimeAndWholeText) {
  const fs::path before = dir_ / "list.png";
  ASSERT_EQ(studio("wait 300\n", before), 0) << log();
  const auto row = find_word(before, dir_, "pupils");
  ASSERT_TRUE(row) << "the comment's row was not read in the list: " << ocr(before);
  const std::string text_before = ocr(before);
  EXPECT_EQ(text_before.find("zebra"), std::string::npos) << "the row itself is cut to its width";

  const fs::path hovered = dir_ / "hover.png";
  ASSERT_EQ(studio("mouse move " + std::to_string(row->x) + " " + std::to_string(row->y) + "\nwait 600\n", hovered),
            0)
      << log();
  // The tip alone (it opens below and right of the pointer, pushed left by the window's edge):
  // read with the picture and the transport around it, under load tesseract merged its time
  // with them and missed it.
  const std::string text = ocr(crop(hovered, std::max(0, row->x - 100), row->y + 10, 1600, row->y + 200));
  EXPECT_NE(text.find("00:00:04.250"), std::string::npos) << "hh:mm:ss.mmm on hover: " << text;
  EXPECT_NE(text.find("zebra"), std::string::npos) << "the whole text, wrapped, on hover: " << text;
}

TEST_F(FixesScreenshot, SoundOnlyRecordingSaysSoAndIsNotLoadingForever) {
  const fs::path sound = dir_ / "voice-recorder.m4a";
  ASSERT_EQ(run("ffmpeg -nostdin -v error -y -f lavfi -i sine=frequency=330:sample_rate=48000 -t 6 -c:a aac \"" +
                sound.string() + "\""),
            0);
  const fs::path shot = dir_ / "sound-only.png";
  ASSERT_EQ(run_studio(studio_, dir_,
                       "--db \"" + (dir_ / "lib.triad").string() + "\" --as \"Sam Patel\" \"" + sound.string() + "\"",
                       "play\nwait 1000\n", shot),
            0)
      << log();
  const std::string text = ocr(shot);
  EXPECT_NE(text.find("sound only"), std::string::npos) << text;
  EXPECT_EQ(text.find("loading the picture"), std::string::npos) << text;
  EXPECT_EQ(text.find("cannot be played"), std::string::npos) << text;
}

// A picture no decoder here can read (an AVI whose video codec tag is renamed to one nobody
// knows) with good sound: the window opens it and says there is no picture, instead
// of "Loading the picture…" for ever.
TEST_F(FixesScreenshot, UndecodablePictureSaysThereIsNoPicture) {
  const fs::path made = dir_ / "made.avi";
  ASSERT_EQ(run("ffmpeg -nostdin -v error -y -f lavfi -i testsrc=size=320x240:rate=25 -f lavfi -i "
                "sine=frequency=330:sample_rate=48000 -t 6 -c:v mpeg4 -c:a pcm_s16le \"" + made.string() + "\""),
            0);
  std::ifstream in(made, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  int renamed = 0;
  for (std::size_t at = bytes.find("FMP4"); at != std::string::npos; at = bytes.find("FMP4", at + 4), ++renamed)
    bytes.replace(at, 4, "ZQX9");  // the stream header's handler and the bitmap header's compression
  ASSERT_EQ(renamed, 2) << "ffmpeg wrote mpeg4 in AVI with another tag";
  const fs::path odd = dir_ / "odd-codec.avi";
  std::ofstream(odd, std::ios::binary) << bytes;

  const fs::path shot = dir_ / "undecodable.png";
  ASSERT_EQ(run_studio(studio_, dir_,
                       "--db \"" + (dir_ / "lib.triad").string() + "\" --as \"Sam Patel\" \"" + odd.string() + "\"",
                       "play\nwait 1000\n", shot),
            0)
      << log();
  const std::string text = ocr(shot);
  EXPECT_NE(text.find("no picture"), std::string::npos) << text;
  EXPECT_NE(text.find("decoded on this computer"), std::string::npos) << "says why: " << text;  // "cannot be" may end a line
  EXPECT_NE(text.find("zqx9"), std::string::npos) << "names the codec: " << text;
  EXPECT_EQ(text.find("sound only"), std::string::npos) << "not taken for a sound-only file: " << text;
  EXPECT_EQ(text.find("loading the picture"), std::string::npos) << text;
  EXPECT_EQ(text.find("cannot be played"), std::string::npos) << text;
}

}  // namespace
