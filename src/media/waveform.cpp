// One-pass audio peaks with an on-disk fine level; see waveform.hpp.
#include "media/waveform.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include "base/atomic_file.hpp"
#include "media/decoder_open.hpp"
#include "media/errors.hpp"
#include "media/open_input.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/fingerprint.hpp"
#include "media/stream_select.hpp"

namespace triad::media {
namespace fs = std::filesystem;

namespace {

constexpr int kSamplesPerEntry = 256;
// Version 2 adds the loudness track (TWF1 files are simply made again).
constexpr char kMagic[4] = {'T', 'W', 'F', '2'};

// The fine level: entry j covers samples [j*256, (j+1)*256) counted from media time 0;
// and the loudness of the mono mix per 10 ms (LoudnessTrack), from the same pass.
struct Peaks {
  std::int32_t sample_rate = 0;
  std::int32_t channels = 0;
  std::int64_t duration_us = 0;
  std::vector<float> mn, mx;  // +inf/-inf where no sample landed
  std::vector<float> mean_square;  // per 10 ms; 0 where no sample landed
};

fs::path default_cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x != nullptr && *x != '\0') return fs::path(x) / "triad" / "waveform";
  if (const char* h = std::getenv("HOME"); h != nullptr && *h != '\0') return fs::path(h) / ".cache" / "triad" / "waveform";
  return {};
}

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
bool get(const std::string& in, std::size_t& at, T& v) {
  if (at + sizeof v > in.size()) return false;
  std::memcpy(&v, in.data() + at, sizeof v);
  at += sizeof v;
  return true;
}

std::int16_t to_i16(float v) {
  if (!std::isfinite(v)) return 0;
  return static_cast<std::int16_t>(std::lround(std::clamp(v, -1.0f, 1.0f) * 32767.0f));
}

std::string serialise(const Peaks& p) {
  std::string out(kMagic, 4);
  put<std::int32_t>(out, p.sample_rate);
  put<std::int32_t>(out, p.channels);
  put<std::int32_t>(out, kSamplesPerEntry);
  put<std::int64_t>(out, p.duration_us);
  put<std::int64_t>(out, static_cast<std::int64_t>(p.mn.size()));
  out.reserve(out.size() + p.mn.size() * 4);
  for (std::size_t i = 0; i < p.mn.size(); ++i) {
    const bool empty = p.mn[i] > p.mx[i];
    put<std::int16_t>(out, empty ? std::int16_t{1} : to_i16(p.mn[i]));  // min > max marks "no data"
    put<std::int16_t>(out, empty ? std::int16_t{0} : to_i16(p.mx[i]));
  }
  put<std::int64_t>(out, static_cast<std::int64_t>(p.mean_square.size()));
  out.append(reinterpret_cast<const char*>(p.mean_square.data()), p.mean_square.size() * sizeof(float));
  return out;
}

bool deserialise(const std::string& in, Peaks& p) {
  if (in.size() < 4 || std::memcmp(in.data(), kMagic, 4) != 0) return false;
  std::size_t at = 4;
  std::int32_t spe = 0;
  std::int64_t n = 0;
  if (!get(in, at, p.sample_rate) || !get(in, at, p.channels) || !get(in, at, spe) || !get(in, at, p.duration_us) ||
      !get(in, at, n))
    return false;
  if (spe != kSamplesPerEntry || n < 0 || in.size() - at < static_cast<std::size_t>(n) * 4) return false;
  p.mn.resize(n);
  p.mx.resize(n);
  for (std::int64_t i = 0; i < n; ++i) {
    std::int16_t a = 0, b = 0;
    get(in, at, a);
    get(in, at, b);
    if (a > b) {
      p.mn[i] = std::numeric_limits<float>::infinity();
      p.mx[i] = -std::numeric_limits<float>::infinity();
    } else {
      p.mn[i] = a / 32767.0f;
      p.mx[i] = b / 32767.0f;
    }
  }
  std::int64_t m = 0;
  if (!get(in, at, m) || m < 0 || in.size() - at != static_cast<std::size_t>(m) * sizeof(float)) return false;
  p.mean_square.resize(static_cast<std::size_t>(m));
  std::memcpy(p.mean_square.data(), in.data() + at, p.mean_square.size() * sizeof(float));
  return true;
}

