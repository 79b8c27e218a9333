// VideoDecoder on clips generated with the ffmpeg CLI: identical frames to ffmpeg, exact
// seeks, stepping, the cache bound, and robustness on truncated/corrupted data.
#include <gtest/gtest.h>

#include "decoder_checks.hpp"
#include "media/errors.hpp"
#include "media/probe.hpp"

namespace triad::media::test {
namespace {

class Decoder_GeneratedClip : public ::testing::TestWithParam<std::string> {};

TEST_P(Decoder_GeneratedClip, MatchesFfmpegSeeksAndStepsExactly) { check_decodable(clip(GetParam())); }

INSTANTIATE_TEST_SUITE_P(Clips, Decoder_GeneratedClip,
                         ::testing::Values("h264_bframes.mp4", "h264_opengop.mp4", "hevc.mp4", "vp9.webm", "vfr.mp4",
                                           "rotated.mov", "offset.ts", "truncated.mp4"),
                         [](const auto& test) {
                           std::string n = test.param;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(Decoder_Stepping, FiftyBackStepsDecodeTheGopOnceNotFiftyTimes) {
  DecoderOptions opt;
  auto dec = VideoDecoder::open(clip("h264_bframes.mp4"), opt);  // GOP 100 at 25 fps
  ASSERT_TRUE(dec.ok()) << dec.error().message;
  ASSERT_TRUE((*dec)->seek(seconds_us(7)).ok());  // 75 frames into the 2nd GOP
  // The seek skipped pictures well before its target: stepping back past the stretch it kept
  // decodes the GOP once, and every other step is free.
  const auto before = (*dec)->stats().frames_decoded;
  for (int i = 0; i < 50; ++i) ASSERT_TRUE((*dec)->prev_frame().ok());
  EXPECT_LE((*dec)->stats().frames_decoded - before, 80);
  EXPECT_EQ((*dec)->current().pts_us, seconds_us(5));  // frame 125
  // Across the GOP boundary: one decode of the previous GOP (100 frames + reorder delay), once.
  ASSERT_TRUE((*dec)->seek(seconds_us(4) + 20000).ok());  // frame 100 = keyframe of GOP 2
  const auto at_key = (*dec)->stats().frames_decoded;
  for (int i = 0; i < 50; ++i) ASSERT_TRUE((*dec)->prev_frame().ok());
  EXPECT_LE((*dec)->stats().frames_decoded - at_key, 110);
  EXPECT_EQ((*dec)->current().pts_us, seconds_us(2));  // frame 50
}

// A frame stepper's decoder (seek_framedrop off) keeps everything its seek decoded: fifty
// back steps after it decode nothing more.
TEST(Decoder_Stepping, WithoutFramedropTheSeekCachesTheWholeGop) {
  DecoderOptions opt;
  opt.seek_framedrop = false;
  auto dec = VideoDecoder::open(clip("h264_bframes.mp4"), opt);  // GOP 100 at 25 fps
  ASSERT_TRUE(dec.ok()) << dec.error().message;
  ASSERT_TRUE((*dec)->seek(seconds_us(7)).ok());  // 75 frames into the 2nd GOP
  const auto before = (*dec)->stats().frames_decoded;
  for (int i = 0; i < 50; ++i) ASSERT_TRUE((*dec)->prev_frame().ok());
  EXPECT_EQ((*dec)->stats().frames_decoded, before);
  EXPECT_EQ((*dec)->current().pts_us, seconds_us(5));
}

// A distant exact seek skips the non-reference pictures shown well before the target (they
// would only be thrown away), and the answer is still the frame a straight decode shows.
TEST(Decoder_Seek, DistantSeekSkipsNonReferencePicturesAndStaysExact) {
  DecoderOptions opt;
  opt.convert_unusual = false;
  auto dec = VideoDecoder::open(clip("h264_bframes.mp4"), opt);  // GOP 100 at 25 fps, B-frames
  ASSERT_TRUE(dec.ok()) << dec.error().message;
  const auto list = linear_list(**dec);
  const auto before = (*dec)->stats().frames_decoded;
  auto f = (*dec)->seek(seconds_us(7) + 10'000);  // frame 175, 75 frames after the keyframe
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->pts_us, seconds_us(7));
  EXPECT_EQ(frame_md5(*f), list.at(175).md5);
  EXPECT_LT((*dec)->stats().frames_decoded - before, 65) << "non-reference B-frames were decoded";
}

// Without a cache budget (one-picture users), stepping forward still decodes on from the
// cursor: the frames around the current one are never trimmed, so no step seeks again.
TEST(Decoder_Cache, NoBudgetStillStepsForwardWithoutSeeking) {
  DecoderOptions opt;
  opt.cache_bytes = 0;
  opt.convert_unusual = false;
  auto dec = VideoDecoder::open(clip("h264_bframes.mp4"), opt);
  ASSERT_TRUE(dec.ok());
  const auto list = linear_list(**dec);
  ASSERT_TRUE((*dec)->seek(seconds_us(2)).ok());  // frame 50
  const auto seeks = (*dec)->stats().demuxer_seeks;
  for (int i = 1; i <= 30; ++i) {
    auto f = (*dec)->next_frame();
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(frame_md5(*f), list.at(50 + i).md5) << "step " << i;
  }
  EXPECT_EQ((*dec)->stats().demuxer_seeks, seeks);
  EXPECT_LE((*dec)->cached_frames(), 3u);
}

TEST(Decoder_Cache, StaysWithinItsByteBoundAndStaysExact) {
  DecoderOptions opt;
  opt.cache_bytes = 2 << 20;  // ~17 frames of 320x240 yuv420p
  opt.convert_unusual = false;
  auto dec = VideoDecoder::open(clip("h264_bframes.mp4"), opt);
  ASSERT_TRUE(dec.ok());
  const auto list = linear_list(**dec);
  expect_stepping(**dec, list, 60);
  const std::size_t frame_size = 320 * 240 * 3 / 2;
  EXPECT_LE((*dec)->cached_bytes(), opt.cache_bytes + 2 * frame_size + 4096);
  EXPECT_GT((*dec)->cached_frames(), 2u);
}

TEST(Decoder_Open, RefusesAudioOnlyWithAClearError) {
  auto dec = VideoDecoder::open(clip("audio.m4a"));
  ASSERT_FALSE(dec.ok());
  EXPECT_EQ(dec.error().kind, kCorrupt);
  EXPECT_NE(dec.error().message.find("audio.m4a"), std::string::npos);
}

TEST(Decoder_Robustness, CorruptedDataDecodesToTheEndWithoutCrashing) {
  DecoderOptions opt;
  auto dec = VideoDecoder::open(clip("corrupted.mp4"), opt);
  ASSERT_TRUE(dec.ok()) << dec.error().message;
  int frames = 0;
  ASSERT_TRUE((*dec)->decode_all([&](const VideoFrame&) { return ++frames, true; }).ok());
  EXPECT_GT(frames, 50);
  for (TimeUs t : {seconds_us(1), seconds_us(3), seconds_us(5), seconds_us(2)}) {
    auto f = (*dec)->seek(t);
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_LE(f->pts_us, t);
  }
}

TEST(Decoder_Robustness, TruncatedFilePlaysUpToItsCut) {
  auto dec = VideoDecoder::open(clip("truncated.mp4"));
  ASSERT_TRUE(dec.ok()) << dec.error().message;
  auto last = (*dec)->seek(seconds_us(100));
  ASSERT_TRUE(last.ok());
  EXPECT_GT(last->pts_us, seconds_us(1));
  EXPECT_LT(last->pts_us, seconds_us(6));
  EXPECT_TRUE((*dec)->at_last_frame());
}

TEST(Decoder_Frame, RotatedClipCarriesRotationAndDisplaySize) {
  auto dec = VideoDecoder::open(clip("rotated.mov"));
  ASSERT_TRUE(dec.ok());
  auto f = (*dec)->seek(seconds_us(1));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->layout, PlaneLayout::Yuv420p);
  EXPECT_EQ(f->width, 320);
  EXPECT_EQ(f->height, 180);
  EXPECT_EQ(f->rotation_cw, 90);  // "rotate=90": turn 90 degrees clockwise to show upright
  EXPECT_EQ(f->display_width(), 180);
  EXPECT_EQ(f->display_height(), 320);
  EXPECT_EQ(f->plane_count, 3);
  EXPECT_EQ(f->plane_widths[1], 160);
  EXPECT_EQ(f->plane_heights[1], 90);
}

TEST(Decoder_Seek, NonZeroStartTimeIsMediaTimeZero) {
  auto dec = VideoDecoder::open(clip("offset.ts"));
  ASSERT_TRUE(dec.ok());
  auto f = (*dec)->seek(0);
  ASSERT_TRUE(f.ok());
  EXPECT_LT(f->pts_us, 100 * kUsPerMs);  // the first frame, near 0 rather than near 10 s
  EXPECT_TRUE((*dec)->at_first_frame());
}

}  // namespace
}  // namespace triad::media::test
