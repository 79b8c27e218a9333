// No exception leaves a playback thread: the pipeline's demux/video/audio threads and the
// player's thread turn one into an error with a sentence (error(), last_error) and the
// program goes on, where std::terminate used to end it without a word.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "../media_tool.hpp"
#include "fake_source.hpp"
#include "media/pipeline.hpp"
#include "playback/clock.hpp"
#include "playback/null_sinks.hpp"
#include "playback/player.hpp"
#include "test_media.hpp"

namespace triad::playback {
namespace {

const media::AudioFormat kFmt{48000, 2, media::SampleFormat::F32};

// A FakeSource whose pictures throw once armed (a decoder wrapper with a bug).
class ThrowingSource final : public media::FrameSource {
 public:
  explicit ThrowingSource(bool armed) : armed_(armed), inner_(seconds_us(10), 40'000, false, kFmt) {}
  const media::SourceInfo& info() const override { return inner_.info(); }
  std::uint64_t seek(TimeUs t, media::SeekMode m) override { return inner_.seek(t, m); }
  std::optional<media::VideoItem> peek_video() override {
    if (armed_) throw std::runtime_error("the picture queue broke");
    return inner_.peek_video();
  }
  std::optional<media::VideoItem> pop_video() override {
    if (armed_) throw std::runtime_error("the picture queue broke");
    return inner_.pop_video();
  }
  std::optional<media::AudioItem> pop_audio() override { return inner_.pop_audio(); }
  std::optional<Error> error() const override { return std::nullopt; }
  void set_wakeup(std::function<void()>) override {}
  void report_video_lag(TimeUs) override {}
  bool armed_;

 private:
  test::FakeSource inner_;
};

TEST(Player_WorkerGuard, AnExceptionInPumpClosesTheFileWithASentence) {
  ManualClock clock(seconds_us(1));
  NullAudioSink audio(clock, kFmt, kFmt.sample_rate / 5);
  NullVideoSink video;
  PlayerOptions o;
  o.run_thread = false;
  Player player(clock, &audio, &video, o);
  auto src = std::make_unique<ThrowingSource>(false);
  ThrowingSource* raw = src.get();
  player.open(std::move(src));
  player.pump();
  ASSERT_TRUE(player.snapshot().open);
  player.play();
  raw->armed_ = true;
  clock.advance(40'000);
  EXPECT_NO_THROW(player.pump());
  const auto s = player.snapshot();
  EXPECT_FALSE(s.open);
  EXPECT_FALSE(s.playing);
  ASSERT_TRUE(s.last_error.has_value());
  EXPECT_EQ(s.last_error->message, "Playback stopped on an unexpected error: the picture queue broke.");
  EXPECT_NO_THROW(player.pump());  // the closed player stays usable
}

TEST(Player_WorkerGuard, ThePlayerThreadSurvivesAThrowingSource) {
  SteadyClock clock;
  NullAudioSink audio(clock, kFmt, kFmt.sample_rate / 5);
  NullVideoSink video;
  Player player(clock, &audio, &video, PlayerOptions{});  // its own thread pumps
  player.open(std::make_unique<ThrowingSource>(true));
  std::optional<Error> err;
  for (int i = 0; i < 500 && !err; ++i) {  // bounded wait for the thread, not a timing assert
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    err = player.snapshot().last_error;
  }
  ASSERT_TRUE(err.has_value()) << "the player thread never reported the exception";
  EXPECT_NE(err->message.find("the picture queue broke"), std::string::npos) << err->message;
}

std::filesystem::path small_clip() {
  return test::make_clip("guard.mp4",
                         "-f lavfi -i testsrc2=size=160x120:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 "
                         "-t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest");
}

TEST(Pipeline_WorkerGuard, EachThreadTurnsAnExceptionIntoError) {
  const auto clip = small_clip();
  TRIAD_REQUIRE_MEDIA(!clip.empty(), "the test clip");
  for (const std::string thread : {"demux", "video", "audio"}) {
    media::PipelineOptions o;
    o.on_thread_start = [thread](const char* name) {
      if (thread == name) throw std::runtime_error("injected fault in the " + thread + " thread");
    };
    auto p = media::Pipeline::open(clip, o);
    ASSERT_TRUE(p.ok()) << p.error().message;
    std::optional<Error> err;
    for (int i = 0; i < 500 && !err; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      err = (*p)->error();
    }
    ASSERT_TRUE(err.has_value()) << thread << " thread: no error() after its exception";
    EXPECT_EQ(err->message, "Playing guard.mp4 stopped on an unexpected error: injected fault in the " + thread +
                                " thread.");
    p->reset();  // stops and joins the other threads
  }
}

}  // namespace
}  // namespace triad::playback
