#include "media/mel_cepstrum.hpp"

#include <aubio/aubio.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace triad::media {

namespace {

// The floor of aubio_mfcc_do's log10 (measured: a silent spectrum gives log10(2e-42) per band).
constexpr float kLogFloor = 2e-42f;

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using FftPtr = std::unique_ptr<aubio_fft_t, Deleter<aubio_fft_t, del_aubio_fft>>;
using BankPtr = std::unique_ptr<aubio_filterbank_t, Deleter<aubio_filterbank_t, del_aubio_filterbank>>;
using DctPtr = std::unique_ptr<aubio_dct_t, Deleter<aubio_dct_t, del_aubio_dct>>;
using FvecPtr = std::unique_ptr<fvec_t, Deleter<fvec_t, del_fvec>>;
using CvecPtr = std::unique_ptr<cvec_t, Deleter<cvec_t, del_cvec>>;

struct Band {
  uint_t first = 0;
  std::vector<smpl_t> weights;  // coefficients first .. last non-zero bin
};

}  // namespace

struct MelCepstrum::Impl {
  FftPtr fft{new_aubio_fft(kWindow)};
  BankPtr bank{new_aubio_filterbank(kBands, kWindow)};
  DctPtr dct{new_aubio_dct(kBands)};
  FvecPtr input{new_fvec(kWindow)}, compspec{new_fvec(kWindow)}, mel{new_fvec(kBands)}, cepstrum{new_fvec(kBands)};
  CvecPtr spec{new_cvec(kWindow)};
  std::vector<Band> bands;
  bool ok = false;

  Impl() {
    if (!fft || !bank || !dct || !input || !compspec || !mel || !cepstrum || !spec) return;
    if (aubio_filterbank_set_mel_coeffs_slaney(bank.get(), kRate) != 0) return;
    const fmat_t& c = *aubio_filterbank_get_coeffs(bank.get());
    for (uint_t b = 0; b < c.height; ++b) {
      Band band;
      uint_t first = c.length, last = 0;
      for (uint_t k = 0; k < c.length; ++k)
        if (c.data[b][k] != 0) first = std::min(first, k), last = k;
      if (first <= last) {
        band.first = first;
        band.weights.assign(c.data[b] + first, c.data[b] + last + 1);
      }
      bands.push_back(std::move(band));
    }
    ok = bands.size() == kBands;
  }
};

MelCepstrum::MelCepstrum() : impl_(std::make_unique<Impl>()) {}
MelCepstrum::~MelCepstrum() = default;
bool MelCepstrum::ok() const { return impl_->ok; }

std::array<float, MelCepstrum::kCoefficients> MelCepstrum::compute(const float* window) {
  Impl& m = *impl_;
  std::copy(window, window + kWindow, m.input->data);
  aubio_fft_do_complex(m.fft.get(), m.input.get(), m.compspec.get());
  aubio_fft_get_norm(m.compspec.get(), m.spec.get());
  const smpl_t* norm = m.spec->norm;
  for (std::size_t b = 0; b < kBands; ++b) {
    const Band& band = m.bands[b];
    smpl_t sum = 0;
    for (std::size_t k = 0; k < band.weights.size(); ++k) sum += band.weights[k] * norm[band.first + k];
    m.mel->data[b] = std::log10(std::max(sum, kLogFloor));
  }
  aubio_dct_do(m.dct.get(), m.mel.get(), m.cepstrum.get());
  std::array<float, kCoefficients> out{};
  std::copy(m.cepstrum->data, m.cepstrum->data + kCoefficients, out.begin());
  return out;
}

}  // namespace triad::media
