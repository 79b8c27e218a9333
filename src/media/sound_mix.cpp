// Other recordings' sound placed on one file's time and mixed; see sound_mix.hpp.
#include "media/sound_mix.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <deque>

#include "base/wide_int.hpp"
#include "media/errors.hpp"
#include "media/pipeline.hpp"

namespace triad::media {

namespace {

constexpr Int128 kBillion = 1'000'000'000;

// num / den rounded to the nearest integer, halves away from zero (den > 0).
std::int64_t div_round(Int128 num, Int128 den) {
  const Int128 half = den / 2;
  return static_cast<std::int64_t>(num >= 0 ? (num + half) / den : -((-num + half) / den));
}

// Consecutive items further apart than this are a gap in the file, not the pipeline's
// rounding of each item's start (it re-anchors on the stream's timestamps past 40 ms).
constexpr TimeUs kContiguousUs = 20'000;
// Samples kept before the next block's start: the placement is re-read every block, and
// its rounding may ask for a sample or two just before where the last block ended.
constexpr std::int64_t kKeepBehind = 4;

}  // namespace

TimeUs placed_time(const SoundPlacement& p, TimeUs mix_us) {
  const Int128 rel = static_cast<Int128>(mix_us) - p.offset_us;
  return div_round(rel * (kBillion + p.drift_ppb), kBillion);
}

// One sound of the mix: its pipeline (sound only, at the rate that absorbs its drift) and
// the samples decoded ahead of the mix, in runs of contiguous samples.
struct SoundMixSource::Input {
  SoundPlacement place;
  int rate = 48000;
  int channels = 2;
  TimeUs duration_us = 0;  // its own; 0 when unknown
  std::unique_ptr<Pipeline> pipeline;
  std::uint64_t serial = 0;
  bool eof = false;
  // Sample k of `samples` (interleaved) is at own time pts_us + (dropped + k) / rate.
  struct Run {
    TimeUs pts_us = 0;
    std::int64_t dropped = 0;
    std::vector<float> samples;
    std::int64_t frames(int channels) const { return static_cast<std::int64_t>(samples.size()) / channels; }
  };
  std::deque<Run> runs;

  TimeUs time_of(const Run& r, std::int64_t k) const {
    return r.pts_us + div_round(static_cast<Int128>(r.dropped + k) * kUsPerSecond, rate);
  }
  // The block frame at which the run's sample 0 falls, for a block starting at own time x0
  // (block frame j is at own time x0 + j / rate).
  std::int64_t first_frame(const Run& r, TimeUs x0) const {
    return r.dropped + div_round(static_cast<Int128>(r.pts_us - x0) * rate, kUsPerSecond);
  }

  void append(AudioItem&& item) {
    const auto* src = reinterpret_cast<const float*>(item.data.data());
    const std::size_t count = static_cast<std::size_t>(item.frames) * static_cast<std::size_t>(channels);
    if (!runs.empty()) {
      Run& back = runs.back();
      if (std::llabs(item.pts_us - time_of(back, back.frames(channels))) <= kContiguousUs) {
        back.samples.insert(back.samples.end(), src, src + count);
        return;
      }
    }
    Run r;
    r.pts_us = item.pts_us;
    r.samples.assign(src, src + count);
    runs.push_back(std::move(r));
  }

  // Whether the block of `n` frames from own time x0 can be mixed: decoded far enough,
  // or nothing of it is in the file.
  bool ready(TimeUs x0, std::int64_t n) const {
    if (eof) return true;
    if (div_round(static_cast<Int128>(-x0) * rate, kUsPerSecond) >= n) return true;  // before its start
    if (duration_us > 0 && x0 >= duration_us) return true;                           // after its end
    return !runs.empty() && first_frame(runs.back(), x0) + runs.back().frames(channels) >= n;
  }

  // Pulls decoded sound until the block is ready or nothing more is queued.
  bool fill(TimeUs x0, std::int64_t n) {
    while (!ready(x0, n)) {
      auto item = pipeline->pop_audio();
      if (!item) return false;
      if (item->serial != serial) continue;
      if (item->eof) {
        eof = true;
      } else if (item->frames > 0) {
        append(std::move(*item));
      }
    }
    return true;
  }

