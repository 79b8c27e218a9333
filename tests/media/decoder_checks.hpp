#pragma once
// The api-seek-test pattern: decode linearly, remember (pts, md5) of every frame, compare
// with ffmpeg's own framemd5 list, then seek to many times and step both ways and demand
// exactly the frame the linear list shows there.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "media/decoder.hpp"
#include "media_fixture.hpp"

namespace triad::media::test {

struct LinearFrame {
  TimeUs pts_us;
  std::string md5;
  bool key;
};

inline std::vector<LinearFrame> linear_list(VideoDecoder& dec) {
  std::vector<LinearFrame> out;
  Status s = dec.decode_all([&](const VideoFrame& f) {
    out.push_back({f.pts_us, frame_md5(f), f.keyframe});
    return true;
  });
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return out;
}

// Index of the frame shown at t in the linear list: last pts <= t, else the first.
inline std::size_t shown_at(const std::vector<LinearFrame>& list, TimeUs t) {
  auto it = std::upper_bound(list.begin(), list.end(), t, [](TimeUs v, const LinearFrame& f) { return v < f.pts_us; });
  return it == list.begin() ? 0 : static_cast<std::size_t>(it - list.begin()) - 1;
}

inline void expect_matches_ffmpeg(const fs::path& file, VideoDecoder& dec, const std::vector<LinearFrame>& list) {
  const auto ref = ffmpeg_framemd5(file, dec.stream_index());
  ASSERT_FALSE(ref.empty()) << "ffmpeg decoded nothing from " << file;
  ASSERT_EQ(list.size(), ref.size()) << file;
  for (std::size_t i = 0; i < list.size(); ++i) {
    ASSERT_EQ(list[i].md5, ref[i].md5) << file << " frame " << i;
    // ffmpeg prints pts in its output time base (often 1/fps): equal within one tick.
    EXPECT_NEAR(static_cast<double>(list[i].pts_us), static_cast<double>(ref[i].pts_us), static_cast<double>(ref[i].tick_us))
        << file << " frame " << i;
  }
}

// Seeks to >= `count` times: every keyframe (capped), first and last frames, frames'
// exact pts and mid-frame times, random times, before the start and past the end.
inline void expect_exact_seeks(VideoDecoder& dec, const std::vector<LinearFrame>& list, int count, unsigned seed) {
  ASSERT_FALSE(list.empty());
  std::vector<TimeUs> times;
  times.push_back(list.front().pts_us);
  times.push_back(list.back().pts_us);
  times.push_back(list.back().pts_us + 10 * kUsPerSecond);
  times.push_back(list.front().pts_us - kUsPerSecond);
  int keys = 0;
  for (std::size_t i = 0; i < list.size() && keys < 12; ++i)
    if (list[i].key) {
      times.push_back(list[i].pts_us);
      if (i > 0) times.push_back(list[i].pts_us - 1);  // the last frame of the previous GOP
      ++keys;
    }
  std::mt19937 rng(seed);
  while (static_cast<int>(times.size()) < count) {
    const std::size_t i = rng() % list.size();
    switch (rng() % 3) {
      case 0: times.push_back(list[i].pts_us); break;
      case 1:
        times.push_back(i + 1 < list.size() ? (list[i].pts_us + list[i + 1].pts_us) / 2 : list[i].pts_us + 1);
        break;
      default: times.push_back(list.front().pts_us + static_cast<TimeUs>(rng() % std::max<TimeUs>(1, list.back().pts_us - list.front().pts_us + 1)));
    }
  }
  for (TimeUs t : times) {
    const std::size_t want = shown_at(list, t);
    auto got = dec.seek(t);
    ASSERT_TRUE(got.ok()) << "seek " << t << ": " << got.error().message;
    EXPECT_EQ(got->pts_us, list[want].pts_us) << "seek to " << t;
    EXPECT_EQ(frame_md5(*got), list[want].md5) << "seek to " << t << " (want frame " << want << ")";
  }
}

// From a frame a few frames after the `gop`-th keyframe, steps back `steps` times and
// forward again, across the GOP boundary; every frame must be the linear list's.
inline void expect_stepping(VideoDecoder& dec, const std::vector<LinearFrame>& list, int steps) {
  std::vector<std::size_t> keys;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].key) keys.push_back(i);
  std::size_t start = std::min(list.size() - 1, (keys.size() > 1 ? keys[1] : list.size() / 2) + 3);
  auto first = dec.seek(list[start].pts_us);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(frame_md5(*first), list[start].md5);
  std::size_t at = start;
  for (int k = 0; k < steps; ++k) {
    auto f = dec.prev_frame();
    ASSERT_TRUE(f.ok()) << f.error().message;
    if (at > 0) --at;
    ASSERT_EQ(f->pts_us, list[at].pts_us) << "back step " << k;
    ASSERT_EQ(frame_md5(*f), list[at].md5) << "back step " << k;
  }
  EXPECT_EQ(dec.at_first_frame(), at == 0);
  for (int k = 0; k < steps + 10; ++k) {
    auto f = dec.next_frame();
    ASSERT_TRUE(f.ok()) << f.error().message;
    if (at + 1 < list.size()) ++at;
    ASSERT_EQ(f->pts_us, list[at].pts_us) << "forward step " << k;
    ASSERT_EQ(frame_md5(*f), list[at].md5) << "forward step " << k;
  }
}

// The whole battery for one decodable file.
inline void check_decodable(const fs::path& file, int seeks = 60) {
  DecoderOptions opt;
  opt.convert_unusual = false;
  auto dec = VideoDecoder::open(file, opt);
  ASSERT_TRUE(dec.ok()) << file << ": " << dec.error().message;
  const auto list = linear_list(**dec);
  ASSERT_FALSE(list.empty()) << file;
  {
    SCOPED_TRACE("framemd5 of " + file.string());
    expect_matches_ffmpeg(file, **dec, list);
  }
  {
    SCOPED_TRACE("exact seeks in " + file.string());
    expect_exact_seeks(**dec, list, seeks, 7);
  }
  {
    SCOPED_TRACE("stepping in " + file.string());
    auto fresh = VideoDecoder::open(file, opt);
    ASSERT_TRUE(fresh.ok());
    expect_stepping(**fresh, list, std::min<int>(50, static_cast<int>(list.size())));
  }
}

}  // namespace triad::media::test
