// media/mel_cepstrum: the talk analysis's cheaper MFCC must give what aubio_mfcc_do gives
// (the classifier and its cached labels were tuned on aubio's), on tones of many pitches
// and levels with noise, on near-silence and on digital silence (aubio's log floor).
#include <gtest/gtest.h>

#include <aubio/aubio.h>

#include <cmath>
#include <random>

#include "media/mel_cepstrum.hpp"

using triad::media::MelCepstrum;

TEST(MelCepstrum, EqualsAubioMfccOnTonesNoiseAndSilence) {
  constexpr uint_t W = MelCepstrum::kWindow;
  MelCepstrum fast;
  ASSERT_TRUE(fast.ok());
  aubio_fft_t* fft = new_aubio_fft(W);
  aubio_mfcc_t* mfcc = new_aubio_mfcc(W, MelCepstrum::kBands, MelCepstrum::kCoefficients, MelCepstrum::kRate);
  fvec_t* win = new_fvec(W);
  fvec_t* want = new_fvec(MelCepstrum::kCoefficients);
  cvec_t* spec = new_cvec(W);
  ASSERT_TRUE(fft && mfcc && win && want && spec);
  std::mt19937 rng(7);
  std::normal_distribution<float> noise(0, 1);
  int compared = 0;
  for (int t = 0; t < 600; ++t) {
    const float level = std::pow(10.0f, -static_cast<float>(t % 14) * 0.5f);  // 0 .. -130 dB
    const float hz = 70.0f + static_cast<float>(t % 60) * 9.0f;
    for (uint_t i = 0; i < W; ++i) {
      const float hann = 0.5f - 0.5f * std::cos(2.0f * static_cast<float>(M_PI) * i / (W - 1));
      const float s = t % 50 == 0 ? 0.0f : level * (0.6f * std::sin(2.0f * static_cast<float>(M_PI) * hz * i / 16000) +
                                                     0.1f * noise(rng));
      win->data[i] = s * hann;
    }
    aubio_fft_do(fft, win, spec);
    aubio_mfcc_do(mfcc, spec, want);
    const auto got = fast.compute(win->data);
    for (uint_t k = 0; k < MelCepstrum::kCoefficients; ++k) {
      EXPECT_NEAR(got[k], want->data[k], 1e-4f * std::max(1.0f, std::fabs(want->data[k])))
          << "window " << t << " coefficient " << k;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 600 * 13);
  del_cvec(spec);
  del_fvec(want);
  del_fvec(win);
  del_aubio_mfcc(mfcc);
  del_aubio_fft(fft);
}
