#!/usr/bin/env bash
# Installs every Debian 12 package Triad needs to build, run and test.
# Idempotent: packages already present are skipped, so a second run costs a second.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ninja-build git
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev
  libsdl2-dev libimgui-dev libgl-dev libgl1-mesa-dri libegl-mesa0
  libsqlite3-dev sqlite3
  nlohmann-json3-dev libcli11-dev libfmt-dev libpugixml-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  ffmpeg libxml2-utils xvfb xauth imagemagick fonts-dejavu-core
  tesseract-ocr  # tests/gui: reads the text of the window's screenshots
  libpng-dev
  libsodium-dev  # src/crypto: Ed25519 signing identities, Argon2id key files
  chromium  # tests/exchange/browser_test.cpp: the WebVTT track and the HTML report in a real browser
  clang-14 libfuzzer-14-dev  # scripts/fuzz.sh: the libFuzzer targets in tests/fuzz (.ci/run)
  libwebrtc-audio-processing-dev libaubio-dev espeak-ng sox  # talk analysis (VAD, pitch, MFCC); its tests' voices
)
# `deps.sh --bench` adds what ../shared/bench/baseline.sh needs to measure Triad beside ffmpeg and mpv.
if [[ ${1:-} == --bench ]]; then
  PACKAGES+=(mpv hyperfine jq bc)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
