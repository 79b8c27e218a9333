#include "media/voice_features.hpp"

#include <aubio/aubio.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "media/audio_decode.hpp"
#include "media/errors.hpp"
#include "media/mel_cepstrum.hpp"

// Debian's libwebrtc-audio-processing exports WebRTC's VAD (common_audio/vad) but its -dev
// package does not install webrtc_vad.h; these are that header's declarations (the C API
// of the 0.3 release: Create returns the handle, Process returns 1 speech / 0 not / -1 error).
extern "C" {
struct WebRtcVadInst;
WebRtcVadInst* WebRtcVad_Create();
void WebRtcVad_Free(WebRtcVadInst* handle);
int WebRtcVad_Init(WebRtcVadInst* handle);
int WebRtcVad_set_mode(WebRtcVadInst* handle, int mode);
int WebRtcVad_Process(WebRtcVadInst* handle, int fs, const std::int16_t* audio_frame, std::size_t frame_length);
}

namespace triad::media {
namespace {

constexpr int kRate = MelCepstrum::kRate;
static_assert(MelCepstrum::kCoefficients == kVoiceMfcc);
constexpr std::size_t kHop = 160;     // 10 ms
constexpr std::size_t kWindow = MelCepstrum::kWindow;  // 32 ms: pitch down to ~62 Hz, one FFT for the MFCC
constexpr std::size_t kRing = 4 * kHop;  // the last 40 ms: holds a window, and a frame never wraps in it
static_assert(kRing >= kWindow && kRing % kHop == 0);

struct VadDeleter {
  void operator()(WebRtcVadInst* v) const { WebRtcVad_Free(v); }
};
struct PitchDeleter {
  void operator()(aubio_pitch_t* p) const { del_aubio_pitch(p); }
};
struct FvecDeleter {
  void operator()(fvec_t* v) const { del_fvec(v); }
};

}  // namespace

Result<VoiceFeatures> extract_voice_features(const std::filesystem::path& path, const VoiceFeatureOptions& options) {
  std::unique_ptr<WebRtcVadInst, VadDeleter> vad(WebRtcVad_Create());
  if (!vad || WebRtcVad_Init(vad.get()) != 0 || WebRtcVad_set_mode(vad.get(), std::clamp(options.vad_mode, 0, 3)) != 0)
    return make_error("the voice activity detector could not be started for " + display_name(path), kFailed);
  std::unique_ptr<aubio_pitch_t, PitchDeleter> pitch(new_aubio_pitch("yinfast", kWindow, kWindow, kRate));
  std::unique_ptr<fvec_t, FvecDeleter> win(new_fvec(kWindow)), pitch_out(new_fvec(1)), hann(new_fvec(kWindow));
  MelCepstrum cepstrum;
  if (!pitch || !win || !pitch_out || !hann || !cepstrum.ok())
    return make_error("the voice features could not be set up for " + display_name(path), kFailed);
  aubio_pitch_set_unit(pitch.get(), "Hz");
  aubio_pitch_set_silence(pitch.get(), -70);
  for (std::size_t i = 0; i < kWindow; ++i)
    hann->data[i] = static_cast<smpl_t>(0.5 - 0.5 * std::cos(2.0 * M_PI * static_cast<double>(i) / (kWindow - 1)));

  VoiceFeatures vf;
  // An hour of frames up front: growing a vector this size copied it again and again.
  vf.frames.reserve(360'000);
  std::vector<float> ring(kRing, 0.0f);  // the last 640 samples; ring_pos is where the next frame goes
  std::size_t ring_pos = 0;
  std::vector<float> pending;
  pending.reserve(kHop * 64);
  std::int16_t pcm[kHop];
  int voiced_run = 0;

  auto frame = [&](const float* s) {
    VoiceFeatureFrame f;
    float energy = 0;
    float* ring_at = ring.data() + ring_pos;  // kRing is a multiple of kHop: no wrap inside a frame
    for (std::size_t i = 0; i < kHop; ++i) {
      const float v = std::clamp(s[i], -1.0f, 1.0f);
      const float scaled = v * 32767.0f;
      pcm[i] = static_cast<std::int16_t>(scaled + (scaled >= 0 ? 0.5f : -0.5f));  // round half away, as lround
      energy += v * v;
      ring_at[i] = v;
    }
    ring_pos = (ring_pos + kHop) % kRing;
    f.level_db = static_cast<float>(10.0 * std::log10(static_cast<double>(energy) / kHop + 1e-12));
    f.vad = WebRtcVad_Process(vad.get(), kRate, pcm, kHop) == 1;
    voiced_run = f.vad ? voiced_run + 1 : 0;
    if (f.vad && voiced_run % 4 == 1) {
      const std::size_t oldest = (ring_pos + kRing - kWindow) % kRing;  // the window's first sample
      for (std::size_t i = 0; i < kWindow; ++i) win->data[i] = ring[(oldest + i) % kRing];
      aubio_pitch_do(pitch.get(), win.get(), pitch_out.get());
      const float hz = pitch_out->data[0];
      if (hz > 60 && hz < 600 && aubio_pitch_get_confidence(pitch.get()) > 0.6f) f.pitch_hz = hz;
      for (std::size_t i = 0; i < kWindow; ++i) win->data[i] *= hann->data[i];
      f.mfcc = cepstrum.compute(win->data);  // aubio_mfcc_do's coefficients, cheaper (media/mel_cepstrum.hpp)
      f.has_mfcc = true;
    }
    vf.frames.push_back(f);
  };

  MonoDecodeOptions mo;
  mo.sample_rate = kRate;
  mo.progress = options.progress;
  mo.open = options.open;
  auto done = decode_mono(
      path,
      [&](const float* s, std::size_t n) {
        std::size_t i = 0;
        if (!pending.empty()) {  // complete the frame left over from the last block
          const std::size_t take = std::min(n, kHop - pending.size());
          pending.insert(pending.end(), s, s + take);
          i = take;
          if (pending.size() == kHop) {
            frame(pending.data());
            pending.clear();
          }
        }
        for (; i + kHop <= n; i += kHop) frame(s + i);
        pending.insert(pending.end(), s + i, s + n);
        return true;
      },
      mo);
  if (!done) return done.error();
  return vf;
}

}  // namespace triad::media
