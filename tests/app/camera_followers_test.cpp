// The session's other cameras follow the open file (app/camera_followers via PlayerMedia):
// paused, each shows exactly its own frame at the session time (offset and drift applied);
// a frame step on another camera moves the transport to its frame's session time; while
// playing, a camera never shows a frame before the shared clock reaches it. Real engine,
// null sinks, clips made with the ffmpeg CLI at test time.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app/camera_tiles.hpp"
#include "app/player_media.hpp"
#include "core/recording_clock.hpp"
#include "playback/clock.hpp"
#include "playback/null_sinks.hpp"
#include "test_media.hpp"
#include "../media_tool.hpp"

namespace triad::app {
namespace {

namespace fs = std::filesystem;

fs::path clip(const std::string& name, int fps, int seconds) {
  return triad::test::make_clip(name, "-f lavfi -i testsrc2=size=320x240:rate=" + std::to_string(fps) + " -t " +
                                          std::to_string(seconds) + " -c:v libx264 -preset ultrafast -g " +
                                          std::to_string(2 * fps) + " -bf 2 -pix_fmt yuv420p");
}

// The pts of the frame a straight decode of a `fps` file shows at its own time t (t >= 0).
TimeUs frame_pts_at(TimeUs t, int fps) {
  const TimeUs n = t * fps / 1'000'000;
  return n * 1'000'000 / fps;
}

Recording placed(RowId id, const fs::path& path, TimeUs offset, std::int64_t drift_ppb, TimeUs duration) {
  Recording r;
  r.id = id;
  r.path = path.string();
  r.sync_offset_us = offset;
  r.drift_ppb = drift_ppb;
  r.duration_us = duration;
  r.primary = id == 1;
  return r;
}

struct TwoCameras : ::testing::Test {
  void SetUp() override {
    front = clip("cams_front.mp4", 25, 12);
    table = clip("cams_table.mp4", 30, 12);
    TRIAD_REQUIRE_MEDIA(!front.empty() && !table.empty(), "the test clips");
    media = std::make_unique<PlayerMedia>(&audio, &video, std::vector<playback::VideoSink*>{&other});
    auto info = media->open(front.string());
    ASSERT_TRUE(info.ok()) << info.error().message;
    ASSERT_TRUE(media->settle(20'000'000));
  }
  void TearDown() override { media.reset(); }
  const CameraView& cam() {
    views = media->cameras();
    return views.at(0);
  }

