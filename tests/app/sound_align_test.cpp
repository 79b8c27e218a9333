// Alignment by sound (media/sound_align.hpp) on recordings of one made-up lesson, generated
// at test time: cameras and microphones that start at other moments, run at other sample
// rates, hear other noise, drift, have gaps, or share no sound at all.
#include <cstdlib>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "core/recording_clock.hpp"
#include "lesson_sound.hpp"
#include "media/sound_align.hpp"

namespace triad {
namespace {

using test::lesson_speech;
using test::make_media;
using test::other_speech;

std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// The lesson as heard by a device that started `start` s into it, for `length` s: its own
// noise (seed), level, low-pass and sample rate; `extra` is appended to the speech chain.
std::string device_audio(const std::filesystem::path& speech, double start, double length, int rate, int seed,
                         double level, const std::string& extra = "", int input = 0) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "-i %s -filter_complex \"[%d:a]atrim=%.3f:%.3f,asetpts=PTS-STARTPTS,aresample=%d,volume=%.2f%s[s];"
                "anoisesrc=c=pink:seed=%d:a=0.03:r=%d:d=%.3f[n];[s][n]amix=inputs=2:duration=first:normalize=0[a]\" "
                "-map \"[a]\"",
                q(speech).c_str(), input, start, start + length, rate, level, extra.c_str(), seed, rate, length);
  return buf;
}

Result<media::SoundAlignment> align(const std::filesystem::path& a, const std::filesystem::path& b) {
  return media::align_sound_files(a, b);
}

