#!/usr/bin/env bash
# Installs missing Debian packages, configures and builds Triad into build/ (or $TRIAD_BUILD_DIR).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/deps.sh"
build=${TRIAD_BUILD_DIR:-$here/build}
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${TRIAD_BUILD_TYPE:-RelWithDebInfo} ${TRIAD_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
