#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs ctest (GoogleTest inside).
# GUI tests need an X display: without one, the suite runs under a private Xvfb server.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/build.sh"
build=${TRIAD_BUILD_DIR:-$here/build}
cd "$build"
run=(ctest --output-on-failure -j"$(nproc)" "$@")
if [[ -z ${DISPLAY:-} ]]; then
  exec xvfb-run -a -s "-screen 0 1600x900x24 -nolisten tcp" "${run[@]}"
fi
exec "${run[@]}"