// min/max of `count` samples of one channel (stride in samples), scaled to [-1, 1].
template <class T>
void span_minmax(const std::uint8_t* base, int stride, int count, float scale, float offset, float& mn, float& mx) {
  const T* s = reinterpret_cast<const T*>(base);
  T lo = s[0], hi = s[0];
  for (int i = 0; i < count; ++i) {
    const T v = s[static_cast<std::ptrdiff_t>(i) * stride];
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
  }
  mn = std::min(mn, static_cast<float>(lo) * scale + offset);
  mx = std::max(mx, static_cast<float>(hi) * scale + offset);
}

// Folds samples [from, from+count) of `f` (all channels) into one min/max pair.
bool frame_minmax(const AVFrame* f, int from, int count, float& mn, float& mx) {
  const auto fmt = static_cast<AVSampleFormat>(f->format);
  const int channels = f->ch_layout.nb_channels;
  const bool planar = av_sample_fmt_is_planar(fmt);
  const int bps = av_get_bytes_per_sample(fmt);
  for (int c = 0; c < channels; ++c) {
    const std::uint8_t* base = planar ? f->extended_data[c] + static_cast<std::ptrdiff_t>(from) * bps
                                      : f->extended_data[0] + (static_cast<std::ptrdiff_t>(from) * channels + c) * bps;
    const int stride = planar ? 1 : channels;
    switch (av_get_packed_sample_fmt(fmt)) {
      case AV_SAMPLE_FMT_FLT: span_minmax<float>(base, stride, count, 1.0f, 0.0f, mn, mx); break;
      case AV_SAMPLE_FMT_DBL: span_minmax<double>(base, stride, count, 1.0f, 0.0f, mn, mx); break;
      case AV_SAMPLE_FMT_S16: span_minmax<std::int16_t>(base, stride, count, 1.0f / 32768.0f, 0.0f, mn, mx); break;
      case AV_SAMPLE_FMT_S32: span_minmax<std::int32_t>(base, stride, count, 1.0f / 2147483648.0f, 0.0f, mn, mx); break;
      case AV_SAMPLE_FMT_U8: span_minmax<std::uint8_t>(base, stride, count, 1.0f / 128.0f, -1.0f, mn, mx); break;
      default: return false;
    }
  }
  return true;
}

