#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang-14, ASan and UBSan in build-fuzz/ and
# runs each for a bounded time. Seeds: tests/fuzz/seeds/<target> (our own exports),
# tests/fuzz/regressions/<target> (every crash found so far) and ../shared/corpus/formats
# when present. A crash leaves its input as build-fuzz/crashes/<target>/crash-*: fix it, then
# copy that file to tests/fuzz/regressions/<target>/ (the gtest Fuzz_Regressions replays it).
#   TRIAD_FUZZ_SECONDS   seconds per target (default 60); longer runs on demand
#   TRIAD_FUZZ_TARGETS   space-separated subset (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${TRIAD_FUZZ_SECONDS:-60}
targets=${TRIAD_FUZZ_TARGETS:-"csv json webvtt srt eaf bundle framework time probe"}
corpus=${TRIAD_CORPUS_DIR:-../shared/corpus}/formats

launcher=()  # ccache only where a developer has it (scripts/build.sh does the same)
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRIAD_FUZZ=ON "${launcher[@]}" \
  -DTRIAD_BUILD_GUI=OFF -DTRIAD_BUILD_BENCH=OFF -DTRIAD_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target $(printf 'fuzz_%s ' $targets)

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# One target: its seeds, a bounded run, the crash (if any) under build-fuzz/crashes/<target>/.
run_one() {
  local t=$1 work=build-fuzz/corpus/$1 crashes=build-fuzz/crashes/$1
  mkdir -p "$work" "$crashes"
  local seeds=("$work") d
  for d in tests/fuzz/seeds/$t tests/fuzz/regressions/$t; do [[ -d $d ]] && seeds+=("$d"); done
  case $t in
    srt) [[ -d $corpus/srt ]] && seeds+=("$corpus/srt") ;;
    webvtt) [[ -d $corpus/webvtt ]] && mapfile -t -O ${#seeds[@]} seeds < <(find "$corpus/webvtt" -type d) ;;
    eaf) [[ -d $corpus/eaf ]] && seeds+=("$corpus/eaf") ;;
    probe) [[ -d $corpus/../media ]] && mapfile -t -O ${#seeds[@]} seeds < <(find "$corpus/../media" -type d) ;;
  esac
  if ./build-fuzz/tests/fuzz/fuzz_$t -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=1048576 \
      -print_final_stats=1 -artifact_prefix="$crashes/" "${seeds[@]}" >build-fuzz/fuzz_$t.log 2>&1; then
    echo "-- fuzz_$t (${seconds}s): $(grep -E '^stat::number_of_executed_units' build-fuzz/fuzz_$t.log | tr -s ' ')"
    echo ok >build-fuzz/result_$t
  else
    echo "-- fuzz_$t: CRASH"
    tail -40 build-fuzz/fuzz_$t.log
    return 1
  fi
}

# As many targets at once as there are cores; each runs single-threaded and leaves "ok" in
# build-fuzz/result_<target> when it found nothing.
failed=()
for t in $targets; do
  rm -f build-fuzz/result_$t
  while (($(jobs -rp | wc -l) >= $(nproc))); do wait -n || true; done
  run_one "$t" &
done
wait
for t in $targets; do [[ -f build-fuzz/result_$t ]] || failed+=("$t"); done
if ((${#failed[@]})); then
  echo "fuzzing found crashes in: ${failed[*]} (inputs under build-fuzz/crashes/)"
  exit 1
fi
echo "fuzzing: no crash in ${targets}"
