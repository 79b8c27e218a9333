// Session <-> recording time; see recording_clock.hpp.
#include "core/recording_clock.hpp"

#include "base/wide_int.hpp"

namespace triad {
namespace {

constexpr Int128 kBillion = 1'000'000'000;

// Rounds num / den to the nearest integer, halves away from zero (den > 0).
TimeUs div_round(Int128 num, Int128 den) {
  const Int128 half = den / 2;
  return static_cast<TimeUs>(num >= 0 ? (num + half) / den : -((-num + half) / den));
}

}  // namespace

const Recording* session_clock(const std::vector<Recording>& recordings) {
  // The primary one with the lowest id; without any, the lowest id.
  const Recording* best = nullptr;
  for (const auto& r : recordings) {
    if (best == nullptr || (r.primary && !best->primary) || (r.primary == best->primary && r.id < best->id)) best = &r;
  }
  return best;
}

TimeUs recording_time_at(const Recording& r, TimeUs session_us) {
  const Int128 rel = static_cast<Int128>(session_us) - r.sync_offset_us;
  return div_round(rel * (kBillion + r.drift_ppb), kBillion);
}

TimeUs session_time_of(const Recording& r, TimeUs media_us) {
  const Int128 rate = kBillion + r.drift_ppb;
  if (rate <= 0) return r.sync_offset_us + media_us;  // nonsense drift: ignore it rather than divide by it
  return r.sync_offset_us + div_round(static_cast<Int128>(media_us) * kBillion, rate);
}

Placement placement_on(const Recording& leader, const Recording& r) {
  // leader time u is session time o_L + u / (1 + d_L); r's time there is
  // (o_L + u / (1 + d_L) - o_R) (1 + d_R) = (u - (o_R - o_L)(1 + d_L)) (1 + d_R) / (1 + d_L).
  const Int128 lead_rate = kBillion + leader.drift_ppb;
  if (lead_rate <= 0) return Placement{r.sync_offset_us - leader.sync_offset_us, r.drift_ppb};  // nonsense drift
  Placement p;
  p.offset_us = div_round(static_cast<Int128>(r.sync_offset_us - leader.sync_offset_us) * lead_rate, kBillion);
  p.drift_ppb = div_round((kBillion + r.drift_ppb) * kBillion, lead_rate) - static_cast<TimeUs>(kBillion);
  return p;
}

SessionSpan session_span(const Recording& r) {
  return SessionSpan{session_time_of(r, 0), session_time_of(r, r.duration_us)};
}

std::string camera_name(const Recording& r, std::size_t number) {
  return r.label.empty() ? "Camera " + std::to_string(number) : r.label;
}

}  // namespace triad
