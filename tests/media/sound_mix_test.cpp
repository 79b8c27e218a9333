// Other recordings' sound placed on one file's time and mixed (media/sound_mix.hpp): what is
// heard at mix time t is what the recording heard at its own time (t - offset) * (1 + drift),
// silence where it has none; several sounds add up. WAV files made with the ffmpeg CLI at
// test time (PCM: no codec delay blurs where an onset falls).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "../media_tool.hpp"
#include "media/sound_mix.hpp"
#include "media/pipeline.hpp"
#include "media_fixture.hpp"

namespace triad::media {
namespace {

namespace fs = std::filesystem;
using test::media_dir;
using test::quote;
using test::run;

constexpr int kRate = 48000;

// A WAV of `seconds` at `rate` Hz: silence until `onset` s, then a sine of `freq` Hz.
fs::path tone(const std::string& name, double freq, double onset, double seconds, int rate = 44100) {
  const fs::path p = media_dir() / name;
  if (fs::exists(p)) return p;
  // aevalsrc, not a volume filter's enable=: that switches per filter frame (23 ms), not per sample.
  const std::string cmd = "ffmpeg -v error -y -f lavfi -i \"aevalsrc='0.125*sin(2*PI*" + std::to_string(freq) +
                          "*t)*gte(t," + std::to_string(onset) + ")':s=" + std::to_string(rate) + ":d=" +
                          std::to_string(seconds) + "\" -c:a pcm_s16le " + quote(p);
  return run(cmd) == 0 ? p : fs::path();
}

// Energy of `freq` Hz in channel 0 of interleaved stereo (Goertzel), per sample.
double energy(const std::vector<float>& s, double freq, std::size_t from = 0, std::size_t to = SIZE_MAX) {
  to = std::min(to, s.size() / 2);
  const double w = 2 * std::numbers::pi * freq / kRate, k = 2 * std::cos(w);
  double a = 0, b = 0;
  for (std::size_t i = from; i < to; ++i) {
    const double x = s[2 * i] + k * a - b;
    b = a;
    a = x;
  }
  const double n = static_cast<double>(to > from ? to - from : 1);
  return (a * a + b * b - k * a * b) / (n * n);
}

// The first frame whose sample rises above 0.04 (the tones peak at 0.125, 0.088 once a mono
// file is spread over two channels) (-1: none).
std::int64_t onset_frame(const std::vector<float>& s) {
  for (std::size_t i = 0; i < s.size() / 2; ++i)
    if (std::fabs(s[2 * i]) > 0.04f) return static_cast<std::int64_t>(i);
  return -1;
}

Result<std::vector<float>> read_mix(const std::vector<SoundPlacement>& sounds, TimeUs from, TimeUs length) {
  auto reader = SoundMixReader::open(sounds, AudioFormat{kRate, 2, SampleFormat::F32}, from + length);
  if (!reader) return reader.error();
  return (*reader)->read(from, length * kRate / 1'000'000);
}

// The onset at own time 8 s of a recording placed at 1.5 s falls at mix time 9.5 s; with the
// recording's clock 1000 ppm fast, 8 s of its own time last 8 / 1.001 s of mix time.
TEST(SoundMix_Placement, AnOnsetFallsAtItsMixTimeWithOffsetAndDrift) {
  const fs::path f = tone("mix_onset.wav", 1000, 8.0, 10.0);
  TRIAD_REQUIRE_MEDIA(!f.empty(), "the onset tone");
  for (const std::int64_t drift : {std::int64_t{0}, std::int64_t{1'000'000}, std::int64_t{-1'000'000}}) {
    const SoundPlacement p{f, 1'500'000, drift};
    const TimeUs from = 9'000'000;
    auto s = read_mix({p}, from, 1'000'000);
    ASSERT_TRUE(s.ok()) << s.error().message;
    // Where the own time 8 s falls on the mix: offset + 8 s * 1e9 / (1e9 + drift).
    const double mix_onset_s = 1.5 + 8.0 * 1e9 / (1e9 + static_cast<double>(drift));
    // The sine starts at 0 and crosses the threshold 4 samples later (asin(0.04 / 0.088) / 2 pi kHz).
    const auto want = static_cast<std::int64_t>(std::llround((mix_onset_s - 9.0) * kRate)) + 4;
    const std::int64_t got = onset_frame(*s);
    EXPECT_NEAR(static_cast<double>(got), static_cast<double>(want), 3.0) << "drift " << drift << " ppb";
    EXPECT_EQ(placed_time(p, static_cast<TimeUs>(std::llround(mix_onset_s * 1e6))) / 1000, 8000) << drift;
  }
}

// Before a sound starts and after it ends, the mix is silent; two sounds are both heard.
TEST(SoundMix_Mix, SilenceWhereASoundHasNoneAndBothWhenMixed) {
  const fs::path low = tone("mix_440.wav", 440, 0, 4.0), high = tone("mix_2500.wav", 2500, 0, 4.0, 16000);
  TRIAD_REQUIRE_MEDIA(!low.empty() && !high.empty(), "the two tones");
  // `low` plays over mix time [2, 6), `high` over [5, 9).
  const SoundPlacement a{low, 2'000'000, 0}, b{high, 5'000'000, 0};
  auto s = read_mix({a, b}, 0, 10'000'000);
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto part = [&](double t0, double t1, double f) {
    return energy(*s, f, static_cast<std::size_t>(t0 * kRate), static_cast<std::size_t>(t1 * kRate));
  };
  EXPECT_LT(part(0.1, 1.9, 440) + part(0.1, 1.9, 2500), 1e-6) << "silence before either starts";
  EXPECT_GT(part(2.2, 4.8, 440), 1e-4);
  EXPECT_LT(part(2.2, 4.8, 2500), 1e-5);
  EXPECT_GT(part(5.2, 5.8, 440), 1e-4) << "both heard where both play";
  EXPECT_GT(part(5.2, 5.8, 2500), 1e-4) << "both heard where both play";
  EXPECT_LT(part(6.2, 8.8, 440), 1e-5);
  EXPECT_GT(part(6.2, 8.8, 2500), 1e-4);
  EXPECT_LT(part(9.1, 9.9, 440) + part(9.1, 9.9, 2500), 1e-6) << "silence after both ended";
}

// A player drains sound while paused: the mix stops a few seconds ahead of the pictures
// rather than decoding a whole lesson of silence in one go; the blocks follow each other
// without a gap and carry the seek's serial.
TEST(SoundMix_Source, SoundNeverRunsFarAheadOfThePictures) {
  const fs::path f = tone("mix_short.wav", 440, 0, 2.0);
  const fs::path v = media_dir() / "mix_picture.mp4";
  if (!fs::exists(v))
    run("ffmpeg -v error -y -f lavfi -i testsrc2=s=64x48:r=10:d=20 -c:v libx264 -preset ultrafast " + quote(v));
  TRIAD_REQUIRE_MEDIA(!f.empty() && fs::exists(v), "the tone and the picture");
  PipelineOptions po;
  po.audio = false;
  auto picture = Pipeline::open(v, po);
  ASSERT_TRUE(picture.ok()) << picture.error().message;
  // Placed far later than the mix's start: every block is silence, ready at once.
  auto mix = SoundMixSource::open(std::move(picture.value()), {SoundPlacement{f, 600'000'000, 0}},
                                  AudioFormat{kRate, 2, SampleFormat::S16});
  ASSERT_TRUE(mix.ok()) << mix.error().message;
  EXPECT_EQ((*mix)->info().duration_us, 20'000'000);
  (*mix)->set_wakeup([] {});
  const auto serial = (*mix)->seek(1'000'000, SeekMode::Exact);
  std::int64_t frames = 0;
  while (auto item = (*mix)->pop_audio()) {
    ASSERT_FALSE(item->eof);
    EXPECT_EQ(item->serial, serial);
    EXPECT_EQ(item->pts_us, 1'000'000 + (frames * 1'000'000 + kRate / 2) / kRate);
    ASSERT_EQ(item->data.size(), static_cast<std::size_t>(item->frames) * 4);
    frames += item->frames;
    ASSERT_LT(frames, 20 * kRate) << "the sound ran on without the pictures";
  }
  EXPECT_GE(frames * 1'000'000 / kRate, SoundMixSource::kLeadLimitUs);
  EXPECT_LE(frames * 1'000'000 / kRate, SoundMixSource::kLeadLimitUs + 100'000);
}

TEST(SoundMix_Source, ASoundWithoutASoundTrackIsRefusedByName) {
  const fs::path v = media_dir() / "mix_silent_video.mp4";
  if (!fs::exists(v))
    run("ffmpeg -v error -y -f lavfi -i testsrc2=s=64x48:r=10:d=1 -c:v libx264 -preset ultrafast " + quote(v));
  TRIAD_REQUIRE_MEDIA(fs::exists(v), "a video without sound");
  auto mix = SoundMixSource::open(nullptr, {SoundPlacement{v, 0, 0}}, AudioFormat{}, 0);
  ASSERT_FALSE(mix.ok());
  EXPECT_NE(mix.error().message.find("mix_silent_video.mp4"), std::string::npos) << mix.error().message;
}

}  // namespace
}  // namespace triad::media
