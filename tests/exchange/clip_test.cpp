// Clip export: frame-exact cut off keyframes, duration within one frame, no metadata left.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "exchange/clip.hpp"

namespace triad::exchange {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  ::pclose(p);
  return out;
}

class ClipTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("triad-clip-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    src_ = dir_ / "lesson.mp4";
    // 10 s, 25 fps, one keyframe only (every cut below is off-keyframe), stereo audio, and
    // the metadata a phone would leave behind.
    std::string cmd = "ffmpeg -v error -y -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i "
                      "sine=frequency=440:sample_rate=48000 -t 10 -ac 2 -pix_fmt yuv420p -c:v libx264 -g 1000 "
                      "-c:a aac -metadata title=SecretTitle -metadata location=+51.5000+000.1000/ "
                      "-metadata creation_time=2026-01-01T09:00:00Z -metadata:s:v:0 creation_time=2026-01-01T09:00:00Z '" +
                      src_.string() + "'";
    ok_ = std::system(cmd.c_str()) == 0;
  }
  void TearDown() override { fs::remove_all(dir_); }

  json probe(const fs::path& p) {
    return json::parse(run("ffprobe -v error -count_frames -show_entries "
                           "format=duration:format_tags:stream=codec_type,codec_name,nb_read_frames:stream_tags -of json '" +
                           p.string() + "'"));
  }

  // No tag that describes the recording (title, place, time, device, encoder) survives;
  // what remains is structural (brands, handler names, language).
  static void expect_no_private_metadata(const json& j) {
    std::string all = j.dump();
    EXPECT_EQ(all.find("SecretTitle"), std::string::npos) << all;
    EXPECT_EQ(all.find("+51.5"), std::string::npos) << all;
    std::vector<json> tag_sets = {j["format"].value("tags", json::object())};
    for (const auto& s : j["streams"]) tag_sets.push_back(s.value("tags", json::object()));
    for (const auto& tags : tag_sets)
      for (auto& [key, value] : tags.items()) {
        static const std::set<std::string> allowed = {"major_brand", "minor_version", "compatible_brands",
                                                      "handler_name", "language",     "vendor_id"};
        EXPECT_TRUE(allowed.count(key)) << "tag " << key << "=" << value.dump() << " left in " << all;
      }
  }

  fs::path dir_, src_;
  bool ok_ = false;
};

TEST_F(ClipTest, FrameExactDurationAndNoMetadata) {
  if (!ok_) GTEST_SKIP() << "ffmpeg could not make the test clip";
  fs::path out = dir_ / "clip.mp4";
  int calls = 0;
  ClipOptions opt;
  opt.progress = [&](TimeUs, TimeUs) { return ++calls > 0; };
  auto r = write_clip(src_, {{2'300'000, 5'100'000, ""}}, out, opt);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->has_audio);
  // Pictures shown during [2.30, 5.10): frames 57 (2.28 s, on screen at 2.30) .. 127 (5.08 s).
  EXPECT_EQ(r->video_frames, 71);
  EXPECT_GT(calls, 0);
  json j = probe(out);
  double duration = std::stod(j["format"]["duration"].get<std::string>());
  EXPECT_NEAR(duration, 2.8, 0.04) << j.dump();
  bool saw_video = false;
  for (const auto& s : j["streams"])
    if (s["codec_type"] == "video") {
      saw_video = true;
      EXPECT_EQ(s["codec_name"], "h264");
      EXPECT_EQ(s["nb_read_frames"], "71");
    }
  EXPECT_TRUE(saw_video);
  expect_no_private_metadata(j);
  // Nothing else is left in the folder (the temporary file was renamed).
  int files = 0;
  for (auto& e : fs::directory_iterator(dir_)) files += e.path().filename().string().rfind(".clip.mp4", 0) == 0;
  EXPECT_EQ(files, 0);
}

TEST_F(ClipTest, HighlightsReelWithSubtitles) {
  if (!ok_) GTEST_SKIP() << "ffmpeg could not make the test clip";
  fs::path out = dir_ / "reel.mp4";
  ClipOptions opt;
  opt.subtitle = true;
  auto r = write_clip(src_, {{1'000'000, 2'000'000, "First moment"}, {7'520'000, 9'000'000, "Second <moment>"}}, out, opt);
  ASSERT_TRUE(r.ok()) << r.error().message;
  json j = probe(out);
  EXPECT_NEAR(std::stod(j["format"]["duration"].get<std::string>()), 2.48, 0.04) << j.dump();
  bool saw_sub = false;
  for (const auto& s : j["streams"]) saw_sub |= s["codec_type"] == "subtitle";
  EXPECT_TRUE(saw_sub);
  expect_no_private_metadata(j);
}

std::string first_frame_md5(const fs::path& p) {
  return run("ffmpeg -v error -i '" + p.string() + "' -frames:v 1 -f md5 - 2>/dev/null");
}

TEST_F(ClipTest, BurnInDrawsTheTextOnThePicture) {
  if (!ok_) GTEST_SKIP() << "ffmpeg could not make the test clip";
  fs::path plain = dir_ / "plain.mp4", burnt = dir_ / "burnt.mp4";
  std::vector<ClipSegment> seg = {{3'000'000, 4'000'000, "Wait time 100% worked: 'quote' \\ and a long sentence that must wrap "
                                                         "onto more than one line because it is far too wide"}};
  ASSERT_TRUE(write_clip(src_, seg, plain).ok());
  ClipOptions opt;
  opt.burn_in = true;
  auto r = write_clip(src_, seg, burnt, opt);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->video_frames, 25);
  std::string a = first_frame_md5(plain), b = first_frame_md5(burnt);
  ASSERT_FALSE(a.empty());
  EXPECT_NE(a, b) << "the caption must change the picture";
}

TEST_F(ClipTest, CancelLeavesNoFile) {
  if (!ok_) GTEST_SKIP() << "ffmpeg could not make the test clip";
  fs::path out = dir_ / "cancelled.mp4";
  ClipOptions opt;
  opt.progress = [](TimeUs done, TimeUs) { return done < 500'000; };
  auto r = write_clip(src_, {{0, 4'000'000, ""}}, out, opt);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(fs::exists(out));
  for (auto& e : fs::directory_iterator(dir_)) EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos);
}

TEST(Clip_Errors, MissingInputIsOneClearSentence) {
  auto r = write_clip("/nonexistent/lesson.mp4", {{0, 1'000'000, ""}}, "/tmp/never.mp4");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("lesson.mp4"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace triad::exchange
