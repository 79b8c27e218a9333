// Every media file of the shared real-world corpus (../shared/corpus/MANIFEST.md):
// OK files with video get the full battery (framemd5 = ffmpeg's, exact seeks, stepping);
// REJECT files must be refused with one clear sentence and a media exit code;
// DEGRADED files must neither crash nor hang, whatever they yield.
#include <gtest/gtest.h>

#include "decoder_checks.hpp"
#include "media/errors.hpp"
#include "media/probe.hpp"
#include "media/thumbnails.hpp"
#include "media/waveform.hpp"

namespace triad::media::test {
namespace {

enum class Verdict { Ok, Degraded, Reject };
struct CorpusFile {
  const char* path;
  Verdict verdict;
};

const CorpusFile kFiles[] = {
    {"baseline/mediabunny__video.mp4", Verdict::Ok},
    {"baseline/pymediainfo__sample.mp4", Verdict::Ok},
    {"rotation_phone/androidx-media__dolbyVision-hdr.MOV", Verdict::Ok},
    {"rotation_phone/androidx-media__portrait_4k60.mp4", Verdict::Ok},
    {"rotation_phone/mediabunny__rotate-buck-bunny.mp4", Verdict::Ok},
    {"rotation_phone/mp4parse-rust__video_rotation_90.mp4", Verdict::Ok},
    {"vfr/mediabunny__cursed-vfr.mp4", Verdict::Ok},
    {"vfr/androidx-media__sample_android_slow_motion.mp4", Verdict::Ok},
    {"h264_bframes_opengop/androidx-media__iibbibb_editlist_videoonly.mp4", Verdict::Ok},
    {"h264_bframes_opengop/androidx-media__bbb_800x640_768kbps_30fps_avc_pyramid_3b.mp4", Verdict::Ok},
    {"hevc/torchcodec__h265_video.mp4", Verdict::Ok},
    {"hevc/androidx-media__h265_bframes.mp4", Verdict::Ok},
    {"vp8_vp9_webm/torchcodec__testsrc2_vp8.webm", Verdict::Ok},
    {"vp8_vp9_webm/androidx-media__bear-vp9.webm", Verdict::Ok},
    {"vp8_vp9_webm/libwebm__bbb_480p_vp9_opus_1second.webm", Verdict::Ok},
    {"av1/torchcodec__av1_video.mkv", Verdict::Ok},
    {"av1/mp4parse-rust__tiny_av1.mp4", Verdict::Ok},
    {"mpegts/androidx-media__sample_h264.ts", Verdict::Ok},
    {"mpegts/mediabunny__no-initial-keyframe.ts", Verdict::Degraded},
    {"mpegts/hachoir__Panasonic_AG_HMC_151.MTS", Verdict::Degraded},
    {"mjpeg/exiftool__RIFF.avi", Verdict::Degraded},
    {"mjpeg/hachoir__pentax_320x240.mov", Verdict::Degraded},
    {"wmv_asf/hachoir__matrix_ping_pong.wmv", Verdict::Degraded},
    {"wmv_asf/mutagen__silence-1.wma", Verdict::Ok},
    {"theora_ogg/mutagen__sample.oggtheora", Verdict::Ok},
    {"theora_ogg/androidx-media__bear_vorbis.ogg", Verdict::Ok},
    {"multi_audio/mediabunny__multiple-aac-tracks.mp4", Verdict::Ok},
    {"multi_audio/torchcodec__nasa_13013.mp4", Verdict::Ok},
    {"editlist_start/mediabunny__edts.mp4", Verdict::Ok},
    {"editlist_start/torchcodec__test_non_zero_start.mp4", Verdict::Ok},
    {"editlist_start/androidx-media__edit_list_positive_shift.mp4", Verdict::Ok},
    {"audio_only/androidx-media__bbb_1ch_8kHz_aac_lc.m4a", Verdict::Ok},
    {"audio_only/mediabunny__Toothsome-Meme.VBRv2.mp3", Verdict::Ok},
    {"audio_only/androidx-media__sample.wav", Verdict::Ok},
    {"broken/mp4parse-rust__test_case_1185230.mp4", Verdict::Degraded},
    {"broken/androidx-media__sample_malformed_free_box.mp4", Verdict::Reject},
    {"broken/libwebm__block_ends_beyond_cluster.mkv", Verdict::Ok},
    {"broken/libwebm__projection_float_overflow.webm", Verdict::Reject},
    {"broken/androidx-media__1024_incrementing_bytes.mp3", Verdict::Reject},
    {"broken/androidx-media__100kB-garbage-prefix.mp3", Verdict::Degraded},
    {"broken/mutagen__truncated-64bit.mp4", Verdict::Degraded},
    {"broken/exiftool__ASF.wmv", Verdict::Reject},
    {"broken/mediabunny__malformed-join.mp3", Verdict::Degraded},
};

class Corpus_File : public ::testing::TestWithParam<CorpusFile> {
 protected:
  fs::path file() const { return corpus_dir() / "media" / GetParam().path; }
  void SetUp() override {
    if (corpus_dir().empty()) GTEST_SKIP() << "shared corpus not found (set TRIAD_CORPUS_DIR); skipping corpus tests";
    ASSERT_TRUE(fs::exists(file())) << file() << " is listed but missing";
  }
};

TEST_P(Corpus_File, BehavesAsItsVerdictSays) {
  const fs::path f = file();
  auto info = probe(f);
  switch (GetParam().verdict) {
    case Verdict::Reject: {
      ASSERT_FALSE(info.ok()) << f << " should be refused";
      EXPECT_TRUE(info.error().kind == kUnsupported || info.error().kind == kCorrupt) << info.error().message;
      EXPECT_NE(info.error().message.find(f.filename().string()), std::string::npos) << info.error().message;
      auto dec = VideoDecoder::open(f);
      ASSERT_FALSE(dec.ok());
      EXPECT_EQ(dec.error().kind, info.error().kind);
      return;
    }
    case Verdict::Degraded: {
      if (!info.ok()) {  // a clear refusal is an acceptable outcome for a damaged file
        EXPECT_GE(info.error().kind, kUnsupported) << info.error().message;
        return;
      }
      auto dec = VideoDecoder::open(f);
      if (!dec.ok()) {
        EXPECT_GE(dec.error().kind, kUnsupported) << dec.error().message;
        return;
      }
      int frames = 0;
      Status s = (*dec)->decode_all([&](const VideoFrame& fr) { return ++frames, !fr.empty(); });
      if (!s.ok()) {
        EXPECT_GE(s.error().kind, kUnsupported) << s.error().message;
      }
      for (TimeUs t : {TimeUs{0}, seconds_us(1), kUsPerSecond / 3, seconds_us(1000)}) {
        auto fr = (*dec)->seek(t);
        if (!fr.ok()) {
          EXPECT_GE(fr.error().kind, kUnsupported) << fr.error().message;
        }
      }
      for (int i = 0; i < 5; ++i) (void)(*dec)->prev_frame();
      return;
    }
    case Verdict::Ok: {
      ASSERT_TRUE(info.ok()) << info.error().message;
      if (info->video() == nullptr) {
        ASSERT_NE(info->audio(), nullptr) << f;
        WaveformOptions opt;
        opt.use_cache = false;
        auto w = compute_waveform(f, 100, opt);
        ASSERT_TRUE(w.ok()) << w.error().message;
        ASSERT_EQ(w->max.size(), 100u);
        for (std::size_t i = 0; i < w->max.size(); ++i) {
          EXPECT_LE(w->min[i], w->max[i]) << i;
          EXPECT_GE(w->min[i], -1.0f);
          EXPECT_LE(w->max[i], 1.0f);
        }
        return;
      }
      check_decodable(f, 55);
      return;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Media, Corpus_File, ::testing::ValuesIn(kFiles), [](const auto& test) {
  std::string n = test.param.path;
  n = n.substr(n.find('/') + 1);
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
});

}  // namespace
}  // namespace triad::media::test
