// A/V sync logic of the Player on a ManualClock: no sleeping, every time exact.
#include <gtest/gtest.h>

#include <memory>

#include "fake_source.hpp"
#include "playback/clock.hpp"
#include "playback/null_sinks.hpp"
#include "playback/player.hpp"

namespace triad::playback {
namespace {

using test::FakeSource;

constexpr TimeUs kFrame = 40'000;  // 25 fps
const media::AudioFormat kFmt{48000, 2, media::SampleFormat::F32};

struct Rig {
  explicit Rig(bool with_audio, TimeUs duration = seconds_us(10))
      : clock(seconds_us(1)), audio(clock, kFmt, kFmt.sample_rate / 5), player(clock, &audio, &video, manual()) {
    auto src = std::make_unique<FakeSource>(duration, kFrame, with_audio, kFmt);
    source = src.get();
    player.open(std::move(src));
    player.pump();
  }
  static PlayerOptions manual() {
    PlayerOptions o;
    o.run_thread = false;
    o.max_wait_us = seconds_us(1);  // so pump()'s deadline shows when the next frame is due
    return o;
  }
  // Advances the clock in `step` increments, pumping after each, for `total`.
  void run(TimeUs total, TimeUs step = 1'000) {
    for (TimeUs t = 0; t < total; t += step) {
      clock.advance(step);
      player.pump();
    }
  }
  PlayerSnapshot snap() const { return player.snapshot(); }

