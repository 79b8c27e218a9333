// Sharing in the window (issue 13), through the real triad-studio under Xvfb: the Export
// panel offering every export and writing a signed bundle, the Import panel's summary of a
// bundle before anything is written (the library checked untouched afterwards) and the
// import on "Import", the retention note and the missing-recording note. Screens are read
// back with tesseract; the libraries with the store. The lesson is set up and shared with
// the `triad` CLI in another library, as a colleague would. Skips without a display,
// ffmpeg or tesseract.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/uuid.hpp"
#include "screenshot_util.hpp"
#include "store/library.hpp"

using namespace triad;
using namespace triad::test;

namespace {

class ShareScreenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = gui_unavailable(); !why.empty()) GTEST_SKIP() << why;
    if (run("tesseract --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "tesseract (OCR) is not installed";
    studio_ = fs::path(TRIAD_BINARY_DIR) / "src/studio/triad-studio";
    cli_ = fs::path(TRIAD_BINARY_DIR) / "src/cli/triad";
    ASSERT_TRUE(fs::exists(studio_)) << studio_;
    ASSERT_TRUE(fs::exists(cli_)) << cli_;
    dir_ = fs::temp_directory_path() / ("triad-share-gui-" + new_uuid());
    fs::create_directories(dir_);
    video_ = dir_ / "lesson.mp4";
    const std::string failed = make_barcode_video(video_);
    ASSERT_TRUE(failed.empty()) << failed;
    // Tom's library: the observed lesson, Ann's and Tom's comments, Tom's signing key.
    const std::string a = "--db \"" + (dir_ / "tom.triad").string() + "\" ";
    const std::string tom = a + "--as \"Tom Teacher\" ";
    for (const std::string& step :
         {a + "person add \"Tom Teacher\"", a + "person add \"Ann Observer\"",
          tom + "session create --title \"Y8 Fractions\" --date 2026-03-14 --teacher \"Tom Teacher\" --recording \"" +
              video_.string() + "\"",
          tom + "participant add --session 1 --person \"Tom Teacher\" --role teacher",
          tom + "participant add --session 1 --person \"Ann Observer\" --role observer",
          tom + "comment add --session 1 --at 3 --text \"I rushed the plenary\" --visibility triad",
          tom + "comment add --session 1 --at 7 --text \"Wait time felt short\" --visibility triad",
          tom + "identity create"})
      ASSERT_EQ(cli(step), 0) << step << "\n" << slurp(dir_ / "cli.log");
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  int cli(const std::string& args) {
    return run("\"" + cli_.string() + "\" " + args + " >>\"" + (dir_ / "cli.log").string() + "\" 2>&1");
  }
  int studio(const fs::path& db, const std::string& extra, const std::string& script, const fs::path& shot) {
    return run_studio(studio_, dir_, "--db \"" + db.string() + "\" " + extra, script, shot);
  }
  // The screenshot's text, lower case, read twice: as the other screenshot tests read it
  // (inverted), and cut to black and white first (the notes' warm background over the dark
  // video defeats tesseract's own thresholding, which reads the rest better).
  std::string ocr(const fs::path& shot) {
    keep_screenshot(shot);
    Image img;
    EXPECT_TRUE(read_png(shot, img)) << shot;
    for (std::size_t i = 0; i + 2 < img.rgb.size(); i += 3) {
      const int grey = (img.rgb[i] * 299 + img.rgb[i + 1] * 587 + img.rgb[i + 2] * 114) / 1000;
      const std::uint8_t v = 255 - grey >= 178 ? 255 : 0;
      img.rgb[i] = img.rgb[i + 1] = img.rgb[i + 2] = v;
    }
    const fs::path bw = dir_ / (shot.stem().string() + "-bw.png");
    png_image out{};
    out.version = PNG_IMAGE_VERSION;
    out.width = static_cast<png_uint_32>(img.w);
    out.height = static_cast<png_uint_32>(img.h);
    out.format = PNG_FORMAT_RGB;
    EXPECT_TRUE(png_image_write_to_file(&out, bw.c_str(), 0, img.rgb.data(), 0, nullptr));
    const fs::path base = dir_ / (shot.stem().string() + "-ocr");
    EXPECT_EQ(run("tesseract \"" + bw.string() + "\" \"" + base.string() + "\" >/dev/null 2>&1"), 0);
    std::string text = ocr_text(shot, dir_) + "\n" + lower(slurp(base.string() + ".txt"));
    EXPECT_FALSE(text.empty()) << "no text read from " << shot;
    return text;
  }
  static std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  fs::path studio_, cli_, dir_, video_;
};

TEST_F(ShareScreenshot, ExportPanelOffersEveryExportAndWritesABundle) {
  const fs::path panel = dir_ / "export-panel.png", written = dir_ / "export-written.png";
  const fs::path bundle = dir_ / "for-the-triad.triad-bundle";
  const std::string script = "export-panel on bundle-triad\nwait 300\nscreenshot \"" + panel.string() +
                             "\"\nexport bundle \"" + bundle.string() + "\" --for triad\nexport wait\nwait 300\n";
  ASSERT_EQ(studio(dir_ / "tom.triad", "--session 1 --as \"Tom Teacher\"", script, written), 0) << studio_log(dir_);
  const std::string text = ocr(panel);
  for (const char* want : {"feedback report", "clip around the selected comment", "comments as csv", "webvtt",
                           "srt", "elan", "bundle for the triad", "bundle for everyone", "save as",
                           "fractions for the triad"})
    EXPECT_NE(text.find(want), std::string::npos) << "'" << want << "' not on the Export panel:\n" << text;
  // The Export panel alone (it is centred, 780 px wide): around it, how far the thumbnails
  // and the sound have come varies with the machine's load and broke its lines up.
  const std::string after = ocr(crop(written, 400, 150, 1200, 760));
  EXPECT_NE(after.find("bundle is written"), std::string::npos) << after;
  ASSERT_TRUE(fs::exists(bundle)) << studio_log(dir_);
  const std::string b = slurp(bundle);
  EXPECT_NE(b.find("\"triad-bundle\""), std::string::npos);
  EXPECT_NE(b.find("I rushed the plenary"), std::string::npos);
}

TEST_F(ShareScreenshot, ImportSummarySaysWhatABundleAddsBeforeAnythingIsWritten) {
  const fs::path bundle = dir_ / "y8.triad-bundle";
  ASSERT_EQ(cli("--db \"" + (dir_ / "tom.triad").string() + "\" --as \"Tom Teacher\" bundle export --session 1 -o \"" +
                bundle.string() + "\""),
            0)
      << slurp(dir_ / "cli.log");
  const fs::path mine = dir_ / "sam.triad";
  ASSERT_EQ(cli("--db \"" + mine.string() + "\" person add \"Sam Mentor\""), 0);
  const fs::path summary = dir_ / "import-summary.png";
  ASSERT_EQ(studio(mine, "--as \"Sam Mentor\"", "import-panel on\nimport preview \"" + bundle.string() + "\"\nwait 300\n",
                   summary),
            0)
      << studio_log(dir_);
  const std::string text = ocr(summary);
  for (const char* want : {"nothing has been written yet", "add the session", "y8 fractions", "2 comments added",
                           "tom teacher", "ann observer", "import", "cancel"})
    EXPECT_NE(text.find(want), std::string::npos) << "'" << want << "' not in the import summary:\n" << text;
  {
    auto lib = store::Library::open(mine, store::OpenMode::ExistingOnly);
    ASSERT_TRUE(lib.ok()) << lib.error().message;
    EXPECT_TRUE(lib->list_sessions()->empty()) << "the summary wrote nothing";
    EXPECT_EQ(lib->list_people()->size(), 1u);
  }
  const fs::path imported = dir_ / "import-done.png";
  ASSERT_EQ(studio(mine, "--as \"Sam Mentor\"",
                   "import-panel on\nimport preview \"" + bundle.string() + "\"\nimport confirm\nwait 300\n", imported),
            0)
      << studio_log(dir_);
  const std::string done = ocr(imported);
  EXPECT_NE(done.find("imported"), std::string::npos) << done;
  auto lib = store::Library::open(mine, store::OpenMode::ExistingOnly);
  ASSERT_TRUE(lib.ok());
  auto sessions = lib->list_sessions();
  ASSERT_EQ(sessions->size(), 1u);
  EXPECT_EQ(sessions->front().title, "Y8 Fractions");
  store::CommentFilter all;
  EXPECT_EQ(*lib->count_comments(all), 2);
}

TEST_F(ShareScreenshot, RetentionAndMissingRecordingNotesOfferTheirActions) {
  const std::string tom = "--db \"" + (dir_ / "tom.triad").string() + "\" --as \"Tom Teacher\" ";
  ASSERT_EQ(cli(tom + "protocol set --session 1 --retention 2020-01-31"), 0) << slurp(dir_ / "cli.log");
  const fs::path due = dir_ / "retention.png";
  ASSERT_EQ(studio(dir_ / "tom.triad", "--session 1 --as \"Tom Teacher\"", "wait 300\n", due), 0) << studio_log(dir_);
  const std::string text = ocr(due);
  EXPECT_NE(text.find("retention date"), std::string::npos) << text;
  EXPECT_NE(text.find("delete the recording"), std::string::npos) << text;
  EXPECT_TRUE(fs::exists(video_)) << "nothing is deleted without asking";

  // Moved away: the session offers to find it.
  ASSERT_EQ(cli(tom + "protocol set --session 1 --retention none"), 0) << slurp(dir_ / "cli.log");
  fs::create_directories(dir_ / "usb");
  fs::rename(video_, dir_ / "usb" / "y8.mp4");
  const fs::path missing = dir_ / "missing.png";
  ASSERT_EQ(studio(dir_ / "tom.triad", "--session 1 --as \"Tom Teacher\"", "wait 300\n", missing), 0) << studio_log(dir_);
  const std::string gone = ocr(missing);
  EXPECT_NE(gone.find("not where it was last seen"), std::string::npos) << gone;
  EXPECT_NE(gone.find("find the recording"), std::string::npos) << gone;
  const fs::path found = dir_ / "relinked.png";
  ASSERT_EQ(studio(dir_ / "tom.triad", "--session 1 --as \"Tom Teacher\"",
                   "relink \"" + (dir_ / "usb").string() + "\"\nwait 500\n", found),
            0)
      << studio_log(dir_);
  const std::string back = ocr(found);
  EXPECT_EQ(back.find("not where it was last seen"), std::string::npos) << back;
  Image img;
  ASSERT_TRUE(read_png(found, img));
  EXPECT_GE(read_barcode(img, 300), 0) << "the picture is shown again";
}

// Re-keying from the window (issue 12): Ann's new laptop shares a comment signed with her new
// key, which Tom's library (holding her old key) refuses. Tom, the observed teacher, opens
// "Re-key…" on Ann's row of the Session panel, finds her bundle in the in-window file browser,
// reads both fingerprints to compare aloud, and binds the new key; the same bundle then imports.
TEST_F(ShareScreenshot, RekeyFromTheSessionPanelReadsTheRefusedBundleAndBinds) {
  const fs::path tom = dir_ / "tom.triad", ann2 = dir_ / "ann2.triad", drop = dir_ / "from-ann";
  fs::create_directories(drop);
  const fs::path setup = dir_ / "setup.triad-bundle", from_ann = drop / "ann-new-laptop.triad-bundle";
  const std::string t = "--db \"" + tom.string() + "\" --as \"Tom Teacher\" ";
  const std::string a = "--db \"" + ann2.string() + "\" --as \"Ann Observer\" ";
  for (const std::string& step :
       {t + "bundle export --session 1 -o \"" + setup.string() + "\"", "--db \"" + ann2.string() + "\" person add \"Ann Observer\"",
        a + "bundle import \"" + setup.string() + "\"", a + "identity create",
        a + "comment add --session 1 --at 5 --text \"Written on the new laptop\" --visibility triad",
        a + "bundle export --session 1 -o \"" + from_ann.string() + "\"",
        "--db \"" + tom.string() + "\" --as \"Ann Observer\" identity create"})
    ASSERT_EQ(cli(step), 0) << step << "\n" << slurp(dir_ / "cli.log");
  ASSERT_EQ(run("\"" + cli_.string() + "\" " + a + "--json identity show >\"" + (dir_ / "ann.json").string() + "\""), 0);
  const std::string ann = slurp(dir_ / "ann.json");
  const auto at = ann.find("\"fingerprint\":\"");
  ASSERT_NE(at, std::string::npos) << ann;
  const std::string fingerprint = ann.substr(at + 15, 35);  // six groups of five digits
  ASSERT_NE(cli(t + "bundle import \"" + from_ann.string() + "\""), 0) << "refused before the re-key";

  const fs::path row = dir_ / "rekey-row.png", browse = dir_ / "rekey-browse.png", compare = dir_ / "rekey-compare.png",
                 bound = dir_ / "rekey-bound.png";
  const std::string script = "session-panel on\nwait 400\nscreenshot \"" + row.string() +
                             "\"\nrekey \"Ann Observer\"\nbrowse \"" + drop.string() + "\" --show import\nwait 300\nscreenshot \"" +
                             browse.string() + "\"\nrekey \"Ann Observer\" --from \"" + from_ann.string() +
                             "\"\nwait 300\nscreenshot \"" + compare.string() + "\"\nrekey confirm\nwait 300\n";
  ASSERT_EQ(studio(tom, "--session 1 --as \"Tom Teacher\"", script, bound), 0) << studio_log(dir_);
  const std::string on_row = ocr(row);
  EXPECT_NE(on_row.find("re-key"), std::string::npos) << "no Re-key button on Ann's row:\n" << on_row;
  const std::string listed = ocr(crop(browse, 400, 100, 1200, 800));
  EXPECT_NE(listed.find("re-key ann observer"), std::string::npos) << listed;
  EXPECT_NE(listed.find("ann-new-laptop"), std::string::npos) << "the bundle is offered in the browser:\n" << listed;
  const std::string compared = ocr(crop(compare, 400, 100, 1200, 800));
  EXPECT_NE(compared.find("key here now"), std::string::npos) << compared;
  EXPECT_NE(compared.find("new key"), std::string::npos) << compared;
  EXPECT_NE(compared.find(fingerprint.substr(0, 11)), std::string::npos)
      << "the new fingerprint (" << fingerprint << ") to compare aloud:\n" << compared;
  EXPECT_NE(compared.find("read the new fingerprint aloud"), std::string::npos) << compared;
  const std::string done = ocr(crop(bound, 400, 100, 1200, 800));
  EXPECT_NE(done.find("is re-keyed"), std::string::npos) << done;

  ASSERT_EQ(cli(t + "bundle import \"" + from_ann.string() + "\""), 0) << slurp(dir_ / "cli.log");
  auto lib = store::Library::open(tom, store::OpenMode::ExistingOnly);
  ASSERT_TRUE(lib.ok());
  EXPECT_NE(lib->dump()->find("Written on the new laptop"), std::string::npos);
}

}  // namespace
