// The `triad` media subcommands as a user runs them: output formats and exit codes.
#include <gtest/gtest.h>

#include <sstream>

#include "media/decoder.hpp"
#include "media_fixture.hpp"

namespace triad::media::test {
namespace {

const std::string kTriad = TRIAD_CLI_PATH;

TEST(Cli_Media, FramesPrintsPtsAndMd5PerFrame) {
  const std::string out = capture(kTriad + " frames " + quote(clip("hevc.mp4")) + " --md5");
  const auto ref = ffmpeg_framemd5(clip("hevc.mp4"), 0);
  std::istringstream lines(out);
  std::size_t i = 0;
  long long pts;
  std::string md5;
  while (lines >> pts >> md5) {
    ASSERT_LT(i, ref.size());
    EXPECT_EQ(md5, ref[i].md5) << i;
    ++i;
  }
  EXPECT_EQ(i, ref.size());
}

TEST(Cli_Media, FrameAtTimeMatchesTheLinearList) {
  const std::string out = capture(kTriad + " frames " + quote(clip("h264_bframes.mp4")) + " --md5");
  std::vector<std::pair<long long, std::string>> list;
  std::istringstream lines(out);
  long long pts;
  std::string md5;
  while (lines >> pts >> md5) list.emplace_back(pts, md5);
  ASSERT_EQ(list.size(), 300u);
  for (std::size_t i : {0u, 1u, 99u, 100u, 101u, 150u, 299u}) {
    const long long t = list[i].first + 1000;  // 1 ms into the frame
    const std::string got = capture(kTriad + " frame " + quote(clip("h264_bframes.mp4")) + " --at " +
                                    std::to_string(t / 1000000) + "." + std::to_string(1000000 + t % 1000000).substr(1) +
                                    " --md5");
    EXPECT_EQ(got, std::to_string(list[i].first) + " " + list[i].second + "\n") << "frame " << i;
  }
}

TEST(Cli_Media, ExitCodesForRefusedFiles) {
  EXPECT_EQ(run(kTriad + " probe " + quote(clip("playlist.mp4")) + " 2>/dev/null >/dev/null"), 3);
  EXPECT_EQ(run(kTriad + " probe " + quote(clip("cutoff.mp4")) + " 2>/dev/null >/dev/null"), 4);
  EXPECT_EQ(run(kTriad + " probe " + quote(media_dir() / "missing.mp4") + " 2>/dev/null >/dev/null"), 5);
  EXPECT_EQ(run(kTriad + " probe " + quote(media_dir()) + " 2>/dev/null >/dev/null"), 7);
  const std::string err = capture(kTriad + " frames " + quote(clip("playlist.mp4")) + " --md5 2>&1 >/dev/null");
  EXPECT_EQ(err.rfind("triad: playlist.mp4 is not a video Triad can open", 0), 0u) << err;
}

TEST(Cli_Media, ProbeJsonAndThumbsAndWaveform) {
  const std::string json = capture(kTriad + " probe --json " + quote(clip("rotated.mov")));
  EXPECT_NE(json.find("\"rotation_cw\": 90"), std::string::npos) << json;
  const fs::path dir = media_dir() / "cli_thumbs";
  ASSERT_EQ(run(kTriad + " thumbs " + quote(clip("h264_bframes.mp4")) + " --count 4 --out " + quote(dir) + " >/dev/null"), 0);
  EXPECT_TRUE(fs::exists(dir / "thumb_0000.png"));
  EXPECT_TRUE(fs::exists(dir / "thumb_0003.png"));
  const std::string wave = capture("XDG_CACHE_HOME=" + quote(media_dir() / "xdg") + " " + kTriad + " waveform " +
                                   quote(clip("audio.m4a")) + " --buckets 8");
  std::istringstream lines(wave);
  int n = 0;
  std::string line;
  while (std::getline(lines, line)) ++n;
  EXPECT_EQ(n, 8);
  EXPECT_TRUE(fs::exists(media_dir() / "xdg" / "triad" / "waveform"));
}

}  // namespace
}  // namespace triad::media::test
