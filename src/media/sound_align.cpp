// Alignment by sound; see sound_align.hpp for the method.
#include "media/sound_align.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <memory>
#include <numeric>
#include <vector>

#include "media/errors.hpp"
#include "media/mono_audio.hpp"
#include "media/waveform.hpp"

extern "C" {
#include <libavutil/tx.h>
}

namespace triad::media {
namespace {

constexpr int kEnvelopePerSecond = kLoudnessPerSecond;  // coarse step: 10 ms
constexpr int kFineWindowLog2 = 16;      // 65536 samples: 8.2 s at 8 kHz (less for short overlaps)
constexpr int kFineWindowMinLog2 = 13;   // 1 s at 8 kHz
constexpr double kFineMinScore = 8.0;    // a fine peak this many deviations above the rest
constexpr double kFitToleranceS = 0.004; // points further than 4 ms from the fit are outliers

struct TxDeleter {
  void operator()(AVTXContext* c) const { av_tx_uninit(&c); }
};

// One complex FFT of a fixed power-of-two length (FFmpeg's, libavutil/tx.h), forward or inverse.
class Fft {
 public:
  static Result<Fft> make(int n, bool inverse) {
    Fft f;
    AVTXContext* ctx = nullptr;
    const float scale = 1.0f;
    // Unaligned: the buffers are std::vectors (16-byte aligned), not av_malloc's 32/64.
    if (av_tx_init(&ctx, &f.fn_, AV_TX_FLOAT_FFT, inverse ? 1 : 0, n, &scale, AV_TX_UNALIGNED) < 0)
      return make_error("the FFT for sound alignment could not be set up", kFailed);
    f.ctx_.reset(ctx);
    f.n_ = n;
    return f;
  }
  // out = FFT(in); both n long; in may be changed.
  void run(std::vector<AVComplexFloat>& in, std::vector<AVComplexFloat>& out) {
    fn_(ctx_.get(), out.data(), in.data(), sizeof(AVComplexFloat));
  }
  int size() const { return n_; }

