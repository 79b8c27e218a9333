// PlayerMedia over the real engine (pipeline + player, null sinks) on a clip made with the
// ffmpeg CLI at test time.
#include "app/player_media.hpp"

#include <gtest/gtest.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "playback/clock.hpp"
#include "playback/null_sinks.hpp"
#include "test_media.hpp"
#include "../media_tool.hpp"

namespace triad::app {
namespace {

namespace fs = std::filesystem;

// Phone recordings often start their picture a little after their sound: media time 0 is
// the sound's start, and the first frame's pts is later.
fs::path late_picture_clip() {
  // Encoded apart, then muxed by stream copy with the picture delayed: the MP4 keeps its
  // start (an empty edit), as a remux or a camera does; re-encoding would shift it to 0.
  const fs::path v = triad::test::make_clip(
      "late_v.mp4", "-f lavfi -i testsrc2=size=320x240:rate=25 -t 3 -c:v libx264 -preset ultrafast -pix_fmt yuv420p");
  const fs::path a = triad::test::make_clip("late_a.m4a", "-f lavfi -i sine=frequency=440:sample_rate=48000 -t 3 -c:a aac");
  if (v.empty() || a.empty()) return {};
  return triad::test::make_clip("late_picture.mp4", "-itsoffset 0.3 -i '" + v.string() + "' -i '" + a.string() +
                                                        "' -map 0:v -map 1:a -c copy");
}

// Opening (and seeking to 0) lands on the first frame even though its pts lies after the
// position: settle() must see that, not wait for its whole timeout (3 s of frozen window
// at every open of such a file, before this was fixed).
TEST(PlayerMedia_Settle, LandsOnTheFirstFrameWhenThePictureStartsAfterTheSound) {
  const fs::path clip = late_picture_clip();
  TRIAD_REQUIRE_MEDIA(!clip.empty(), "the test clip");
  playback::SteadyClock clock;
  playback::NullAudioSink audio(clock, media::AudioFormat{}, 48000 / 4);
  playback::NullVideoSink video;
  PlayerMedia media(&audio, &video);
  auto info = media.open(clip.string());
  ASSERT_TRUE(info.ok()) << info.error().message;
  ASSERT_TRUE(media.settle(20'000'000)) << "open did not land";
  EXPECT_GT(media.snapshot().frame_pts_us, media.position()) << "the clip's picture starts after its sound";
  EXPECT_GE(media.snapshot().frame_pts_us, 200'000);
  media.seek(2'000'000);
  ASSERT_TRUE(media.settle(20'000'000));
  media.seek(0);
  ASSERT_TRUE(media.settle(20'000'000)) << "a seek before the first frame did not land";
  EXPECT_EQ(media.position(), 0);
  EXPECT_GT(media.snapshot().frame_pts_us, 0);
}

// A sound-only file has no picture to wait for: open and seeks land (settle says so) as
// soon as the sound is ready. Before, settle waited out its whole timeout and said "not
// landed", so each script line on such a file in the window held for 3 s and the sound
// seemed to run ahead of the script.
TEST(PlayerMedia_Settle, ASoundOnlyFileLandsWithoutAPicture) {
  const fs::path clip = triad::test::make_clip("tone_only.m4a", "-f lavfi -i sine=frequency=330:sample_rate=48000 -t 5 -c:a aac");
  TRIAD_REQUIRE_MEDIA(!clip.empty(), "the test clip");
  playback::SteadyClock clock;
  playback::NullAudioSink audio(clock, media::AudioFormat{}, 48000 / 4);
  playback::NullVideoSink video;
  PlayerMedia media(&audio, &video);
  auto info = media.open(clip.string());
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_FALSE(info->has_video);
  EXPECT_TRUE(media.settle(5'000'000)) << "open did not land";
  media.seek(2'000'000);
  EXPECT_TRUE(media.settle(5'000'000)) << "the seek did not land";
  EXPECT_EQ(media.position(), 2'000'000);
}

// A picture no decoder here reads (mpeg4 in AVI, its four-character code renamed to one
// nobody knows): the sound opens, and what the window shows names the codec, rather than
// calling the file sound-only.
TEST(PlayerMedia_Open, AnUndecodablePictureIsNamedNotTakenForSoundOnly) {
  const fs::path made = triad::test::make_clip(
      "odd_codec_src.avi", "-f lavfi -i testsrc=size=320x240:rate=25 -f lavfi -i sine=frequency=330:sample_rate=48000 "
                           "-t 3 -c:v mpeg4 -c:a pcm_s16le");
  TRIAD_REQUIRE_MEDIA(!made.empty(), "the test clip");
  std::ifstream in(made, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  int renamed = 0;
  for (auto at = bytes.find("FMP4"); at != std::string::npos; at = bytes.find("FMP4", at + 4), ++renamed)
    bytes.replace(at, 4, "ZQX9");
  ASSERT_EQ(renamed, 2) << "ffmpeg wrote mpeg4 in AVI with another tag";
  const fs::path odd = made.parent_path() / "odd_codec.avi";
  std::ofstream(odd, std::ios::binary) << bytes;

  playback::SteadyClock clock;
  playback::NullAudioSink audio(clock, media::AudioFormat{}, 48000 / 4);
  playback::NullVideoSink video;
  PlayerMedia media(&audio, &video);
  auto info = media.open(odd.string());
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_FALSE(info->has_video);
  EXPECT_TRUE(info->has_audio);
  EXPECT_EQ(info->picture_problem, "its video (codec 'ZQX9', unknown to FFmpeg) cannot be decoded on this computer");

  PlayerMedia plain(&audio, &video);
  auto tone = plain.open(made.string());
  ASSERT_TRUE(tone.ok()) << tone.error().message;
  EXPECT_TRUE(tone->picture_problem.empty()) << "a picture that decodes has no problem";
}

}  // namespace
}  // namespace triad::app
