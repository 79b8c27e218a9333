// Thumbnails, waveform (and its cache), PNG writing in display orientation.
#include <gtest/gtest.h>

#include <fstream>

#include "media/decoder.hpp"
#include "media/errors.hpp"
#include "media/png_writer.hpp"
#include "media/thumbnails.hpp"
#include "media/waveform.hpp"
#include "media_fixture.hpp"

namespace triad::media::test {
namespace {

// Width and height from a PNG file's IHDR chunk.
std::pair<int, int> png_size(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  unsigned char h[24] = {};
  f.read(reinterpret_cast<char*>(h), sizeof h);
  auto be = [&](int at) { return (h[at] << 24) | (h[at + 1] << 16) | (h[at + 2] << 8) | h[at + 3]; };
  EXPECT_EQ(h[1], 'P');
  return {be(16), be(20)};
}

TEST(Thumbnails_Strip, EvenlySpacedKeyframesInTimeOrder) {
  std::vector<Thumbnail> got;
  std::vector<double> progress;
  Status s = make_thumbnails(
      clip("h264_opengop.mp4"), 12,
      [&](const Thumbnail& t) -> Status {
        got.push_back(t);
        return ok_status();
      },
      [&](double f) { return progress.push_back(f), true; });
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(got.size(), 12u);
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].index, static_cast<int>(i));
    EXPECT_TRUE(got[i].frame.keyframe);
    if (i > 0) {
      EXPECT_GE(got[i].frame.pts_us, got[i - 1].frame.pts_us);
    }
    EXPECT_LE(std::llabs(got[i].frame.pts_us - got[i].target_us), seconds_us(1));  // GOP is 1.6 s
  }
  ASSERT_FALSE(progress.empty());
  EXPECT_DOUBLE_EQ(progress.back(), 1.0);
}

TEST(Thumbnails_Strip, WorksWithoutAnIndexOnMpegTs) {
  int n = 0;
  Status s = make_thumbnails(clip("offset.ts"), 5, [&](const Thumbnail& t) -> Status {
    EXPECT_TRUE(t.frame.keyframe);
    ++n;
    return ok_status();
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(n, 5);
}

TEST(Thumbnails_Strip, CancelStopsWithAnError) {
  Status s = make_thumbnails(
      clip("h264_bframes.mp4"), 20, [](const Thumbnail&) -> Status { return ok_status(); },
      [](double f) { return f < 0.2; });
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("cancelled"), std::string::npos);
}

TEST(Thumbnails_At, ExactFrameOnRequest) {
  auto f = thumbnail_at(clip("h264_bframes.mp4"), 3 * kUsPerSecond + 50000);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->pts_us, 3 * kUsPerSecond + 40000);
}

TEST(Png_Writer, RotatedFrameIsWrittenUpright) {
  auto dec = VideoDecoder::open(clip("rotated.mov"));
  ASSERT_TRUE(dec.ok());
  auto f = (*dec)->seek(kUsPerSecond);
  ASSERT_TRUE(f.ok());
  const fs::path out = media_dir() / "rotated.png";
  ASSERT_TRUE(write_png(*f, out).ok());
  EXPECT_EQ(png_size(out), std::make_pair(180, 320));
  ASSERT_TRUE(write_png(*f, out, 90).ok());
  EXPECT_EQ(png_size(out), std::make_pair(90, 160));
}

TEST(Png_Writer, UnwritablePathIsAnIoError) {
  auto dec = VideoDecoder::open(clip("vp9.webm"));
  ASSERT_TRUE(dec.ok());
  auto f = (*dec)->seek(0);
  ASSERT_TRUE(f.ok());
  Status s = write_png(*f, media_dir() / "no such folder" / "x.png");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, kIoError);
}

TEST(Waveform_Peaks, SineThenSilence) {
  WaveformOptions opt;
  opt.cache_dir = media_dir() / "cache";
  fs::remove_all(opt.cache_dir);
  auto w = compute_waveform(clip("audio.m4a"), 40, opt);
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_FALSE(w->from_cache);
  EXPECT_EQ(w->sample_rate, 48000);
  ASSERT_EQ(w->max.size(), 40u);
  // 4 s over 40 buckets: buckets 0..18 hold the 0.5 sine, 21..39 silence (AAC edges aside).
  for (int b = 1; b < 19; ++b) {
    EXPECT_NEAR(w->max[b], 0.5f, 0.05f) << b;
    EXPECT_NEAR(w->min[b], -0.5f, 0.05f) << b;
  }
  for (int b = 22; b < 40; ++b) EXPECT_LT(w->max[b], 0.02f) << b;

  auto again = compute_waveform(clip("audio.m4a"), 40, opt);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->from_cache);
  for (int b = 0; b < 40; ++b) EXPECT_NEAR(again->max[b], w->max[b], 1e-4f);
}

TEST(Waveform_Peaks, VideoWithoutSoundIsAClearError) {
  WaveformOptions opt;
  opt.use_cache = false;
  auto w = compute_waveform(clip("h264_opengop.mp4"), 10, opt);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().kind, kCorrupt);
}

}  // namespace
}  // namespace triad::media::test
