// Clip export: frame-exact cut off keyframes, duration within one frame, no metadata left;
// keyframe-aligned cuts copy the video packets (the very same pictures).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "exchange/clip.hpp"
#include "../media_tool.hpp"

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
  // How the source's keyframes are placed: here one only, so every cut is off-keyframe.
  virtual std::string gop_args() const { return "-g 1000"; }

  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("triad-clip-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    src_ = dir_ / "lesson.mp4";
    // 10 s, 25 fps, stereo audio, and the metadata a phone would leave behind.
    std::string cmd = "ffmpeg -v error -y -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i "
                      "sine=frequency=440:sample_rate=48000 -t 10 -ac 2 -pix_fmt yuv420p -c:v libx264 " +
                      gop_args() +
                      " -c:a aac -metadata title=SecretTitle -metadata location=+51.5000+000.1000/ "
                      "-metadata creation_time=2026-01-01T09:00:00Z -metadata:s:v:0 creation_time=2026-01-01T09:00:00Z '" +
                      src_.string() + "'";
    ok_ = std::system(cmd.c_str()) == 0;
  }
  void TearDown() override { fs::remove_all(dir_); }

  json probe(const fs::path& p) {
    return json::parse(run("ffprobe -v error -count_frames -show_entries "
                           "format=duration:format_tags:stream=codec_type,codec_name,nb_read_frames,duration:stream_tags "
                           "-show_chapters -of json '" +
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
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
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
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
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
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
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
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
  fs::path out = dir_ / "cancelled.mp4";
  ClipOptions opt;
  opt.progress = [](TimeUs done, TimeUs) { return done < 500'000; };
  auto r = write_clip(src_, {{0, 4'000'000, ""}}, out, opt);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(fs::exists(out));
  for (auto& e : fs::directory_iterator(dir_)) EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos);
}

// The MD5 of each video frame in presentation order, as the ffmpeg CLI decodes the file.
std::vector<std::string> frame_md5s(const fs::path& p) {
  std::istringstream lines(run("ffmpeg -v error -i '" + p.string() + "' -map 0:v:0 -fps_mode passthrough -f framemd5 - 2>/dev/null"));
  std::vector<std::string> md5s;
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line[0] != '#') md5s.push_back(line.substr(line.rfind(',') + 2));
  return md5s;
}

// Presentation time of the first video frame shown, as ffprobe reports it.
std::string first_frame_time(const fs::path& p) {
  std::string t = run("ffprobe -v error -select_streams v:0 -read_intervals %+#1 -show_entries frame=pts_time -of csv=p=0 '" +
                      p.string() + "'");
  return t.substr(0, t.find_first_of(",\n"));
}

const json& stream_of(const json& j, const std::string& type) {
  for (const auto& s : j["streams"])
    if (s["codec_type"] == type) return s;
  static const json none = json::object();
  return none;
}

// A source with a keyframe every second (25 frames) and two B-frames between P-frames in a
// fixed pattern (I P B B P B B ...; decode order I50 P53 B51 B52 P56 ...).
class ClipCopyTest : public ClipTest {
 protected:
  std::string gop_args() const override {
    return "-g 25 -keyint_min 25 -sc_threshold 0 -bf 2 -x264-params b-adapt=0:b-pyramid=none";
  }

  // Writes `segments` to dir_/name and checks that its video was `copied` (or re-encoded)
  // with `frames` pictures.
  ClipResult expect_clip(const std::string& name, const std::vector<ClipSegment>& segments, bool copied, int frames,
                         const ClipOptions& opt = {}) {
    auto r = write_clip(src_, segments, dir_ / name, opt);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r.ok()) return {};
    EXPECT_EQ(r->video_copied, copied) << r->reencode_reason;
    EXPECT_EQ(r->video_frames, frames);
    return *r;
  }

  // The clip's pictures are the source's pictures in `ranges` (first, last), bit for bit.
  void expect_source_frames(const fs::path& clip, const std::vector<std::pair<int, int>>& ranges) {
    std::vector<std::string> src = frame_md5s(src_), got = frame_md5s(clip), want;
    ASSERT_EQ(src.size(), 250u);
    for (auto [first, last] : ranges) want.insert(want.end(), src.begin() + first, src.begin() + last + 1);
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << "clip frame " << i;
  }
};