class SoundAlign : public ::testing::Test {
 protected:
  void SetUp() override {
    speech = lesson_speech();
    if (speech.empty()) {
      // Skip only when the tool is absent; a present espeak-ng that makes nothing is a failure.
      if (std::system("espeak-ng --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "espeak-ng is not installed";
      FAIL() << "espeak-ng is installed but the lesson's speech could not be made";
    }
  }
  std::filesystem::path speech;
};

// Must show: a second camera with another frame rate, another microphone and 3.2 s less at
// its start lands within one frame (33 ms at 30 fps) of the first camera.
TEST_F(SoundAlign, SecondCameraWithOtherRateAndLaterStartWithinOneFrame) {
  auto a = make_media("front.mp4", "-f lavfi -i testsrc2=s=160x120:r=30:d=50 " +
                                       device_audio(speech, 0, 50, 48000, 1, 1.0, "", 1) +
                                       " -map 0:v -c:v libx264 -preset ultrafast -c:a aac -shortest");
  auto b = make_media("table.mp4", "-f lavfi -i testsrc2=s=160x120:r=25:d=45 " +
                                       device_audio(speech, 3.2, 45, 44100, 2, 0.5, ",lowpass=f=3000", 1) +
                                       " -map 0:v -c:v libx264 -preset ultrafast -c:a aac -shortest");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  auto r = align(a, b);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_NEAR(r->offset_us, 3'200'000, 33'333) << "drift " << r->drift_ppb;
  EXPECT_GE(r->points_used, 2);
}

// Must show: a lapel microphone starting 1.75 s late, within 10 ms.
TEST_F(SoundAlign, LapelMicrophoneStartingLateWithinTenMs) {
  auto a = make_media("front_audio.m4a", device_audio(speech, 0, 50, 48000, 1, 1.0) + " -c:a aac");
  auto lapel = make_media("lapel.m4a", device_audio(speech, 1.75, 45, 16000, 3, 1.5) + " -c:a aac -b:a 48k");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(lapel.empty());
  auto r = align(a, lapel);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_NEAR(r->offset_us, 1'750'000, 10'000);
}

// Must show: a recording with unrelated sound is refused, with a sentence saying why.
TEST_F(SoundAlign, UnrelatedSoundIsRefused) {
  auto other = other_speech();
  ASSERT_FALSE(other.empty());
  auto a = make_media("front_audio.m4a", device_audio(speech, 0, 50, 48000, 1, 1.0) + " -c:a aac");
  auto u = make_media("unrelated.m4a", device_audio(other, 0, 30, 44100, 4, 1.0) + " -c:a aac");
  ASSERT_FALSE(u.empty());
  auto r = align(a, u);
  ASSERT_FALSE(r.ok()) << "aligned unrelated sound at " << r->offset_us << " us, confidence " << r->confidence;
  EXPECT_NE(r.error().message.find("does not share sound"), std::string::npos) << r.error().message;
}

// Offsets from -30 s to +30 s: the other recording starts that long after (or before) the
// reference, at another sample rate with its own noise.
TEST_F(SoundAlign, OffsetsFromMinus30To30Seconds) {
  // Reference: lesson 35..95 s. Others: 40 s starting at 35 + offset.
  auto ref = make_media("ref_35.wav", device_audio(speech, 35, 60, 16000, 5, 1.0));
  ASSERT_FALSE(ref.empty());
  for (double off : {-30.0, -12.345, -3.2, 0.0, 1.75, 17.5, 30.0}) {
    char name[64];
    std::snprintf(name, sizeof name, "other_%+.3f.wav", off);
    auto other = make_media(name, device_audio(speech, 35 + off, 40, 11025, 6, 0.7));
    ASSERT_FALSE(other.empty());
    auto r = align(ref, other);
    ASSERT_TRUE(r.ok()) << off << ": " << r.error().message;
    EXPECT_NEAR(static_cast<double>(r->offset_us), off * 1e6, 10'000) << "offset " << off;
  }
}

// A gap in one recording (its microphone cut out for 6 s) and long silences in both.
TEST_F(SoundAlign, GapsAndSilenceInOneRecording) {
  auto ref = make_media("ref_0.wav", device_audio(speech, 0, 90, 16000, 5, 1.0, ",volume=enable='between(t,30,42)':volume=0"));
  auto gap = make_media("gap.wav", device_audio(speech, 8.5, 70, 22050, 7, 0.8,
                                                ",volume=enable='between(t,10,16)':volume=0,"
                                                "volume=enable='between(t,45,50)':volume=0"));
  ASSERT_FALSE(ref.empty());
  ASSERT_FALSE(gap.empty());
  auto r = align(ref, gap);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_NEAR(r->offset_us, 8'500'000, 10'000);
}

// A silent recording says so instead of aligning anywhere.
TEST_F(SoundAlign, SilentRecordingIsRefused) {
  auto ref = make_media("ref_0.wav", device_audio(speech, 0, 90, 16000, 5, 1.0, ",volume=enable='between(t,30,42)':volume=0"));
  auto silent = make_media("silent.wav", "-f lavfi -i anullsrc=r=16000:cl=mono -t 30");
  ASSERT_FALSE(silent.empty());
  auto r = align(ref, silent);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("silent"), std::string::npos) << r.error().message;
}

// A camera switched on after the other was switched off shares no sound: refused.
TEST_F(SoundAlign, CameraStartingAfterTheOtherEndsIsRefused) {
  auto first = make_media("first_half.wav", device_audio(speech, 0, 45, 16000, 5, 1.0));
  auto second = make_media("second_half.wav", device_audio(speech, 55, 45, 16000, 6, 1.0));
  ASSERT_FALSE(first.empty());
  ASSERT_FALSE(second.empty());
  auto r = align(first, second);
  ASSERT_FALSE(r.ok()) << "aligned at " << r->offset_us << " us, confidence " << r->confidence;
}

// 100 ppm of clock drift over a 100-minute lesson: the fitted offset and drift keep every
// moment within one frame at the start, the middle and the end. Audio-only, 8 kHz, made of
// random bursts of noise (a lesson's worth of speech would take minutes to synthesise).
TEST(SoundAlignLong, Drift100PpmOver100MinutesWithinOneFrame) {
  const double minutes = 100;
  auto src = make_media("long_src10k.wav", "-f lavfi -i anoisesrc=c=pink:r=10000:d=" + std::to_string(minutes * 60 + 30) +
                                            ":seed=11 -af \"volume='if(gt(random(0),0.6),1,0.03)':eval=frame\"");
  ASSERT_FALSE(src.empty()) << "ffmpeg could not make the long source";
  // Reference: the source as it is (10 kHz). Other: a clock running 100 ppm fast (each
  // source second heard in 1/1.0001 s), starting 12.5 s (its time) into it, at 11025 Hz with
  // its own hiss. (asetrate takes whole hertz: 10001/10000 is exactly 100 ppm.)
  auto ref = make_media("long_ref10k.wav", "-i " + q(src) + " -t " + std::to_string(minutes * 60));
  auto other = make_media(
      "long_drift10k.wav",
      "-i " + q(src) +
          " -filter_complex \"[0:a]asetrate=10001,aresample=11025,atrim=start=12.5,asetpts=PTS-STARTPTS[s];"
          "anoisesrc=c=white:seed=12:a=0.02:r=11025[n];[s][n]amix=inputs=2:duration=first:normalize=0[a]\" -map \"[a]\"");
  ASSERT_FALSE(ref.empty());
  ASSERT_FALSE(other.empty());
  auto r = align(ref, other);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // asetrate 10001 on a 10 kHz source: source time s is heard at other-time s / 1.0001 (minus the 12.5 s cut).
  Recording placed;
  placed.sync_offset_us = r->offset_us;
  placed.drift_ppb = r->drift_ppb;
  const double len = minutes * 60 / 1.0001 - 12.5 - 30;
  for (double t : {0.0, len / 2, len}) {
    const double truth = (12.5 + t) * 1.0001;
    const double got = static_cast<double>(session_time_of(placed, static_cast<TimeUs>(t * 1e6))) / 1e6;
    EXPECT_NEAR(got, truth, 1.0 / 30) << "at other time " << t << " s (drift " << r->drift_ppb << " ppb)";
  }
  EXPECT_NEAR(static_cast<double>(r->drift_ppb), -99'990.0, 2'000.0);
}

}  // namespace
}  // namespace triad
