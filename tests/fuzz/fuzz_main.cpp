// One libFuzzer target: TRIAD_FUZZ_TARGET names the body in fuzz_targets.hpp (csv, json,
// webvtt, srt, eaf, bundle, framework, time, probe). Built by -DTRIAD_FUZZ=ON; run by
// scripts/fuzz.sh.
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  triad::fuzz::TRIAD_FUZZ_TARGET(data, size);
  return 0;
}