 private:
  std::unique_ptr<AVTXContext, TxDeleter> ctx_;
  av_tx_fn fn_ = nullptr;
  int n_ = 0;
};

int pow2_at_least(std::int64_t n) {
  int p = 1;
  while (p < n) p <<= 1;
  return p;
}

// Onset envelope, one value per 10 ms: the rise of log energy (half-wave rectified), which
// marks syllables, claps and door bangs alike whatever each microphone's gain and colour;
// standardised (mean 0, deviation 1). Empty when the track is silent. `energy` is the
// loudness track the waveform pass measures (media/waveform.hpp).
std::vector<float> onset_envelope(const std::vector<float>& energy) {
  const std::size_t n = energy.size();
  double total = 0;
  for (float e : energy) total += e;
  const double mean = n ? total / static_cast<double>(n) : 0;
  if (mean < 1e-10) return {};  // below -100 dBFS on average: nothing to hear
  // Floor at 40 dB under the mean: background hiss and digital silence look alike.
  const double floor = mean * 1e-4;
  std::vector<float> env(n, 0.0f);
  double prev = std::log(energy.empty() ? floor : energy[0] + floor);
  for (std::size_t i = 1; i < n; ++i) {
    const double l = std::log(energy[i] + floor);
    env[i] = static_cast<float>(std::max(0.0, l - prev));
    prev = l;
  }
  double m = 0, v = 0;
  for (float x : env) m += x;
  m /= std::max<std::size_t>(1, n);
  for (float x : env) v += (x - m) * (x - m);
  const double sd = std::sqrt(v / std::max<std::size_t>(1, n));
  if (sd < 1e-9) return {};
  for (float& x : env) x = static_cast<float>((x - m) / sd);
  return env;
}

// Moving average over `width` values (centred); the identity for width 1.
std::vector<float> box_blur(const std::vector<float>& x, std::int64_t width) {
  if (width <= 1) return x;
  const auto n = static_cast<std::int64_t>(x.size());
  std::vector<double> prefix(static_cast<std::size_t>(n + 1), 0.0);
  for (std::int64_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + x[i];
  std::vector<float> out(x.size());
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t lo = std::max<std::int64_t>(0, i - width / 2), hi = std::min(n, i - width / 2 + width);
    out[i] = static_cast<float>((prefix[hi] - prefix[lo]) / static_cast<double>(hi - lo));
  }
  return out;
}

struct Coarse {
  std::int64_t lag = 0;  // other's envelope index n matches reference index n + lag
  double confidence = 0;
  double peak_z = 0;
};

Result<Coarse> coarse_lag(const std::vector<float>& ref, const std::vector<float>& oth, std::int64_t min_overlap,
                          std::int64_t side_exclusion, const std::string& ref_name, const std::string& oth_name,
                          double min_confidence) {
  const auto na = static_cast<std::int64_t>(ref.size()), nb = static_cast<std::int64_t>(oth.size());
  // FFmpeg 5.1's FFT is fast up to 2^17 points (longer ones fall back to a plain DFT), so
  // the whole-track correlation is summed from block pairs: blocks of L envelope values,
  // each pair correlated with one 2L-point FFT product (about 11 minutes a block).
  constexpr std::int64_t kBlock = std::int64_t{1} << 16;
  const std::int64_t L = std::min<std::int64_t>(kBlock, pow2_at_least(std::max(na, nb)));
  const int n = static_cast<int>(2 * L);
  auto fwd = Fft::make(n, false);
  if (!fwd) return fwd.error();
  auto inv = Fft::make(n, true);
  if (!inv) return inv.error();
  auto spectra = [&](const std::vector<float>& x) {
    std::vector<std::vector<AVComplexFloat>> out;
    std::vector<AVComplexFloat> in(n);
    for (std::int64_t b0 = 0; b0 < static_cast<std::int64_t>(x.size()); b0 += L) {
      for (std::int64_t i = 0; i < n; ++i)
        in[i] = {i < L && b0 + i < static_cast<std::int64_t>(x.size()) ? x[b0 + i] : 0.0f, 0.0f};
      out.emplace_back(n);
      fwd->run(in, out.back());
    }
    return out;
  };
  const auto sa = spectra(ref), sb = spectra(oth);
  // corr[k + nb - 1] = sum_n ref[n + k] oth[n], for k in [-(nb - 1), na - 1].
  std::vector<double> corr(static_cast<std::size_t>(na + nb - 1), 0.0);
  std::vector<AVComplexFloat> prod(n), back(n);
  for (std::size_t i = 0; i < sa.size(); ++i) {
    for (std::size_t j = 0; j < sb.size(); ++j) {
      for (int f = 0; f < n; ++f) {  // A * conj(B)
        const AVComplexFloat a = sa[i][f], b = sb[j][f];
        prod[f] = {a.re * b.re + a.im * b.im, a.im * b.re - a.re * b.im};
      }
      inv->run(prod, back);
      // back[m] (m in (-L, L), negative ones wrapped) is the block pair's correlation at
      // lag m; the whole tracks' lag is then m + (i - j) L.
      const std::int64_t base = (static_cast<std::int64_t>(i) - static_cast<std::int64_t>(j)) * L;
      for (std::int64_t m = -(L - 1); m <= L - 1; ++m) {
        const std::int64_t k = base + m;
        if (k < -(nb - 1) || k > na - 1) continue;
        corr[static_cast<std::size_t>(k + nb - 1)] += back[static_cast<std::size_t>(m >= 0 ? m : n + m)].re;
      }
    }
  }
  // Lags with enough overlap, scored per sqrt(overlap) so chance scores have one spread.
  std::vector<std::int64_t> lags;
  std::vector<double> score;
  for (std::int64_t k = -(nb - 1); k <= na - 1; ++k) {
    const std::int64_t overlap = std::min(nb, na - k) - std::max<std::int64_t>(0, -k);
    if (overlap < min_overlap) continue;
    const double r = corr[static_cast<std::size_t>(k + nb - 1)];
    lags.push_back(k);
    score.push_back(r / std::sqrt(static_cast<double>(overlap)));
  }
  if (lags.empty())
    return make_error(oth_name + " and " + ref_name + " cannot be aligned: one of them is too short to share " +
                          std::to_string(min_overlap / kEnvelopePerSecond) + " s of sound with the other.",
                      kFailed);
  double mean = std::accumulate(score.begin(), score.end(), 0.0) / static_cast<double>(score.size());
  double var = 0;
  for (double s : score) var += (s - mean) * (s - mean);
  const double sd = std::sqrt(var / static_cast<double>(score.size())) + 1e-12;
  const auto best = static_cast<std::size_t>(std::max_element(score.begin(), score.end()) - score.begin());
  double side = 0;  // strongest score away from the peak, above the mean
  for (std::size_t i = 0; i < score.size(); ++i)
    if (std::llabs(lags[i] - lags[best]) > side_exclusion) side = std::max(side, score[i] - mean);
  Coarse c;
  c.lag = lags[best];
  c.peak_z = (score[best] - mean) / sd;
  c.confidence = side > 0 ? (score[best] - mean) / side : 100.0;
  if (c.confidence < min_confidence) {
    char num[64];
    std::snprintf(num, sizeof num, "%.2f, needs %.2f", c.confidence, min_confidence);
    return make_error(oth_name + " does not share sound with " + ref_name +
                          ": no moment of one matches the other better than chance (confidence " + num +
                          "); it may have been recorded at another time, or the two overlap too little.",
                      kFailed);
  }
  return c;
}

struct FinePoint {
  double other_s = 0;  // other's time of the window centre
  double diff_s = 0;   // reference time - other time there
};

// GCC-PHAT between a window of each track (`a` from the reference, `b` from the other, w
// samples each, the reference's taken `predicted` samples later than the other's). Returns
// the refined offset (samples), or nothing when the peak does not stand out (a gap, silence
// in one of them, or different sound there).
std::optional<double> gcc_phat(const std::vector<float>& a, const std::vector<float>& b, double predicted, int rate,
                               int w, double search_s, Fft& fwd, Fft& inv, std::vector<AVComplexFloat>& buf_a,
                               std::vector<AVComplexFloat>& fa, std::vector<AVComplexFloat>& fb) {
  const int n = fwd.size();
  // Hann-tapered windows so the window edges do not correlate with each other.
  for (int i = 0; i < n; ++i) {
    const float win = i < w ? 0.5f - 0.5f * std::cos(2.0f * static_cast<float>(M_PI) * i / (w - 1)) : 0.0f;
    buf_a[i] = {i < w ? a[i] * win : 0.0f, 0.0f};
  }
  fwd.run(buf_a, fa);
  for (int i = 0; i < n; ++i) {
    const float win = i < w ? 0.5f - 0.5f * std::cos(2.0f * static_cast<float>(M_PI) * i / (w - 1)) : 0.0f;
    buf_a[i] = {i < w ? b[i] * win : 0.0f, 0.0f};
  }
  fwd.run(buf_a, fb);
  for (int i = 0; i < n; ++i) {  // phase transform: whiten, keep only the phase difference
    const float re = fa[i].re * fb[i].re + fa[i].im * fb[i].im;
    const float im = fa[i].im * fb[i].re - fa[i].re * fb[i].im;
    const float mag = std::sqrt(re * re + im * im);
    buf_a[i] = mag > 1e-20f ? AVComplexFloat{re / mag, im / mag} : AVComplexFloat{0.0f, 0.0f};
  }
  inv.run(buf_a, fa);
  // r[m] = sum a[i+m] b[i]: the other window's sample i is the reference window's i + m,
  // so the offset is predicted + m.
  const int search = std::min(static_cast<int>(search_s * rate), w - 1);
  auto at = [&](int m) { return fa[static_cast<std::size_t>(m >= 0 ? m : n + m)].re; };
  int best = 0;
  double sum = 0, sum2 = 0;
  for (int m = -search; m <= search; ++m) {
    const double v = at(m);
    sum += v;
    sum2 += v * v;
    if (v > at(best)) best = m;
  }
  const double count = 2.0 * search + 1;
  const double mean = sum / count;
  const double sd = std::sqrt(std::max(0.0, sum2 / count - mean * mean)) + 1e-20;
  if ((at(best) - mean) / sd < kFineMinScore) return std::nullopt;
  // Parabolic interpolation between the neighbours for a sub-sample peak.
  double frac = 0;
  if (best > -search && best < search) {
    const double l = at(best - 1), c = at(best), r = at(best + 1);
    const double den = l - 2 * c + r;
    if (std::fabs(den) > 1e-20) frac = std::clamp(0.5 * (l - r) / den, -0.5, 0.5);
  }
  return std::round(predicted) + best + frac;
}

// Least squares diff = a + g * t over the points, dropping the worst outlier while any is
// further than the tolerance (and more than two remain).
struct Fit {
  double a = 0, g = 0;
  double worst = 0;
  std::vector<FinePoint> used;
};
Fit fit_points(std::vector<FinePoint> pts) {
  Fit f;
  for (;;) {
    const double n = static_cast<double>(pts.size());
    double mt = 0, md = 0;
    for (const auto& p : pts) {
      mt += p.other_s;
      md += p.diff_s;
    }
    mt /= n;
    md /= n;
    double stt = 0, std_ = 0;
    for (const auto& p : pts) {
      stt += (p.other_s - mt) * (p.other_s - mt);
      std_ += (p.other_s - mt) * (p.diff_s - md);
    }
    f.g = pts.size() >= 2 && stt > 1e-9 ? std_ / stt : 0.0;
    f.a = md - f.g * mt;
    std::size_t worst_i = 0;
    f.worst = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      const double r = std::fabs(pts[i].diff_s - (f.a + f.g * pts[i].other_s));
      if (r > f.worst) {
        f.worst = r;
        worst_i = i;
      }
    }
    if (f.worst <= kFitToleranceS || pts.size() <= 2) break;
    pts.erase(pts.begin() + static_cast<std::ptrdiff_t>(worst_i));
  }
  f.used = std::move(pts);
  return f;
}

}  // namespace