// Sum over samples [from, from+count) of `f` of the squared mono mix (channels averaged).
// Worked in blocks of eight lanes, which GCC's -O2 vectorises: this rides along the
// waveform pass for about 5% of its time.
template <class T>
double span_mix_energy(const AVFrame* f, bool planar, int channels, int from, int count, float scale, float offset) {
  const float inv = scale / static_cast<float>(channels);
  auto sample = [&](int c, int i) {
    return planar ? reinterpret_cast<const T*>(f->extended_data[c])[i]
                  : reinterpret_cast<const T*>(f->extended_data[0])[static_cast<std::ptrdiff_t>(i) * channels + c];
  };
  float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int i = from;
  const int end = from + count;
  if (planar) {
    for (; i + 8 <= end; i += 8) {
      float v[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      for (int c = 0; c < channels; ++c) {
        const T* s = reinterpret_cast<const T*>(f->extended_data[c]) + i;
        for (int l = 0; l < 8; ++l) v[l] += static_cast<float>(s[l]);
      }
      for (int l = 0; l < 8; ++l) {
        const float x = v[l] * inv + offset;
        lanes[l] += x * x;
      }
    }
  }
  for (; i < end; ++i) {
    float v = 0;
    for (int c = 0; c < channels; ++c) v += static_cast<float>(sample(c, i));
    const float x = v * inv + offset;
    lanes[0] += x * x;
  }
  double total = 0;
  for (float l : lanes) total += l;
  return total;
}

bool frame_mix_energy(const AVFrame* f, int from, int count, double& sum) {
  const auto fmt = static_cast<AVSampleFormat>(f->format);
  const int channels = f->ch_layout.nb_channels;
  if (channels <= 0) return false;
  const bool planar = av_sample_fmt_is_planar(fmt);
  switch (av_get_packed_sample_fmt(fmt)) {
    case AV_SAMPLE_FMT_FLT: sum += span_mix_energy<float>(f, planar, channels, from, count, 1.0f, 0.0f); return true;
    case AV_SAMPLE_FMT_DBL: sum += span_mix_energy<double>(f, planar, channels, from, count, 1.0f, 0.0f); return true;
    case AV_SAMPLE_FMT_S16: sum += span_mix_energy<std::int16_t>(f, planar, channels, from, count, 1.0f / 32768.0f, 0.0f); return true;
    case AV_SAMPLE_FMT_S32: sum += span_mix_energy<std::int32_t>(f, planar, channels, from, count, 1.0f / 2147483648.0f, 0.0f); return true;
    case AV_SAMPLE_FMT_U8: sum += span_mix_energy<std::uint8_t>(f, planar, channels, from, count, 1.0f / 128.0f, -1.0f); return true;
    default: return false;
  }
}

Error cancelled(const fs::path& path) { return make_error("the waveform of " + display_name(path) + " was cancelled", kFailed); }

Result<Peaks> decode_peaks(const fs::path& path, const WaveformOptions& options) {
  auto opened = open_input(path, options.open);
  if (!opened) return opened.error();
  AVFormatContext* fmt = opened->get();
  const int si = pick_audio_stream(fmt, pick_video_stream(fmt));
  if (si < 0) return make_error(display_name(path) + " has no sound track to draw", kCorrupt);
  AVStream* st = fmt->streams[si];
  for (unsigned i = 0; i < fmt->nb_streams; ++i)
    if (static_cast<int>(i) != si) fmt->streams[i]->discard = AVDISCARD_ALL;
  DecodeSetup setup;
  setup.threads = 1;
  setup.max_pixels = options.open.max_pixels;
  auto opened_dec = open_decoder(path, fmt, si, setup);
  if (!opened_dec) return opened_dec.error();
  CodecContextPtr dec = std::move(opened_dec.value());

  Peaks p;
  p.sample_rate = dec->sample_rate > 0 ? dec->sample_rate : st->codecpar->sample_rate;
  p.channels = dec->ch_layout.nb_channels;
  if (p.sample_rate <= 0) return make_error(display_name(path) + "'s sound has no sample rate", kCorrupt);
  const TimeUs file_start = fmt->start_time == AV_NOPTS_VALUE ? 0 : fmt->start_time;
  p.duration_us = fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0 ? fmt->duration : 0;
  if (p.duration_us > 0) {
    const std::int64_t expected = av_rescale(p.duration_us, p.sample_rate, 1000000) / kSamplesPerEntry + 1;
    p.mn.reserve(static_cast<std::size_t>(std::min<std::int64_t>(expected, 1 << 26)));
    p.mx.reserve(p.mn.capacity());
  }

  // Loudness per 10 ms: bin b holds samples [ceil(b*rate/100), ceil((b+1)*rate/100)).
  const std::int64_t rate = p.sample_rate;
  std::vector<double> e_sum;
  std::vector<std::int32_t> e_count;
  auto bin_start = [rate](std::int64_t b) { return (b * rate + kLoudnessPerSecond - 1) / kLoudnessPerSecond; };
  if (p.duration_us > 0) {  // grown one bin at a time otherwise: reallocations cost more than the sums
    const auto bins = static_cast<std::size_t>(std::min<std::int64_t>(p.duration_us / 10000 + 2, 1 << 26));
    e_sum.reserve(bins);
    e_count.reserve(bins);
  }

  PacketPtr pkt = make_packet();
  FramePtr frame = make_frame();
  std::int64_t next_sample = INT64_MIN;  // where the previous frame ended
  int last_pct = -1;
  bool demux_eof = false;
  bool unsupported_format = false;
  for (;;) {
    int ret = avcodec_receive_frame(dec.get(), frame.get());
    if (ret == 0) {
      const std::int64_t pts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
      std::int64_t s0 = next_sample;
      if (pts != AV_NOPTS_VALUE) {
        const TimeUs t = av_rescale_q(pts, st->time_base, AVRational{1, 1000000}) - file_start;
        const std::int64_t from_pts = av_rescale(t, p.sample_rate, 1000000);
        // Keep sample-exact continuity unless the timestamps really jump (gaps, edits).
        if (next_sample == INT64_MIN || std::llabs(from_pts - next_sample) > frame->nb_samples / 2) s0 = from_pts;
      }
      if (s0 == INT64_MIN) s0 = 0;
      const int n = frame->nb_samples;
      int k = std::max<std::int64_t>(0, -s0) > n ? n : static_cast<int>(std::max<std::int64_t>(0, -s0));
      while (k < n) {
        const std::int64_t e = (s0 + k) / kSamplesPerEntry;
        const int chunk = static_cast<int>(std::min<std::int64_t>(n - k, (e + 1) * kSamplesPerEntry - (s0 + k)));
        if (static_cast<std::int64_t>(p.mn.size()) <= e) {
          if (e > (std::int64_t{1} << 28)) break;  // absurd timestamp: ignore the rest of this frame
          p.mn.resize(e + 1, std::numeric_limits<float>::infinity());
          p.mx.resize(e + 1, -std::numeric_limits<float>::infinity());
        }
        if (!frame_minmax(frame.get(), k, chunk, p.mn[e], p.mx[e])) {
          unsupported_format = true;
          break;
        }
        k += chunk;
      }
      for (int j = std::max<std::int64_t>(0, -s0) > n ? n : static_cast<int>(std::max<std::int64_t>(0, -s0));
           j < n && !unsupported_format;) {
        const std::int64_t g = s0 + j;
        const std::int64_t b = g * kLoudnessPerSecond / rate;
        if (b > (std::int64_t{1} << 26)) break;  // absurd timestamp (over 7 days)
        const int chunk = static_cast<int>(std::min<std::int64_t>(n - j, bin_start(b + 1) - g));
        if (static_cast<std::int64_t>(e_sum.size()) <= b) {
          e_sum.resize(static_cast<std::size_t>(b + 1), 0.0);
          e_count.resize(static_cast<std::size_t>(b + 1), 0);
        }
        if (!frame_mix_energy(frame.get(), j, chunk, e_sum[b])) unsupported_format = true;
        e_count[b] += chunk;
        j += chunk;
      }
      next_sample = s0 + n;
      av_frame_unref(frame.get());
      if (options.progress && p.duration_us > 0) {
        const int pct = static_cast<int>(std::clamp<std::int64_t>(next_sample * 100 / std::max<std::int64_t>(
                                                                      1, av_rescale(p.duration_us, p.sample_rate, 1000000)),
                                                                  0, 100));
        if (pct != last_pct) {
          last_pct = pct;
          if (!options.progress(pct / 100.0)) return cancelled(path);
        }
      }
      if (unsupported_format) return make_error(display_name(path) + "'s sound has a sample format Triad does not read", kCorrupt);
      continue;
    }
    if (ret == AVERROR_EOF) break;
    if (ret != AVERROR(EAGAIN)) continue;  // damaged audio frame: skip it
    if (demux_eof) break;
    arm_deadline(fmt, options.open.deadline);
    ret = av_read_frame(fmt, pkt.get());
    if (ret == AVERROR_EXIT) return media_error(path, ret, fmt, "reading the sound");
    if (ret < 0) {
      demux_eof = true;
      avcodec_send_packet(dec.get(), nullptr);
      continue;
    }
    if (pkt->stream_index == si) avcodec_send_packet(dec.get(), pkt.get());
    av_packet_unref(pkt.get());
  }
  if (p.duration_us <= 0) p.duration_us = av_rescale(static_cast<std::int64_t>(p.mn.size()) * kSamplesPerEntry, 1000000, p.sample_rate);
  p.mean_square.resize(e_sum.size());
  for (std::size_t b = 0; b < e_sum.size(); ++b)
    p.mean_square[b] = e_count[b] > 0 ? static_cast<float>(e_sum[b] / e_count[b]) : 0.0f;
  if (options.progress) options.progress(1.0);
  return p;
}

// The fine level from the cache, or one decode pass (written to the cache).
Result<Peaks> fine_level(const fs::path& path, const WaveformOptions& options, bool& cached) {
  Peaks peaks;
  cached = false;
  fs::path cache_file;
  if (options.use_cache) {
    const fs::path dir = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
    if (!dir.empty()) {
      auto fp = fingerprint_file(path);
      if (!fp) return fp.error();
      cache_file = waveform_cache_file(dir, *fp);
      if (auto data = read_file(cache_file, std::size_t{1} << 30); data) cached = deserialise(*data, peaks);
    }
  }
  if (cached) return peaks;
  auto decoded = decode_peaks(path, options);
  if (!decoded) return decoded.error();
  if (!cache_file.empty()) {
    std::error_code ec;
    fs::create_directories(cache_file.parent_path(), ec);
    (void)write_file_atomically(cache_file, serialise(*decoded));  // a cache: failing to write is not an error
  }
  return decoded;
}

}  // namespace

