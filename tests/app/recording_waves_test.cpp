// RecordingWaves: the timeline's wave for every recording besides the clock, read one at a
// time in the background, on clips made with the ffmpeg CLI: each arrives once, a missing
// file gets none, and a recording removed or moved to another file is forgotten.
#include "app/recording_waves.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include "test_media.hpp"
#include "../media_tool.hpp"

namespace triad::app {
namespace {

Recording recording(RowId id, const std::filesystem::path& path) {
  Recording r;
  r.id = id;
  r.session_id = 1;
  r.path = path.string();
  return r;
}

// Updates as the window does each frame (bounded, generously) until every wave is made.
std::map<RowId, media::Waveform> run(RecordingWaves& waves, const std::vector<Recording>& recs) {
  std::map<RowId, media::Waveform> got;
  for (int i = 0; i < 3000 && !waves.all_made(recs); ++i) {
    for (auto& [id, w] : waves.update(recs, false)) {
      EXPECT_FALSE(got.count(id)) << "recording " << id << "'s wave came twice";
      got[id] = std::move(w);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return got;
}

TEST(RecordingWaves, EveryRecordingButTheClockGetsItsOwnWaveOnce) {
  const auto clock = test::make_clip("waves-clock.mp4",
                                     "-f lavfi -i testsrc2=size=320x180:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 "
                                     "-t 4 -c:v libx264 -preset ultrafast -c:a aac -shortest");
  const auto lapel = test::make_clip("waves-lapel.m4a", "-f lavfi -i sine=frequency=300:sample_rate=44100:duration=3 -c:a aac");
  const auto table = test::make_clip("waves-table.wav", "-f lavfi -i sine=frequency=600:sample_rate=16000:duration=6");
  TRIAD_REQUIRE_MEDIA(!clock.empty() && !lapel.empty() && !table.empty(), "the test clips");
  std::vector<Recording> recs = {recording(1, clock), recording(2, lapel), recording(3, table),
                                 recording(4, lapel.parent_path() / "not-here.m4a")};
  RecordingWaves waves(500);
  const auto got = run(waves, recs);
  ASSERT_TRUE(waves.all_made(recs));
  EXPECT_FALSE(got.count(1)) << "the clock's sound is the Sound lane's, not a row's";
  ASSERT_TRUE(got.count(2));
  ASSERT_TRUE(got.count(3));
  EXPECT_FALSE(got.count(4)) << "a missing file has no wave";
  EXPECT_NEAR(static_cast<double>(got.at(2).duration_us), 3e6, 0.1e6);
  EXPECT_NEAR(static_cast<double>(got.at(3).duration_us), 6e6, 0.1e6);
  EXPECT_EQ(got.at(2).max.size(), 500u);
  EXPECT_EQ(waves.busy_for(), 0);
  EXPECT_TRUE(waves.update(recs, false).empty()) << "nothing is read twice";

  // Removed, or another file now: forgotten (the window drops its wave), and read again.
  recs.erase(recs.begin() + 1);
  recs[1].path = lapel.string();
  auto dropped = waves.take_dropped();
  EXPECT_TRUE(dropped.empty());
  (void)waves.update(recs, false);
  dropped = waves.take_dropped();
  std::sort(dropped.begin(), dropped.end());
  EXPECT_EQ(dropped, (std::vector<RowId>{2, 3}));
  const auto again = run(waves, recs);
  ASSERT_TRUE(again.count(3));
  EXPECT_NEAR(static_cast<double>(again.at(3).duration_us), 3e6, 0.1e6) << "recording 3 is the lapel's file now";
}

}  // namespace
}  // namespace triad::app
