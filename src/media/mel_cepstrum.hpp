#pragma once
// The spectral shape of one 32 ms window of 16 kHz sound for the talk analysis: the 13
// MFCC aubio_mfcc_do gives (40 Slaney mel bands, log10, DCT-II), worked out with less:
// the FFT's magnitudes only (aubio_fft_do also takes every bin's phase, an atan2 each,
// which the MFCC never reads) and the mel bank's zeros skipped (each triangle covers a
// few of the 257 bins). tests/media/mel_cepstrum_test.cpp checks it against aubio_mfcc_do.
#include <array>
#include <cstddef>
#include <memory>

namespace triad::media {

class MelCepstrum {
 public:
  static constexpr std::size_t kWindow = 512;
  static constexpr int kRate = 16000;
  static constexpr std::size_t kBands = 40;
  static constexpr std::size_t kCoefficients = 13;

  MelCepstrum();
  ~MelCepstrum();
  MelCepstrum(const MelCepstrum&) = delete;
  MelCepstrum& operator=(const MelCepstrum&) = delete;
  bool ok() const;  // false when aubio could not set up its objects
  // `window`: kWindow samples, already windowed (e.g. Hann).
  std::array<float, kCoefficients> compute(const float* window);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace triad::media