fs::path waveform_cache_file(const fs::path& cache_dir, const std::string& fingerprint) {
  std::string name = fingerprint;
  std::replace(name.begin(), name.end(), ':', '_');
  return cache_dir / (name + ".twf");
}

Result<Waveform> compute_waveform(const fs::path& path, int buckets, const WaveformOptions& options) {
  if (buckets <= 0) return make_error("the waveform needs at least one bucket", kFailed);
  bool cached = false;
  auto fine = fine_level(path, options, cached);
  if (!fine) return fine.error();
  const Peaks& peaks = *fine;

  Waveform w;
  w.sample_rate = peaks.sample_rate;
  w.channels = peaks.channels;
  w.duration_us = peaks.duration_us;
  w.from_cache = cached;
  w.min.assign(buckets, 0.0f);
  w.max.assign(buckets, 0.0f);
  const std::int64_t total = std::max<std::int64_t>(
      1, (av_rescale(peaks.duration_us, peaks.sample_rate, 1000000) + kSamplesPerEntry - 1) / kSamplesPerEntry);
  const std::int64_t have = static_cast<std::int64_t>(peaks.mn.size());
  for (int b = 0; b < buckets; ++b) {
    const std::int64_t lo = total * b / buckets;
    const std::int64_t hi = std::max(lo + 1, total * (b + 1) / buckets);
    float mn = std::numeric_limits<float>::infinity(), mx = -std::numeric_limits<float>::infinity();
    for (std::int64_t e = lo; e < hi && e < have; ++e) {
      mn = std::min(mn, peaks.mn[e]);
      mx = std::max(mx, peaks.mx[e]);
    }
    if (mn <= mx) {
      w.min[b] = mn;
      w.max[b] = mx;
    }
  }
  return w;
}

Result<LoudnessTrack> compute_loudness(const fs::path& path, const WaveformOptions& options) {
  bool cached = false;
  auto fine = fine_level(path, options, cached);
  if (!fine) return fine.error();
  LoudnessTrack out;
  out.duration_us = fine->duration_us;
  out.mean_square = std::move(fine->mean_square);
  out.from_cache = cached;
  return out;
}

}  // namespace triad::media
