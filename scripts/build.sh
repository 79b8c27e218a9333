#!/usr/bin/env bash
# Installs missing Debian packages, configures and builds Triad into build/ (or $TRIAD_BUILD_DIR).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/deps.sh"
build=${TRIAD_BUILD_DIR:-$here/build}
# ccache, when a developer has it, makes rebuilds in several checkouts cheap; CI machines do not.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$here" -B "$build" -G Ninja "${launcher[@]}" -DCMAKE_BUILD_TYPE=${TRIAD_BUILD_TYPE:-RelWithDebInfo} ${TRIAD_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
