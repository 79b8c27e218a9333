// OverviewJob on a real clip: pictures and sound arrive, also while the lesson "plays"
// (the worker then pauses between pieces of work), and a job can be dropped at any time.
#include "app/overview_job.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "test_media.hpp"

namespace triad::app {
namespace {

std::filesystem::path lesson_clip() {
  return triad::test::make_clip("overview.mp4",
                                "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 "
                                "-t 8 -c:v libx264 -preset ultrafast -g 25 -pix_fmt yuv420p -c:a aac -shortest");
}

// Waits (bounded, generously) for the job to finish, collecting what it hands over.
void drain(OverviewJob& job, std::vector<media::Thumbnail>& thumbs, std::optional<media::Waveform>& wave) {
  for (int i = 0; i < 3000 && !(job.done() && wave); ++i) {
    for (auto& t : job.take_thumbnails(8)) thumbs.push_back(std::move(t));
    if (auto w = job.take_waveform()) wave = std::move(w);
    if (job.done()) {
      for (auto& t : job.take_thumbnails(64)) thumbs.push_back(std::move(t));
      if (auto w = job.take_waveform()) wave = std::move(w);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TEST(OverviewJob, WhilePlayingStillDeliversSmallPicturesAndTheSound) {
  const auto clip = lesson_clip();
  if (clip.empty()) GTEST_SKIP() << "ffmpeg could not make the test clip (is the ffmpeg CLI installed?)";
  OverviewJob job(clip, 6, 200);
  job.set_playback_busy(true);
  std::vector<media::Thumbnail> thumbs;
  std::optional<media::Waveform> wave;
  drain(job, thumbs, wave);
  ASSERT_TRUE(job.done());
  ASSERT_EQ(thumbs.size(), 6u);
  for (std::size_t i = 0; i < thumbs.size(); ++i) {
    EXPECT_EQ(thumbs[i].index, static_cast<int>(i));
    EXPECT_EQ(thumbs[i].frame.height, 180) << "shrunk for the strip before the window uploads it";
    EXPECT_EQ(thumbs[i].frame.width, 320);
  }
  ASSERT_TRUE(wave.has_value());
  EXPECT_EQ(wave->max.size(), 200u);
}

TEST(OverviewJob, CanBeDroppedWhilePausedForPlayback) {
  const auto clip = lesson_clip();
  if (clip.empty()) GTEST_SKIP() << "ffmpeg could not make the test clip (is the ffmpeg CLI installed?)";
  for (int i = 0; i < 3; ++i) {
    OverviewJob job(clip, 48, 2000);
    job.set_playback_busy(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * i));
  }  // each destructor cancels and joins: the test ends (ctest's timeout would say if not)
  SUCCEED();
}

}  // namespace
}  // namespace triad::app
