// open_input's refusals (each with its exit code and one sentence) and probe's description.
#include <gtest/gtest.h>

#include <chrono>

#include "media/errors.hpp"
#include "media/fingerprint.hpp"
#include "media/open_input.hpp"
#include "media/probe.hpp"
#include "media_fixture.hpp"

namespace triad::media::test {
namespace {

void expect_refused(const fs::path& file, ErrorKind code, const std::string& words) {
  const auto t0 = std::chrono::steady_clock::now();
  auto r = probe(file);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_FALSE(r.ok()) << file << " was opened";
  EXPECT_EQ(r.error().kind, code) << r.error().message;
  EXPECT_NE(r.error().message.find(file.filename().string()), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find('\n'), std::string::npos);
  EXPECT_LT(ms, 8000) << "refusing took too long";  // the open deadline
}

TEST(Open_Refuses, HlsPlaylistDisguisedAsMp4) { expect_refused(clip("playlist.mp4"), kUnsupported, "playlist"); }
TEST(Open_Refuses, ConcatListDisguisedAsMp4) { expect_refused(clip("concat.mp4"), kUnsupported, "playlist"); }
TEST(Open_Refuses, RandomBytes) { expect_refused(clip("garbage.mp4"), kUnsupported, "not a known format"); }
TEST(Open_Refuses, EmptyFile) { expect_refused(clip("empty.mp4"), kCorrupt, "empty"); }
TEST(Open_Refuses, Folder) { expect_refused(media_dir(), kNotRegular, "not a regular file"); }
TEST(Open_Refuses, MissingFile) { expect_refused(media_dir() / "nope.mp4", kIoError, "cannot be opened"); }
TEST(Open_Refuses, RecordingCutOffBeforeItsIndex) { expect_refused(clip("cutoff.mp4"), kCorrupt, "cut off"); }

TEST(Open_Refuses, Fifo) {
  const fs::path fifo = media_dir() / "pipe.mp4";
  ASSERT_EQ(run("mkfifo " + quote(fifo) + " 2>/dev/null || test -p " + quote(fifo)), 0);
  expect_refused(fifo, kNotRegular, "not a regular file");
}

TEST(Open_ContentDecides, WebmNamedMp4OpensAsMatroska) {
  const fs::path renamed = media_dir() / "really_webm.mp4";
  fs::copy_file(clip("vp9.webm"), renamed, fs::copy_options::overwrite_existing);
  auto info = probe(renamed);
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_NE(info->container.find("matroska"), std::string::npos);
}

TEST(Probe_Describes, H264WithBFramesAndAudio) {
  auto info = probe(clip("h264_bframes.mp4"));
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_NE(info->container.find("mp4"), std::string::npos);
  EXPECT_NEAR(static_cast<double>(info->duration_us), 12e6, 0.1e6);
  ASSERT_NE(info->video(), nullptr);
  ASSERT_NE(info->audio(), nullptr);
  const StreamInfo& v = *info->video();
  EXPECT_EQ(v.codec, "h264");
  EXPECT_EQ(v.profile, "High");
  EXPECT_EQ(v.width, 320);
  EXPECT_EQ(v.height, 240);
  EXPECT_EQ(v.pixel_format, "yuv420p");
  EXPECT_EQ(v.average_frame_rate, (Ratio{25, 1}));
  EXPECT_FALSE(v.variable_frame_rate);
  EXPECT_EQ(v.rotation_cw, 0);
  EXPECT_EQ(info->audio()->codec, "aac");
  EXPECT_EQ(info->audio()->sample_rate, 48000);
  EXPECT_EQ(info->audio()->channels, 1);
  EXPECT_TRUE(info->problems.empty()) << info->problems.front();
  EXPECT_NE(info->summary().find("h264 320x240 25 fps"), std::string::npos) << info->summary();
}

TEST(Probe_Describes, RotationFromTheDisplayMatrix) {
  auto info = probe(clip("rotated.mov"));
  ASSERT_TRUE(info.ok());
  const StreamInfo& v = *info->video();
  EXPECT_EQ(v.rotation, -90);  // as ffprobe prints it
  EXPECT_EQ(v.rotation_cw, 90);
  EXPECT_EQ(v.display_width, 180);
  EXPECT_EQ(v.display_height, 320);
}

TEST(Probe_Describes, VariableFrameRate) {
  auto info = probe(clip("vfr.mp4"));
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->video()->variable_frame_rate);
}

TEST(Probe_Describes, NonZeroStartTime) {
  auto info = probe(clip("offset.ts"));
  ASSERT_TRUE(info.ok());
  EXPECT_GE(info->start_us, seconds_us(10));
  EXPECT_LT(info->video()->start_us, 200 * kUsPerMs);
}

TEST(Probe_Problems, AudioOnlySaysSo) {
  auto info = probe(clip("audio.m4a"));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->video(), nullptr);
  ASSERT_FALSE(info->problems.empty());
  EXPECT_NE(info->problems.front().find("sound only"), std::string::npos);
}

TEST(Probe_Problems, TruncatedRecordingSaysWhereItEnds) {
  auto info = probe(clip("truncated.mp4"));
  ASSERT_TRUE(info.ok()) << info.error().message;
  bool found = false;
  for (const auto& p : info->problems)
    if (p.find("recording was cut off") != std::string::npos && p.find("file ends at 00:0") == 0) found = true;
  EXPECT_TRUE(found) << ::testing::PrintToString(info->problems);
}

TEST(Fingerprint_Identity, SurvivesRenameAndDiffersForOtherContent) {
  auto a = fingerprint_file(clip("h264_bframes.mp4"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->rfind("tfp1:", 0), 0u);
  EXPECT_EQ(a->size(), 5u + 64u);
  const fs::path moved = media_dir() / "moved copy.mp4";
  fs::copy_file(clip("h264_bframes.mp4"), moved, fs::copy_options::overwrite_existing);
  auto b = fingerprint_file(moved);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a, *b);
  auto c = fingerprint_file(clip("hevc.mp4"));
  ASSERT_TRUE(c.ok());
  EXPECT_NE(*a, *c);
  auto missing = fingerprint_file(media_dir() / "nope.mp4");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, kIoError);
}

}  // namespace
}  // namespace triad::media::test
