// The null audio sink plays in real time by the injected clock.
#include <gtest/gtest.h>

#include <vector>

#include "playback/clock.hpp"
#include "playback/null_sinks.hpp"

namespace triad::playback {
namespace {

const media::AudioFormat kFmt{48000, 2, media::SampleFormat::S16};

TEST(NullAudioSink_Clock, ConsumesInRealTimeOnlyWhileRunning) {
  ManualClock clock(5'000'000);
  NullAudioSink sink(clock, kFmt, 9600);
  std::vector<std::uint8_t> data(4800 * 4);
  EXPECT_EQ(sink.write(data.data(), 4800), 4800);
  clock.advance(50'000);
  EXPECT_EQ(sink.frames_buffered(), 4800);  // starts paused, like an SDL device
  sink.set_paused(false);
  clock.advance(50'000);
  EXPECT_EQ(sink.frames_buffered(), 2400);
  sink.set_paused(true);
  clock.advance(1'000'000);
  EXPECT_EQ(sink.frames_buffered(), 2400);
  sink.set_paused(false);
  clock.advance(100'000);
  EXPECT_EQ(sink.frames_buffered(), 0);
  EXPECT_EQ(sink.frames_played(), 4800 + 2400);  // the device plays silence when dry
  EXPECT_EQ(sink.underrun_frames(), 2400);
}

TEST(NullAudioSink_Capacity, WriteTakesOnlyWhatFits) {
  ManualClock clock;
  NullAudioSink sink(clock, kFmt, 1000);
  std::vector<std::uint8_t> data(3000 * 4);
  EXPECT_EQ(sink.write(data.data(), 3000), 1000);
  EXPECT_EQ(sink.write(data.data(), 10), 0);
  sink.flush();
  EXPECT_EQ(sink.frames_buffered(), 0);
  EXPECT_EQ(sink.write(data.data(), 10), 10);
}

TEST(NullAudioSink_Clock, NoDriftOverManySmallSteps) {
  ManualClock clock;
  NullAudioSink sink(clock, media::AudioFormat{44100, 2, media::SampleFormat::F32}, 1 << 30);
  std::vector<std::uint8_t> data(441000 * 8);
  sink.write(data.data(), 441000);
  sink.set_paused(false);
  for (int i = 0; i < 10000; ++i) clock.advance(7);  // 70 ms in 7 µs steps (0.3 frames each)
  EXPECT_EQ(sink.frames_played(), std::int64_t{70'000} * 44100 / 1'000'000);
}

TEST(NullVideoSink_Count, CountsPresentedFrames) {
  NullVideoSink sink;
  sink.present(nullptr, 10);
  sink.present(nullptr, 20);
  EXPECT_EQ(sink.presented(), 2);
  EXPECT_EQ(sink.last_pts_us(), 20);
}

}  // namespace
}  // namespace triad::playback
