// SRT and ELAN files from the shared corpus, and XSD validation of our EAF with xmllint.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>

#include "exchange/eaf.hpp"
#include "exchange/srt.hpp"
#include "test_util.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;

TEST(Srt_Corpus, EveryFileGivesItsCues) {
  TRIAD_REQUIRE_CORPUS("formats/srt");
  fs::path dir = test::corpus_dir() / "formats/srt";
  struct Case {
    const char* file;
    std::size_t cues;
  };
  const Case cases[] = {
      {"mpv__sub.srt", 2},          {"mpv__sdh_all.srt", 1},         {"mpv__sdh_default.srt", 1},
      {"mpv__sdh_mismatch.srt", 1}, {"mpv__sdh_mixed.srt", 1},       {"gpac-testsuite__subtitle.srt", 5},
      {"pysrt__bom-utf-8.srt", 7},  {"pysrt__windows-1252.srt", 1332}, {"pysrt__no-indexes.srt", 7},
      {"pysrt__capability_tester.srt", 37},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    auto set = read_srt(test::slurp(dir / c.file), c.file);
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_EQ(set->comments.size(), c.cues);
  }
  auto bom = read_srt(test::slurp(dir / "pysrt__bom-utf-8.srt"), "bom");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->comments[0].start_us, 6'500'000);
  EXPECT_NE(static_cast<unsigned char>(bom->comments[0].text[0]), 0xEF) << "BOM must not leak into text";

  auto cp = read_srt(test::slurp(dir / "pysrt__windows-1252.srt"), "cp1252");
  ASSERT_TRUE(cp.ok());
  EXPECT_FALSE(cp->warnings.empty()) << "legacy encoding should be reported";
  EXPECT_EQ(cp->comments.back().end_us, 5'849'634'000);
  for (const auto& c : cp->comments) {
    ASSERT_EQ(c.text.find('\r'), std::string::npos);
    ASSERT_TRUE(c.text.find('\xE9') == std::string::npos) << "raw Latin-1 byte left in: " << c.text;
  }
  auto cap = read_srt(test::slurp(dir / "pysrt__capability_tester.srt"), "cap");
  ASSERT_TRUE(cap.ok());
  for (const auto& c : cap->comments) EXPECT_EQ(c.text.find("<font"), std::string::npos) << c.text;

  auto gpac = read_srt(test::slurp(dir / "gpac-testsuite__subtitle.srt"), "gpac");
  ASSERT_TRUE(gpac.ok());
  EXPECT_EQ(gpac->comments[0].text, "This is a sub-title\non 2 lines");
  EXPECT_EQ(gpac->comments[0].start_us, 1'262'000);
  EXPECT_EQ(gpac->comments[1].text, "with italic support");

  // Timings without milliseconds are not SubRip.
  auto bad = read_srt(test::slurp(dir / "pysrt__invalid.srt"), "pysrt__invalid.srt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("pysrt__invalid.srt"), std::string::npos);
}

TEST(Eaf_Corpus, RealFilesImport) {
  TRIAD_REQUIRE_CORPUS("formats/eaf");
  fs::path dir = test::corpus_dir() / "formats/eaf";
  auto speach = read_eaf(test::slurp(dir / "speach__test.eaf"), "speach__test.eaf");
  ASSERT_TRUE(speach.ok()) << speach.error().message;
  EXPECT_GT(speach->comments.size(), 0u);
  EXPECT_FALSE(speach->authors.empty());
  for (const auto& c : speach->comments) EXPECT_GE(c.start_us, 0);

  auto blank = read_eaf(test::slurp(dir / "speach__blank.eaf"), "blank");
  ASSERT_TRUE(blank.ok());
  EXPECT_TRUE(blank->comments.empty());

  auto child = read_eaf(test::slurp(dir / "ChildProject__eaf.eaf"), "child", EafTiers::Tags);
  ASSERT_TRUE(child.ok());
  EXPECT_GT(child->comments.size(), 0u);
  for (const auto& c : child->comments) EXPECT_FALSE(c.tags.empty());

  // The big MPI sample: 4788 alignable annotations, some on unaligned slots.
  auto big = read_eaf(test::slurp(dir / "pympi__sample_3.0.eaf"), "sample", EafTiers::Tags);
  ASSERT_TRUE(big.ok()) << big.error().message;
  EXPECT_EQ(big->comments.size(), 4788u);
  EXPECT_FALSE(big->warnings.empty());
}

TEST(Eaf_Export, ValidatesAgainstTheEaf30Schema) {
  TRIAD_REQUIRE_CORPUS("formats/eaf");
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) GTEST_SKIP() << "xmllint is not installed";
  fs::path xsd = test::corpus_dir() / "formats/eaf/pympi__EAFv3.0.xsd";
  fs::path out = fs::temp_directory_path() / ("triad-eaf-" + std::to_string(::getpid()) + ".eaf");
  std::string eaf = write_eaf(test::sample_set(), "2026-03-14T10:00:00Z");
  {
    std::ofstream f(out, std::ios::binary);
    f << eaf;
  }
  std::string cmd = "xmllint --noout --schema '" + xsd.string() + "' '" + out.string() + "' 2>/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << eaf;
  // And a broken one is caught, so the check above can fail.
  {
    std::ofstream f(out, std::ios::binary);
    f << "<ANNOTATION_DOCUMENT><NOPE/></ANNOTATION_DOCUMENT>";
  }
  EXPECT_NE(std::system(cmd.c_str()), 0);
  fs::remove(out);
}

}  // namespace
}  // namespace triad::exchange
