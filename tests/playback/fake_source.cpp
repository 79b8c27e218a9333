#include "fake_source.hpp"

#include <algorithm>

#include "media/video_frame.hpp"

namespace triad::test {

FakeSource::FakeSource(TimeUs duration_us, TimeUs frame_us, bool audio, media::AudioFormat fmt) : fmt_(fmt) {
  info_.duration_us = duration_us;
  info_.has_video = frame_us > 0;
  info_.has_audio = audio;
  info_.frame_duration_us = frame_us;
  info_.width = 64;
  info_.height = 48;
  video_eof_sent_ = audio_eof_sent_ = true;  // nothing until the first seek, like the pipeline
}

std::uint64_t FakeSource::seek(TimeUs target_us, media::SeekMode mode) {
  ++seeks;
  last_seek_target = target_us;
  last_seek_mode = mode;
  ++serial_;
  const TimeUs fd = info_.frame_duration_us;
  if (fd > 0) {
    // Exact: the frame shown at T; keyframe previews: every 10th frame is a keyframe.
    next_frame_ = std::min(target_us, info_.duration_us - 1) / fd;
    if (mode == media::SeekMode::Keyframe) next_frame_ -= next_frame_ % 10;
  }
  audio_base_us_ = target_us;
  next_sample_ = 0;
  video_eof_sent_ = audio_eof_sent_ = false;
  return serial_;
}

std::optional<media::VideoItem> FakeSource::peek_video() {
  if (!info_.has_video || video_eof_sent_) return std::nullopt;
  media::VideoItem item;
  item.serial = serial_;
  const TimeUs pts = next_frame_ * info_.frame_duration_us;
  if (video_until_us && pts >= *video_until_us) return std::nullopt;
  if (pts >= info_.duration_us) {
    item.eof = true;
    return item;
  }
  item.pts_us = pts;
  item.duration_us = info_.frame_duration_us;
  auto frame = std::make_shared<media::VideoFrame>();
  frame->pts_us = pts;
  item.frame = frame;
  return item;
}

std::optional<media::VideoItem> FakeSource::pop_video() {
  auto item = peek_video();
  if (!item) return item;
  if (item->eof) {
    video_eof_sent_ = true;
  } else {
    ++next_frame_;
  }
  return item;
}

std::optional<media::AudioItem> FakeSource::pop_audio() {
  if (!info_.has_audio || audio_eof_sent_) return std::nullopt;
  const TimeUs now_us = audio_base_us_ + next_sample_ * kUsPerSecond / fmt_.sample_rate;
  if (audio_until_us && now_us >= *audio_until_us) return std::nullopt;
  media::AudioItem item;
  item.serial = serial_;
  if (now_us >= info_.duration_us) {
    item.eof = true;
    audio_eof_sent_ = true;
    return item;
  }
  // 1024-frame chunks; timestamps come from the sample index so they never drift.
  const std::int64_t left = (info_.duration_us - now_us) * fmt_.sample_rate / kUsPerSecond;
  item.frames = std::max<std::int64_t>(1, std::min<std::int64_t>(1024, left));
  item.pts_us = now_us;
  item.data.assign(static_cast<std::size_t>(item.frames * fmt_.bytes_per_frame()), 0);
  next_sample_ += item.frames;
  return item;
}

}  // namespace triad::test