  // Adds the block's samples times `gain` into `acc`, then forgets what lies before the next block.
  void mix_into(std::vector<float>& acc, TimeUs x0, std::int64_t n, float gain) {
    for (auto& r : runs) {
      const std::int64_t j0 = first_frame(r, x0);
      const std::int64_t have = r.frames(channels);
      const std::int64_t k_from = std::max<std::int64_t>(0, -j0), k_to = std::min<std::int64_t>(have, n - j0);
      for (std::int64_t k = k_from; k < k_to; ++k) {
        const float* s = &r.samples[static_cast<std::size_t>(k * channels)];
        float* d = &acc[static_cast<std::size_t>((j0 + k) * channels)];
        for (int c = 0; c < channels; ++c) d[c] += gain * s[c];
      }
    }
    for (auto& r : runs) {
      const std::int64_t drop = std::clamp<std::int64_t>(n - first_frame(r, x0) - kKeepBehind, 0, r.frames(channels));
      r.samples.erase(r.samples.begin(), r.samples.begin() + static_cast<std::ptrdiff_t>(drop * channels));
      r.dropped += drop;
    }
    while (!runs.empty() && runs.front().samples.empty()) runs.pop_front();
  }
};

Result<std::unique_ptr<SoundMixSource>> SoundMixSource::open(std::unique_ptr<FrameSource> picture,
                                                             const std::vector<SoundPlacement>& sounds,
                                                             AudioFormat format, TimeUs duration_us) {
  std::unique_ptr<SoundMixSource> mix(new SoundMixSource());
  mix->format_ = format;
  TimeUs last_end = 0;
  for (const auto& place : sounds) {
    auto in = std::make_unique<Input>();
    in->place = place;
    in->channels = format.channels;
    // The rate at which one of its samples lasts one sample of mix time.
    const Int128 rate = div_round(static_cast<Int128>(format.sample_rate) * kBillion, kBillion + place.drift_ppb);
    if (rate < 1000 || rate > 1'000'000)
      return make_error("The sound of \"" + place.path.string() + "\" cannot be placed: its clock drift is out of range.");
    in->rate = static_cast<int>(rate);
    PipelineOptions po;
    po.video = false;
    po.audio = true;
    po.audio_format = AudioFormat{in->rate, format.channels, SampleFormat::F32};
    auto pipeline = Pipeline::open(place.path, po);
    if (!pipeline) return pipeline.error();
    if (!(*pipeline)->info().has_audio)
      return make_error("\"" + place.path.string() + "\" has no sound track to play.", kCorrupt);
    in->duration_us = (*pipeline)->info().duration_us;
    in->pipeline = std::move(pipeline.value());
    if (in->duration_us > 0) {
      // The mix time of its end: the inverse of placed_time.
      const TimeUs end = place.offset_us + div_round(static_cast<Int128>(in->duration_us) * kBillion, kBillion + place.drift_ppb);
      last_end = std::max(last_end, end);
    }
    mix->inputs_.push_back(std::move(in));
  }
  if (picture) mix->info_ = picture->info();
  mix->info_.has_audio = true;
  if (duration_us > 0) mix->info_.duration_us = duration_us;
  else if (!picture) mix->info_.duration_us = last_end;
  mix->picture_ = std::move(picture);
  return mix;
}

SoundMixSource::~SoundMixSource() = default;

std::uint64_t SoundMixSource::seek(TimeUs target_us, SeekMode mode) {
  serial_ = picture_ ? picture_->seek(target_us, mode) : serial_ + 1;
  target_us_ = target_us;
  frames_out_ = 0;
  eof_sent_ = false;
  picture_seen_us_.reset();
  picture_eof_ = false;
  for (auto& in : inputs_) {
    // Sound is always cut to the sample: a keyframe seek is for pictures only.
    in->serial = in->pipeline->seek(std::max<TimeUs>(0, placed_time(in->place, target_us)), SeekMode::Exact);
    in->runs.clear();
    in->eof = false;
  }
  return serial_;
}

std::optional<VideoItem> SoundMixSource::peek_video() {
  if (!picture_) return std::nullopt;
  auto item = picture_->peek_video();
  if (item && item->serial == serial_) {
    if (item->eof) picture_eof_ = true;
    else picture_seen_us_ = std::max(picture_seen_us_.value_or(item->pts_us), item->pts_us);
  }
  return item;
}

std::optional<VideoItem> SoundMixSource::pop_video() {
  if (!picture_) return std::nullopt;
  auto item = picture_->pop_video();
  if (item && item->serial == serial_) {
    if (item->eof) picture_eof_ = true;
    else picture_seen_us_ = std::max(picture_seen_us_.value_or(item->pts_us), item->pts_us);
  }
  return item;
}

std::optional<AudioItem> SoundMixSource::pop_audio() {
  if (eof_sent_) return std::nullopt;
  const int rate = format_.sample_rate;
  const TimeUs t = target_us_ + div_round(static_cast<Int128>(frames_out_) * kUsPerSecond, rate);
  const TimeUs end = info_.duration_us;
  if (end > 0 && t >= end) {
    eof_sent_ = true;
    AudioItem e;
    e.serial = serial_;
    e.eof = true;
    return e;
  }
  if (picture_ && info_.has_video && !picture_eof_ && t >= picture_seen_us_.value_or(target_us_) + kLeadLimitUs)
    return std::nullopt;
  std::int64_t n = kBlockFrames;
  if (end > 0) n = std::clamp<std::int64_t>(div_round(static_cast<Int128>(end - t) * rate, kUsPerSecond), 1, n);
  bool ready = true;
  for (auto& in : inputs_) ready = in->fill(placed_time(in->place, t), n) && ready;
  if (!ready) return std::nullopt;

  const int ch = format_.channels;
  std::vector<float> acc(static_cast<std::size_t>(n * ch), 0.0f);
  // Sounds of one room add up: scaled so two or three together are about as loud as one.
  const float gain = inputs_.size() > 1 ? 1.0f / std::sqrt(static_cast<float>(inputs_.size())) : 1.0f;
  for (auto& in : inputs_) in->mix_into(acc, placed_time(in->place, t), n, gain);

  AudioItem item;
  item.serial = serial_;
  item.pts_us = t;
  item.frames = n;
  if (format_.sample_format == SampleFormat::F32) {
    for (auto& v : acc) v = std::clamp(v, -1.0f, 1.0f);
    item.data.resize(acc.size() * sizeof(float));
    std::memcpy(item.data.data(), acc.data(), item.data.size());
  } else {
    item.data.resize(acc.size() * sizeof(std::int16_t));
    auto* d = reinterpret_cast<std::int16_t*>(item.data.data());
    for (std::size_t i = 0; i < acc.size(); ++i)
      d[i] = static_cast<std::int16_t>(std::lround(std::clamp(acc[i], -1.0f, 1.0f) * 32767.0f));
  }
  frames_out_ += n;
  return item;
}

std::optional<Error> SoundMixSource::error() const {
  if (picture_)
    if (auto e = picture_->error()) return e;
  for (const auto& in : inputs_)
    if (auto e = in->pipeline->error()) return e;
  return std::nullopt;
}

void SoundMixSource::report_video_lag(TimeUs lag_us) {
  if (picture_) picture_->report_video_lag(lag_us);
}

void SoundMixSource::set_wakeup(std::function<void()> wake) {
  if (picture_) picture_->set_wakeup(wake);
  for (auto& in : inputs_) in->pipeline->set_wakeup(wake);
}

// ---- SoundMixReader ----

Result<std::unique_ptr<SoundMixReader>> SoundMixReader::open(const std::vector<SoundPlacement>& sounds,
                                                             AudioFormat format, TimeUs duration_us) {
  if (format.sample_format != SampleFormat::F32) return make_error("The sound mix is read as 32-bit float only.");
  auto mix = SoundMixSource::open(nullptr, sounds, format, duration_us);
  if (!mix) return mix.error();
  std::unique_ptr<SoundMixReader> r(new SoundMixReader());
  r->format_ = format;
  r->mix_ = std::move(mix.value());
  r->mix_->set_wakeup([raw = r.get()] {
    std::lock_guard lock(raw->mutex_);
    raw->wake_ = true;
    raw->woken_.notify_one();
  });
  return r;
}

Result<std::vector<float>> SoundMixReader::read(TimeUs from_us, std::int64_t frames) {
  const int ch = format_.channels;
  std::vector<float> out;
  out.reserve(static_cast<std::size_t>(std::max<std::int64_t>(0, frames) * ch));
  mix_->seek(from_us, SeekMode::Exact);
  auto last_progress = std::chrono::steady_clock::now();
  while (static_cast<std::int64_t>(out.size()) < frames * ch) {
    if (auto e = mix_->error()) return *e;
    auto item = mix_->pop_audio();
    if (item && item->eof) break;
    if (item) {
      const auto* s = reinterpret_cast<const float*>(item->data.data());
      const std::size_t want = static_cast<std::size_t>(frames * ch) - out.size();
      out.insert(out.end(), s, s + std::min<std::size_t>(want, static_cast<std::size_t>(item->frames * ch)));
      last_progress = std::chrono::steady_clock::now();
      continue;
    }
    std::unique_lock lock(mutex_);
    woken_.wait_for(lock, std::chrono::milliseconds(100), [&] { return wake_; });
    wake_ = false;
    if (std::chrono::steady_clock::now() - last_progress > std::chrono::seconds(60))
      return make_error("The sound to mix stopped decoding for a minute.", kTimeout);
  }
  out.resize(static_cast<std::size_t>(std::max<std::int64_t>(0, frames) * ch), 0.0f);  // silence past the end
  return out;
}

}  // namespace triad::media