TEST_F(ClipCopyTest, KeyframeToKeyframeIsCopiedFrameForFrame) {
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
  TimeUs max_done = -1, last_total = -1;
  ClipOptions opt;
  opt.progress = [&](TimeUs done, TimeUs total) {
    max_done = std::max(max_done, done);  // packets come in decode order, not display order
    last_total = total;
    return true;
  };
  ClipResult r = expect_clip("copied.mp4", {{2'000'000, 4'000'000, ""}}, true, 50, opt);
  fs::path out = dir_ / "copied.mp4";
  EXPECT_EQ(r.duration_us, 2'000'000);
  EXPECT_EQ(last_total, 2'000'000);
  EXPECT_EQ(max_done, 1'960'000);  // the last picture (frame 99) starts 40 ms before the end
  expect_source_frames(out, {{50, 99}});
  EXPECT_EQ(first_frame_time(out), "0.000000");
  json j = probe(out);
  EXPECT_EQ(stream_of(j, "video")["nb_read_frames"], "50");
  EXPECT_NEAR(std::stod(stream_of(j, "audio").value("duration", "0")), 2.0, 1024.0 / 48000) << j.dump();
  EXPECT_EQ(j["streams"].size(), 2u) << j.dump();
  EXPECT_TRUE(j.value("chapters", json::array()).empty()) << j.dump();
  expect_no_private_metadata(j);
}

TEST_F(ClipCopyTest, StartOffKeyframeIsReencoded) {
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
  // Frames 62 (2.48 s, on screen at 2.50) .. 99.
  ClipResult r = expect_clip("reencoded.mp4", {{2'500'000, 4'000'000, ""}}, false, 38);
  EXPECT_EQ(r.reencode_reason, "cut not on a keyframe");
  EXPECT_EQ(stream_of(probe(dir_ / "reencoded.mp4"), "video")["nb_read_frames"], "38");
}

TEST_F(ClipCopyTest, ReelOfKeyframeSegmentsIsCopied) {
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
  ClipOptions opt;
  opt.subtitle = true;
  expect_clip("reel.mp4", {{1'000'000, 2'000'000, "First"}, {5'000'000, 7'000'000, "Second"}}, true, 75, opt);
  fs::path out = dir_ / "reel.mp4";
  expect_source_frames(out, {{25, 49}, {125, 174}});
  EXPECT_EQ(first_frame_time(out), "0.000000");
  json j = probe(out);
  EXPECT_EQ(stream_of(j, "video")["nb_read_frames"], "75");
  EXPECT_NEAR(std::stod(j["format"]["duration"].get<std::string>()), 3.0, 0.04) << j.dump();
  expect_no_private_metadata(j);
}

TEST_F(ClipCopyTest, ReelWithOneOffKeyframeSegmentIsReencodedWhole) {
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
  // Frames 25..49 and 127..174.
  expect_clip("mixed.mp4", {{1'000'000, 2'000'000, ""}, {5'100'000, 7'000'000, ""}}, false, 25 + 48);
}

TEST_F(ClipCopyTest, BurnInForcesReencoding) {
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
  ClipOptions opt;
  opt.burn_in = true;
  EXPECT_EQ(expect_clip("burnt.mp4", {{2'000'000, 4'000'000, "Caption"}}, false, 50, opt).reencode_reason, "text burnt in");
}

TEST_F(ClipCopyTest, EndInsideAGopIsCopiedOnlyWhenNothingKeptNeedsADroppedPicture) {
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
  // Up to frame 87: decode order ... P87 B85 B86 | P90 B88 B89, a clean prefix.
  expect_clip("clean-end.mp4", {{2'000'000, 3'520'000, ""}}, true, 38);
  expect_source_frames(dir_ / "clean-end.mp4", {{50, 87}});
  // Up to frame 85: B85 is decoded after P87, which is dropped.
  expect_clip("broken-end.mp4", {{2'000'000, 3'440'000, ""}}, false, 36);
}

TEST_F(ClipCopyTest, StartInsideTheKeyframesPictureSnapsToIt) {
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
  // 2.02 s shows frame 50 (2.00 s), a keyframe: the clip starts there, 20 ms earlier.
  EXPECT_EQ(expect_clip("snapped.mp4", {{2'020'000, 4'000'000, ""}}, true, 50).duration_us, 2'000'000);
  expect_source_frames(dir_ / "snapped.mp4", {{50, 99}});
}

TEST_F(ClipCopyTest, CancelWhileCopyingLeavesNoFile) {
  TRIAD_REQUIRE_MEDIA(ok_, "the test clip");
  fs::path out = dir_ / "cancelled.mp4";
  ClipOptions opt;
  opt.progress = [](TimeUs done, TimeUs) { return done < 500'000; };
  auto r = write_clip(src_, {{1'000'000, 4'000'000, ""}}, out, opt);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("cancelled"), std::string::npos) << r.error().message;
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
