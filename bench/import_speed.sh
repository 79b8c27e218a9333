#!/usr/bin/env bash
# Import, filter and search speed of this tree beside an older commit, in one run: the
# older tree is unpacked (git archive) under build-old/, given this tree's bench sources
# (they use only the public store/exchange API), built, and both are run one after the
# other on the same machine.
#   bench/import_speed.sh [old-commit]   (default: the commit before issue 14's work, 9daf347)
#   TRIAD_BENCH_FILTER   Google Benchmark filter (default: the import, filter and search figures)
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:-9daf347}
filter=${TRIAD_BENCH_FILTER:-'BM_Import|BM_Filter|BM_FtsSearch|BM_ListSession'}
src=build-old/src-$old
if [[ ! -d $src ]]; then
  mkdir -p "$src"
  git archive "$old" | tar -x -C "$src"
fi
cp bench/import_bench.cpp bench/store_bench.cpp bench/CMakeLists.txt "$src/bench/"
for tree in "$src:build-old/build-$old" ".:build"; do
  s=${tree%%:*} b=${tree##*:}
  [[ -f $b/build.ninja ]] || cmake -S "$s" -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRIAD_BUILD_GUI=OFF \
    -DTRIAD_BUILD_TESTS=OFF -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache >/dev/null
  cmake --build "$b" -j"$(nproc)" --target import_bench store_bench
done
for tree in "old ($old):build-old/build-$old" "new ($(git rev-parse --short HEAD)):build"; do
  label=${tree%%:*} b=${tree##*:}
  echo "== $label"
  "$b/bench/import_bench" --benchmark_filter="$filter" 2>/dev/null | grep -E '^BM_'
  "$b/bench/store_bench" --benchmark_filter="$filter" 2>/dev/null | grep -E '^BM_'
done