  ManualClock clock;
  NullAudioSink audio;
  NullVideoSink video;
  Player player;
  FakeSource* source = nullptr;
};

TEST(Player_Sync, OpenShowsFirstFramePaused) {
  Rig r(false);
  const auto s = r.snap();
  EXPECT_TRUE(s.open);
  EXPECT_FALSE(s.playing);
  EXPECT_FALSE(s.buffering);
  EXPECT_EQ(s.frame_pts_us, 0);
  EXPECT_EQ(r.video.presented(), 1);
  ASSERT_NE(s.frame, nullptr);
}

TEST(Player_Sync, FramesShownAtTheirPresentationTime) {
  Rig r(false);
  r.player.play();
  const TimeUs next = r.player.pump();
  EXPECT_EQ(next, r.clock.now_us() + kFrame);  // sleeps exactly until the next frame is due
  r.run(kFrame - 1'000);
  EXPECT_EQ(r.snap().frame_pts_us, 0);
  r.run(1'000);
  EXPECT_EQ(r.snap().frame_pts_us, kFrame);
  // One second in 1 ms steps: every frame appears exactly when the clock reaches it.
  for (int i = 0; i < 1000; ++i) {
    r.clock.advance(1'000);
    r.player.pump();
    const auto s = r.snap();
    EXPECT_EQ(s.frame_pts_us, s.position_us / kFrame * kFrame) << "at " << s.position_us;
  }
  const auto s = r.snap();
  EXPECT_EQ(s.position_us, kFrame + seconds_us(1));
  EXPECT_EQ(s.stats.frames_dropped, 0);
  EXPECT_EQ(s.stats.frames_shown, 1 + 1 + 25);
  EXPECT_EQ(s.stats.av_offset_max_us, 0);
}

TEST(Player_Sync, LateFramesAreDroppedNotQueued) {
  Rig r(false);
  r.player.play();
  r.player.pump();
  r.clock.advance(200'000);  // the player thread was held up for 200 ms
  r.player.pump();
  auto s = r.snap();
  EXPECT_EQ(s.frame_pts_us, 200'000);
  EXPECT_EQ(s.stats.frames_dropped, 4);  // 40, 80, 120, 160 ms: superseded, never shown
  EXPECT_EQ(s.stats.frames_shown, 2);
  r.run(40'000);
  s = r.snap();
  EXPECT_EQ(s.frame_pts_us, 240'000);
  EXPECT_EQ(s.stats.frames_dropped, 4);
}

TEST(Player_Sync, ReportsVideoLagToTheSource) {
  Rig r(false);
  r.source->video_until_us = 160'000;  // the decoder falls behind after 120 ms
  r.player.play();
  r.run(300'000);
  EXPECT_EQ(r.snap().frame_pts_us, 120'000);
  EXPECT_EQ(r.source->last_reported_lag, 0);  // every frame so far was shown on time
  r.source->video_until_us = 200'000;  // one more frame arrives, 140 ms late
  r.player.pump();
  EXPECT_EQ(r.snap().frame_pts_us, 160'000);
  EXPECT_EQ(r.source->last_reported_lag, 140'000);
  r.source->video_until_us.reset();  // caught up: the next frames are on time again
  r.run(100'000);
  EXPECT_EQ(r.source->last_reported_lag, 0);
}

TEST(Player_Sync, PauseFreezesTheClock) {
  Rig r(false);
  r.player.play();
  r.run(100'000);
  r.player.pause();
  const auto before = r.snap();
  EXPECT_EQ(before.position_us, 100'000);
  r.run(seconds_us(1), 10'000);
  const auto paused = r.snap();
  EXPECT_EQ(paused.position_us, 100'000);
  EXPECT_EQ(paused.frame_pts_us, 80'000);
  EXPECT_EQ(paused.stats.frames_shown, before.stats.frames_shown);
  r.player.play();
  r.run(40'000);
  EXPECT_EQ(r.snap().position_us, 140'000);
  EXPECT_EQ(r.snap().frame_pts_us, 120'000);
}

TEST(Player_Sync, PauseFreezesTheAudioClock) {
  Rig r(true);
  r.player.play();
  r.run(100'000);
  r.player.pause();
  const TimeUs at = r.snap().position_us;
  r.run(seconds_us(1), 10'000);
  EXPECT_EQ(r.snap().position_us, at);
  r.player.play();
  r.run(100'000);
  EXPECT_NEAR(static_cast<double>(r.snap().position_us), static_cast<double>(at + 100'000), 1'000.0);
}

TEST(Player_Sync, SpeedScalesTheClock) {
  Rig r(false);
  r.player.set_speed(2.0);
  r.player.play();
  r.run(100'000);
  auto s = r.snap();
  EXPECT_EQ(s.position_us, 200'000);
  EXPECT_EQ(s.frame_pts_us, 200'000);
  EXPECT_EQ(s.stats.frames_dropped, 0);  // pumped every ms: each frame had its turn
  r.player.set_speed(0.5);
  r.run(100'000);
  EXPECT_EQ(r.snap().position_us, 250'000);
  r.player.set_speed(0.25);
  r.run(400'000);
  EXPECT_EQ(r.snap().position_us, 350'000);
  r.player.set_speed(8.0);
  EXPECT_EQ(r.snap().speed, 2.0);
  r.player.set_speed(0.1);
  EXPECT_EQ(r.snap().speed, 0.25);
}

TEST(Player_Sync, AudioIsTheMasterClock) {
  Rig r(true);
  r.player.play();
  r.player.pump();  // the device starts here
  r.run(50'000);
  auto s = r.snap();
  // The null device consumed 50 ms of samples; the clock is the sample at the speaker
  // (to a microsecond: 1024-sample chunks are 21333.3 µs).
  EXPECT_NEAR(static_cast<double>(s.position_us), 50'000.0, 2.0);
  EXPECT_EQ(s.frame_pts_us, 40'000);
  EXPECT_EQ(r.audio.underrun_frames(), 0);
  // The audio decoder starves at 300 ms (its last chunk ends at 320 ms): the clock, and
  // so the video, waits for it.
  r.source->audio_until_us = 300'000;
  r.run(seconds_us(1), 5'000);
  s = r.snap();
  const TimeUs last_sample_end = 15 * 1024 * kUsPerSecond / 48000;  // 320 ms
  EXPECT_NEAR(static_cast<double>(s.position_us), static_cast<double>(last_sample_end), 2.0);
  EXPECT_GE(s.frame_pts_us, 280'000);  // 320 ms is due only if rounding lands on or past it
  EXPECT_LE(s.frame_pts_us, s.position_us);
  EXPECT_GT(r.audio.underrun_frames(), 0);
  // Audio arrives again: playback resumes from where the sound stopped.
  r.source->audio_until_us.reset();
  r.run(100'000, 5'000);
  EXPECT_GT(r.snap().position_us, 350'000);
}

TEST(Player_Sync, AudioKeepsPitchAtDoubleSpeed) {
  Rig r(true);
  r.player.set_speed(2.0);
  r.player.play();
  r.run(500'000, 5'000);
  const auto s = r.snap();
  // atempo delivers its output a window late; the clock stays within that of 2x.
  EXPECT_NEAR(static_cast<double>(s.position_us), 1'000'000.0, 60'000.0);
  EXPECT_FALSE(s.last_error.has_value()) << s.last_error->message;
  EXPECT_LE(std::llabs(s.frame_pts_us - s.position_us), kFrame);
}

TEST(Player_Sync, LoopWrapsBackToA) {
  Rig r(false);
  r.player.set_loop(seconds_us(1), 1'500'000);
  r.player.seek(seconds_us(1));
  r.player.pump();
  r.player.play();
  bool wrapped = false;
  TimeUs prev = 0;
  for (int i = 0; i < 1200; ++i) {
    r.clock.advance(1'000);
    r.player.pump();
    const auto s = r.snap();
    EXPECT_GE(s.position_us, seconds_us(1));
    EXPECT_LE(s.position_us, 1'500'000);
    if (s.frame_pts_us < prev) wrapped = true;
    prev = s.frame_pts_us;
  }
  EXPECT_TRUE(wrapped);
  EXPECT_GE(r.source->seeks, 4);  // open, seek, and at least two wraps
  EXPECT_TRUE(r.snap().playing);
}

TEST(Player_Sync, LoopWrapsWithAudio) {
  Rig r(true);
  r.player.set_loop(200'000, 400'000);
  r.player.play();
  r.run(seconds_us(1), 5'000);
  const auto s = r.snap();
  EXPECT_GE(s.position_us, 200'000);
  EXPECT_LE(s.position_us, 400'000 + 5'000);
  EXPECT_TRUE(s.loop_a_us.has_value());
  r.player.clear_loop();
  EXPECT_FALSE(r.snap().loop_a_us.has_value());
}

TEST(Player_Sync, StepsForwardAndBackWhilePaused) {
  Rig r(true);
  r.player.step(+1);
  r.player.pump();
  EXPECT_EQ(r.snap().frame_pts_us, kFrame);
  r.player.step(+1);
  r.player.pump();
  EXPECT_EQ(r.snap().frame_pts_us, 2 * kFrame);
  EXPECT_EQ(r.snap().position_us, 2 * kFrame);
  r.player.step(-1);
  r.player.pump();
  r.player.pump();
  auto s = r.snap();
  EXPECT_EQ(s.frame_pts_us, kFrame);
  EXPECT_EQ(s.position_us, kFrame);
  EXPECT_FALSE(s.playing);
  // Play resumes from the stepped-to frame, with audio seeked there too.
  r.player.play();
  r.player.pump();
  r.run(100'000, 5'000);
  EXPECT_NEAR(static_cast<double>(r.snap().position_us), static_cast<double>(kFrame + 100'000), 1'000.0);
}

TEST(Player_Sync, StepBackAtFirstFrameStays) {
  Rig r(false);
  r.player.step(-1);
  r.player.pump();
  r.player.pump();
  EXPECT_EQ(r.snap().frame_pts_us, 0);
}

TEST(Player_Sync, StepPausesPlayback) {
  Rig r(false);
  r.player.play();
  r.run(100'000);
  r.player.step(+1);
  r.player.pump();
  const auto s = r.snap();
  EXPECT_FALSE(s.playing);
  EXPECT_EQ(s.frame_pts_us, 120'000);
}

TEST(Player_Sync, ScrubShowsKeyframePreviewsAndCoalesces) {
  Rig r(false);
  const int seeks0 = r.source->seeks;
  r.player.begin_scrub();
  r.source->video_until_us = 0;  // the decoder is slow: previews do not arrive yet
  r.player.scrub_to(seconds_us(1));
  r.player.pump();
  EXPECT_EQ(r.source->seeks, seeks0 + 1);
  EXPECT_EQ(r.source->last_seek_mode, media::SeekMode::Keyframe);
  r.player.scrub_to(seconds_us(2));
  r.player.scrub_to(seconds_us(3));
  r.player.pump();
  r.player.pump();
  EXPECT_EQ(r.source->seeks, seeks0 + 1);  // no new preview while one is outstanding
  EXPECT_EQ(r.snap().position_us, seconds_us(3));  // but the UI sees where the pointer is
  r.source->video_until_us.reset();
  r.player.pump();  // the 1 s preview arrives: keyframe at 0.8 s
  EXPECT_EQ(r.snap().frame_pts_us, 800'000);
  r.player.pump();  // only the newest position is requested next
  EXPECT_EQ(r.source->seeks, seeks0 + 2);
  EXPECT_EQ(r.source->last_seek_target, seconds_us(3));
  r.player.end_scrub(3'300'000);
  r.player.pump();
  EXPECT_EQ(r.source->seeks, seeks0 + 3);
  EXPECT_EQ(r.source->last_seek_mode, media::SeekMode::Exact);
  const auto s = r.snap();
  EXPECT_EQ(s.frame_pts_us, 3'280'000);
  EXPECT_EQ(s.position_us, 3'300'000);
  EXPECT_FALSE(s.playing);
}

TEST(Player_Sync, ScrubResumesPlayingAfterRelease) {
  Rig r(true);
  r.player.play();
  r.run(50'000);
  r.player.begin_scrub();
  EXPECT_FALSE(r.snap().playing);
  r.player.scrub_to(seconds_us(5));
  r.player.pump();
  r.player.end_scrub(seconds_us(6));
  r.player.pump();
  r.run(100'000, 5'000);
  const auto s = r.snap();
  EXPECT_TRUE(s.playing);
  EXPECT_NEAR(static_cast<double>(s.position_us), static_cast<double>(seconds_us(6) + 100'000), 1'000.0);
}

TEST(Player_Sync, SeeksCoalesceLastWins) {
  Rig r(false);
  const int seeks0 = r.source->seeks;
  for (int i = 1; i <= 50; ++i) r.player.seek(i * 100'000);
  r.player.pump();
  EXPECT_EQ(r.source->seeks, seeks0 + 1);
  EXPECT_EQ(r.snap().frame_pts_us, 5'000'000);
}

TEST(Player_Sync, JumpsAreRelativeAndClamped) {
  Rig r(false);
  r.player.seek(seconds_us(5));
  r.player.pump();
  r.player.jump(seconds_us(2));
  r.player.jump(seconds_us(2));  // before the first landed: they add up
  r.player.pump();
  EXPECT_EQ(r.snap().position_us, seconds_us(9));
  r.player.jump(seconds_us(60));
  r.player.pump();
  EXPECT_EQ(r.snap().position_us, seconds_us(10));
  r.player.jump(-seconds_us(60));
  r.player.pump();
  EXPECT_EQ(r.snap().position_us, 0);
  r.player.jump_to_end();
  r.player.pump();
  EXPECT_EQ(r.snap().frame_pts_us, seconds_us(10) - kFrame);
  r.player.jump_to_start();
  r.player.pump();
  EXPECT_EQ(r.snap().frame_pts_us, 0);
}

TEST(Player_Sync, StopsAtTheEnd) {
  Rig r(true, seconds_us(1));
  r.player.play();
  r.run(1'500'000, 5'000);
  auto s = r.snap();
  EXPECT_FALSE(s.playing);
  EXPECT_TRUE(s.at_end);
  EXPECT_EQ(s.frame_pts_us, 960'000);
  EXPECT_GE(s.position_us, 960'000);
  EXPECT_LE(s.position_us, seconds_us(1));
  // Play at the end starts over.
  r.player.play();
  r.player.pump();
  r.run(100'000, 5'000);
  s = r.snap();
  EXPECT_TRUE(s.playing);
  EXPECT_LT(s.position_us, 200'000);
}

TEST(Player_Sync, VolumeAndMuteAreReported) {
  Rig r(true);
  r.player.set_volume(0.5f);
  r.player.set_muted(true);
  auto s = r.snap();
  EXPECT_FLOAT_EQ(s.volume, 0.5f);
  EXPECT_TRUE(s.muted);
  r.player.set_volume(7.0f);
  EXPECT_FLOAT_EQ(r.snap().volume, 2.0f);
}

}  // namespace
}  // namespace triad::playback