  fs::path front, table;
  playback::SteadyClock clock;
  playback::NullAudioSink audio{clock, media::AudioFormat{}, 48000 / 4};
  playback::NullVideoSink video, other;
  std::unique_ptr<PlayerMedia> media;
  std::vector<CameraView> views;
};

// Offsets either way and 100 ppm of drift: paused, the other camera shows the frame of its
// own time, at several points of the file.
TEST_F(TwoCameras, PausedEachShowsItsOwnFrameWithOffsetAndDrift) {
  for (const auto& [offset, drift] : {std::pair<TimeUs, std::int64_t>{1'500'000, 0}, {-2'250'000, 0},
                                      {700'000, 100'000}, {-300'000, -100'000}}) {
    const Recording clock_rec = placed(1, front, 0, 0, 12'000'000);
    const Recording other_rec = placed(2, table, offset, drift, 12'000'000);
    media->set_cameras(clock_rec, {other_rec});
    ASSERT_EQ(media->cameras().size(), 1u);
    for (TimeUs t : {TimeUs{3'000'000}, TimeUs{5'210'000}, TimeUs{8'999'000}}) {
      media->seek(t);
      ASSERT_TRUE(media->settle(20'000'000));
      const TimeUs own = recording_time_at(other_rec, t);
      ASSERT_EQ(cam().where, CameraView::Where::Showing) << "offset " << offset << " at " << t;
      EXPECT_EQ(cam().media_us, own);
      EXPECT_EQ(cam().frame_pts_us, frame_pts_at(own, 30)) << "offset " << offset << " drift " << drift << " at " << t;
    }
  }
}

TEST_F(TwoCameras, BeforeItsStartAndAfterItsEndTheCameraSaysSo) {
  media->set_cameras(placed(1, front, 0, 0, 12'000'000), {placed(2, table, 4'000'000, 0, 6'000'000)});
  media->seek(2'000'000);
  ASSERT_TRUE(media->settle(20'000'000));
  EXPECT_EQ(cam().where, CameraView::Where::BeforeStart);
  media->seek(10'500'000);
  ASSERT_TRUE(media->settle(20'000'000));
  EXPECT_EQ(cam().where, CameraView::Where::AfterEnd);
  media->seek(6'000'000);
  ASSERT_TRUE(media->settle(20'000'000));
  EXPECT_EQ(cam().where, CameraView::Where::Showing);
  EXPECT_EQ(cam().frame_pts_us, frame_pts_at(2'000'000, 30));
}

TEST_F(TwoCameras, AStepOnTheOtherCameraMovesTheTransportToItsFrame) {
  const Recording other_rec = placed(2, table, 1'500'000, 0, 12'000'000);
  media->set_cameras(placed(1, front, 0, 0, 12'000'000), {other_rec});
  media->seek(5'200'000);
  ASSERT_TRUE(media->settle(20'000'000));
  ASSERT_EQ(cam().frame_pts_us, frame_pts_at(3'700'000, 30));  // frame 111
  media->step_camera(0, 2);
  ASSERT_TRUE(media->settle(20'000'000));
  const TimeUs frame113 = 113 * 1'000'000 / 30;
  EXPECT_EQ(cam().frame_pts_us, frame113);
  EXPECT_EQ(media->position(), session_time_of(other_rec, frame113));
  EXPECT_EQ(media->snapshot().frame_pts_us, frame_pts_at(media->position(), 25));
}

// While playing, the other camera's clock is the open file's: it never shows a frame
// before that clock reaches it, and it keeps showing new frames.
TEST_F(TwoCameras, PlayingTheOtherCameraFollowsTheSharedClock) {
  const Recording clock_rec = placed(1, front, 0, 0, 12'000'000);
  const Recording other_rec = placed(2, table, 1'000'000, 0, 12'000'000);
  media->set_cameras(clock_rec, {other_rec});
  media->seek(2'000'000);
  ASSERT_TRUE(media->settle(20'000'000));
  media->play();
  int changes = 0;
  TimeUs last = -1;
  for (int i = 0; i < 40; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    media->update();
    const TimeUs shown = cam().frame_pts_us;
    const TimeUs after = recording_time_at(other_rec, session_time_of(clock_rec, media->player().position_now()));
    if (media->snapshot().buffering) continue;
    EXPECT_LE(shown, after + 1) << "a frame shown before the shared clock reached it";
    if (shown != last) ++changes;
    last = shown;
  }
  media->pause();
  EXPECT_GT(changes, 5) << "the other camera kept showing new pictures";
  ASSERT_TRUE(media->settle(20'000'000));
  EXPECT_EQ(cam().frame_pts_us, frame_pts_at(recording_time_at(other_rec, media->position()), 30));
}

TEST(CameraTiles, SideBySideLargeAndPictureInPicture) {
  const TileRect area{0, 0, 1000, 500};
  auto side = place_camera_tiles(CameraLayout::SideBySide, 2, 1, area);
  ASSERT_EQ(side.size(), 2u);
  EXPECT_EQ(side[0].camera, 0u);
  EXPECT_LT(side[0].rect.x + side[0].rect.w, side[1].rect.x + 0.5f) << "side by side, no overlap";
  EXPECT_FLOAT_EQ(side[0].rect.w, side[1].rect.w);
  auto large = place_camera_tiles(CameraLayout::Large, 3, 2, area);
  ASSERT_EQ(large.size(), 3u);
  EXPECT_EQ(large[0].camera, 2u) << "the focused camera is the large one";
  EXPECT_GT(large[0].rect.w, 2 * large[1].rect.w);
  EXPECT_GE(large[1].rect.x, large[0].rect.x + large[0].rect.w);
  auto pip = place_camera_tiles(CameraLayout::PictureInPicture, 2, 0, area);
  ASSERT_EQ(pip.size(), 2u);
  EXPECT_EQ(pip[0].camera, 0u);
  EXPECT_FLOAT_EQ(pip[0].rect.w, 1000);
  EXPECT_GT(pip[1].rect.x, 500) << "the small one sits in the bottom-right corner, drawn after";
  EXPECT_GT(pip[1].rect.y, 250);
  EXPECT_EQ(place_camera_tiles(CameraLayout::Large, 1, 0, area).size(), 1u);
  EXPECT_EQ(place_camera_tiles(CameraLayout::Large, 2, 7, area)[0].camera, 0u) << "a focus out of range is the first";
}

}  // namespace
}  // namespace triad::app
