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

CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRIAD_FUZZ=ON \
  -DTRIAD_BUILD_GUI=OFF -DTRIAD_BUILD_BENCH=OFF -DTRIAD_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target $(printf 'fuzz_%s ' $targets)

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
for t in $targets; do
  work=build-fuzz/corpus/$t crashes=build-fuzz/crashes/$t
  mkdir -p "$work" "$crashes"
  seeds=("$work")
  for d in tests/fuzz/seeds/$t tests/fuzz/regressions/$t; do [[ -d $d ]] && seeds+=("$d"); done
  case $t in
    srt) [[ -d $corpus/srt ]] && seeds+=("$corpus/srt") ;;
    webvtt) [[ -d $corpus/webvtt ]] && seeds+=("$(find "$corpus/webvtt" -type d | tr '\n' ' ')") ;;
    eaf) [[ -d $corpus/eaf ]] && seeds+=("$corpus/eaf") ;;
    probe) [[ -d $corpus/../media ]] && seeds+=("$(find "$corpus/../media" -type d | tr '\n' ' ')") ;;
  esac
  echo "-- fuzz_$t: ${seconds}s"
  # shellcheck disable=SC2068 # the find lists above are meant to split into folders
  if ! ./build-fuzz/tests/fuzz/fuzz_$t -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=1048576 \
      -print_final_stats=1 -artifact_prefix="$crashes/" ${seeds[@]} 2>build-fuzz/fuzz_$t.log; then
    tail -40 build-fuzz/fuzz_$t.log
    failed+=("$t")
  else
    grep -E '^stat::number_of_executed_runs|^Done' build-fuzz/fuzz_$t.log | tr '\n' ' '
    echo
  fi
done
if ((${#failed[@]})); then
  echo "fuzzing found crashes in: ${failed[*]} (inputs under build-fuzz/crashes/)"
  exit 1
fi
echo "fuzzing: no crash in ${targets}"
