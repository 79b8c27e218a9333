// OverviewJob on a real clip: pictures and sound arrive, also while the lesson "plays"
// (the worker then pauses between pieces of work), and a job can be dropped at any time.
#include "app/overview_job.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "test_media.hpp"
#include "../media_tool.hpp"

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
  TRIAD_REQUIRE_MEDIA(!clip.empty(), "the test clip");
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

// Drops `job` on another thread; true when its destructor returned within `bound`. Nobody
// takes pictures here, so a worker that missed the cancel stays blocked on its full
// picture queue (or its pause) for ever: the bound catches that hang and says nothing
// about speed (a working drop takes milliseconds).
bool dropped_within(std::unique_ptr<OverviewJob> job, std::chrono::seconds bound) {
  auto dropped = std::make_shared<std::promise<void>>();
  std::future<void> done = dropped->get_future();
  std::thread([job = std::move(job), dropped]() mutable {
    job.reset();
    dropped->set_value();
  }).detach();  // on a hang the thread is left behind: the test has failed anyway
  return done.wait_for(bound) == std::future_status::ready;
}

TEST(OverviewJob, CanBeDroppedWhilePausedForPlayback) {
  const auto clip = lesson_clip();
  TRIAD_REQUIRE_MEDIA(!clip.empty(), "the test clip");
  for (int i = 0; i < 3; ++i) {
    auto job = std::make_unique<OverviewJob>(clip, 48, 2000);
    job->set_playback_busy(true);
    if (i > 0) {
      // Wait (bounded) until pictures are under way: the worker is then in its pause
      // between pictures or blocked on the queue nobody empties.
      auto under_way = [&] {
        const std::string p = job->progress();
        return p.rfind("Pictures ", 0) == 0 && p != "Pictures 0%";
      };
      for (int n = 0; n < 4000 && !under_way(); ++n) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      EXPECT_NE(job->progress().find("Pictures"), std::string::npos) << "after " << i;
      EXPECT_FALSE(job->done()) << "48 pictures cannot all be handed over when nobody takes them";
    }
    ASSERT_TRUE(dropped_within(std::move(job), std::chrono::seconds(20))) << "the job ignored its cancel (drop " << i << ")";
  }
}

}  // namespace
}  // namespace triad::app