Result<SoundAlignment> align_sound_files(const std::filesystem::path& reference, const std::filesystem::path& other,
                                         const SoundAlignOptions& options) {
  const std::string reference_name = display_name(reference), other_name = display_name(other);
  const int rate = options.rate;
  if (rate <= 0) return make_error("sound alignment needs a positive analysis rate", kFailed);
  auto part = [&](double from, double span) -> ProgressFn {
    if (!options.progress) return {};
    return [&options, from, span](double f) { return options.progress(from + span * f); };
  };
  // 1. The loudness of both (one waveform pass each, or none when the waveform is cached).
  auto loudness = [&](const std::filesystem::path& path, double from) {
    WaveformOptions wo;
    wo.use_cache = options.use_cache;
    wo.cache_dir = options.cache_dir;
    wo.open = options.open;
    wo.progress = part(from, 0.42);
    return compute_loudness(path, wo);
  };
  auto ref_loud = loudness(reference, 0.0);
  if (!ref_loud) return ref_loud.error();
  auto oth_loud = loudness(other, 0.42);
  if (!oth_loud) return oth_loud.error();
  const auto ref_env = onset_envelope(ref_loud->mean_square);
  if (ref_env.empty()) return make_error(reference_name + " is silent, so there is no sound to align by.", kFailed);
  const auto oth_env = onset_envelope(oth_loud->mean_square);
  if (oth_env.empty()) return make_error(other_name + " is silent, so there is no sound to align by.", kFailed);

  // 2. Coarse: the envelopes over the whole tracks.
  const std::int64_t min_overlap = std::max<std::int64_t>(1, options.min_overlap_us * kEnvelopePerSecond / 1000000);
  // Drift smears the coarse peak over (ppm * length); side lobes are looked for beyond that
  // (and beyond 1 s, the width of a syllable's own echo in the envelope).
  // So that a drifting clock's matches still add up at one lag, long tracks are compared
  // with envelopes blurred over the drift 200 ppm makes across them (1.2 s for 100 minutes;
  // nothing for a few minutes): the coarse lag is then only as sharp as that blur, and the
  // fine step (searching ±1 s) finds each point's exact offset.
  const std::int64_t longest = static_cast<std::int64_t>(std::max(ref_env.size(), oth_env.size()));
  const std::int64_t blur = std::max<std::int64_t>(1, longest * 200 / 1000000);
  const std::int64_t exclusion = std::max<std::int64_t>(kEnvelopePerSecond, 2 * blur);
  auto coarse = coarse_lag(box_blur(ref_env, blur), box_blur(oth_env, blur), min_overlap, exclusion, reference_name,
                           other_name, options.min_confidence);
  if (!coarse) return coarse.error();
  if (options.progress && !options.progress(0.88)) return make_error("aligning " + other_name + " was cancelled", kFailed);

  SoundAlignment out;
  out.confidence = coarse->confidence;
  const double coarse_s = static_cast<double>(coarse->lag) / kEnvelopePerSecond;
  const double ref_len = static_cast<double>(ref_env.size()) / kEnvelopePerSecond;
  const double oth_len = static_cast<double>(oth_env.size()) / kEnvelopePerSecond;
  // The overlap in the other recording's time.
  const double from = std::max(0.0, -coarse_s), to = std::min(oth_len, ref_len - coarse_s);
  out.overlap_us = static_cast<TimeUs>(std::max(0.0, to - from) * 1e6);

  // 3. Fine: at several points, the sound itself at the analysis rate, read by a seek and a
  // few seconds of decoding at each point (media/mono_audio.hpp).
  // The fine lag is searched around the coarse line within the drift the lesson's length
  // allows (300 ppm) plus the coarse step's own error; the window is the longest that fits
  // the overlap with that margin (8.2 s, down to 1 s for short overlaps).
  const double search_s = std::clamp(std::max(ref_len, oth_len) * 300e-6 + 0.1, 0.1, 1.0);
  int w_log2 = kFineWindowLog2;
  while (w_log2 > kFineWindowMinLog2 && (1 << w_log2) / static_cast<double>(rate) + 2 * search_s > to - from) --w_log2;
  const int w = 1 << w_log2;
  const double w_s = w / static_cast<double>(rate);
  auto fwd = Fft::make(2 * w, false);
  if (!fwd) return fwd.error();
  auto inv = Fft::make(2 * w, true);
  if (!inv) return inv.error();
  auto ref_reader = MonoSpanReader::open(reference, rate, options.open);
  if (!ref_reader) return ref_reader.error();
  auto oth_reader = MonoSpanReader::open(other, rate, options.open);
  if (!oth_reader) return oth_reader.error();
  const auto na = static_cast<std::int64_t>(ref_len * rate), nb = static_cast<std::int64_t>(oth_len * rate);
  std::vector<AVComplexFloat> buf(2 * w), fa(2 * w), fb(2 * w);
  const double usable = (to - from) - w_s - 2 * search_s;
  const int points = usable < 0 ? 0 : std::clamp(static_cast<int>(usable / 20.0) + 1, std::min(3, options.max_points), options.max_points);
  const double predicted = coarse_s * rate;
  std::vector<FinePoint> found;
  for (int p = 0; p < points; ++p) {
    const double centre = points == 1 ? (from + to) / 2
                                      : from + search_s + w_s / 2 + usable * p / (points - 1);
    const auto other_start = static_cast<std::int64_t>((centre - w_s / 2) * rate);
    const std::int64_t ref_start = other_start + static_cast<std::int64_t>(std::llround(predicted));
    ++out.points_tried;
    if (ref_start >= 0 && ref_start + w <= na && other_start >= 0 && other_start + w <= nb) {
      // Index i of a window is media time (start + i) / rate: read from that exact time.
      auto a = ref_reader->read(static_cast<TimeUs>(ref_start * 1000000 / rate), w);
      if (!a) return a.error();
      auto b = oth_reader->read(static_cast<TimeUs>(other_start * 1000000 / rate), w);
      if (!b) return b.error();
      if (auto d = gcc_phat(*a, *b, predicted, rate, w, search_s, *fwd, *inv, buf, fa, fb))
        found.push_back(FinePoint{centre, *d / rate});
    }
    if (options.progress && !options.progress(0.88 + 0.12 * (p + 1) / points))
      return make_error("aligning " + other_name + " was cancelled", kFailed);
  }
  if (found.empty())
    return make_error(other_name + " only roughly matches the sound of " + reference_name +
                          ": no stretch of the shared time matches sample by sample, so it was not aligned.",
                      kFailed);
  // 4. Fit offset + drift.
  Fit fit = fit_points(found);
  // Few agreeing points against many tried means the coarse match was luck or the sound is
  // edited (a recording paused and resumed has two offsets): refuse rather than guess.
  if (static_cast<int>(fit.used.size()) * 3 < out.points_tried || (out.points_tried >= 3 && fit.used.size() < 2))
    return make_error(other_name + " matches the sound of " + reference_name + " at only " +
                          std::to_string(fit.used.size()) + " of " + std::to_string(out.points_tried) +
                          " points along the lesson, so it was not aligned (edited or mostly different sound).",
                      kFailed);
  // reference = other + a + g * other  =>  reference = a + (1 + g) * other = a + other * 1e9 / (1e9 + drift).
  out.offset_us = static_cast<TimeUs>(std::llround(fit.a * 1e6));
  out.drift_ppb = static_cast<std::int64_t>(std::llround((1.0 / (1.0 + fit.g) - 1.0) * 1e9));
  out.points_used = static_cast<int>(fit.used.size());
  out.worst_residual_us = static_cast<TimeUs>(std::llround(fit.worst * 1e6));
  return out;
}

}  // namespace triad::media
