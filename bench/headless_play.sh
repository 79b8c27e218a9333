#!/usr/bin/env bash
# headless_play.sh [BUILD]
#
# Real-time playback figure that used to be a test (Headless_Play.FullHd30PlaysWithoutDrops):
# a generated 4 s 1080p30 H.264 clip (B-frames, AAC) played for 2 s from 0.5 s through
# `triad play --headless` (real pipeline and player, null sinks, paced by the steady clock).
# Prints frames shown / dropped and the A/V offset; exits 1 when any frame was dropped, so
# it can gate a release on a quiet machine. A loaded machine drops frames honestly: this is
# a measurement, which is why no test asserts it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$here/build}
TRIAD=$BUILD/src/cli/triad
[ -x "$TRIAD" ] || { echo "no $TRIAD (build first)" >&2; exit 1; }
SCR=$(mktemp -d /tmp/headless_play.XXXXXX)
trap 'rm -rf "$SCR"' EXIT
ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 \
  -f lavfi -i sine=frequency=440:sample_rate=48000 -t 4 -c:v libx264 -preset ultrafast -bf 2 -g 60 \
  -pix_fmt yuv420p -c:a aac -shortest "$SCR/hd1080p30.mp4"
out=$("$TRIAD" --json play "$SCR/hd1080p30.mp4" --headless --start 0.5 --seconds 2)
echo "$out"
dropped=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["frames_dropped"])')
[ "$dropped" = 0 ] || { echo "headless_play: $dropped frames dropped" >&2; exit 1; }
