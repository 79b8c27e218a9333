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
constexpr char kMagic[4] = {'T', 'W', 'F', '1'};

// The fine level: entry j covers samples [j*256, (j+1)*256) counted from media time 0.
struct Peaks {
  std::int32_t sample_rate = 0;
  std::int32_t channels = 0;
  std::int64_t duration_us = 0;
  std::vector<float> mn, mx;  // +inf/-inf where no sample landed
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
  if (spe != kSamplesPerEntry || n < 0 || in.size() - at != static_cast<std::size_t>(n) * 4) return false;
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
  if (options.progress) options.progress(1.0);
  return p;
}

}  // namespace

fs::path waveform_cache_file(const fs::path& cache_dir, const std::string& fingerprint) {
  std::string name = fingerprint;
  std::replace(name.begin(), name.end(), ':', '_');
  return cache_dir / (name + ".twf");
}

Result<Waveform> compute_waveform(const fs::path& path, int buckets, const WaveformOptions& options) {
  if (buckets <= 0) return make_error("the waveform needs at least one bucket", kFailed);
  Peaks peaks;
  bool cached = false;
  fs::path cache_file;
  if (options.use_cache) {
    const fs::path dir = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
    if (!dir.empty()) {
      if (auto fp = fingerprint_file(path); fp) {
        cache_file = waveform_cache_file(dir, *fp);
        if (auto data = read_file(cache_file, std::size_t{1} << 30); data) cached = deserialise(*data, peaks);
      } else {
        return fp.error();
      }
    }
  }
  if (!cached) {
    auto decoded = decode_peaks(path, options);
    if (!decoded) return decoded.error();
    peaks = std::move(decoded.value());
    if (!cache_file.empty()) {
      std::error_code ec;
      fs::create_directories(cache_file.parent_path(), ec);
      (void)write_file_atomically(cache_file, serialise(peaks));  // a cache: failing to write is not an error
    }
  }

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

}  // namespace triad::media
