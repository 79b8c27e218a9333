#!/usr/bin/env bash
# cameras_figures.sh [TRIAD] [SECONDS]
#
# Two 1080p30 H.264 cameras of one lesson played together (issue 15): frames shown and
# dropped per camera at 1x, and an exact seek with both cameras against the session clock's
# camera alone, side by side in one run (`triad play --session --headless --seeks`). Media
# are made once in $SCRATCH (default /tmp/triad-cameras-bench) with ffmpeg and kept.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
TRIAD=${1:-$here/build/src/cli/triad}
SECS=${2:-30}
SCR=${SCRATCH:-/tmp/triad-cameras-bench}
mkdir -p "$SCR"
[ -x "$TRIAD" ] || { echo "no $TRIAD" >&2; exit 2; }
make_camera() {  # out, seed: a moving 1080p30 picture as a camera records it (High profile, 2 s GOP, B-frames)
  [ -f "$1" ] && return
  ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=$((SECS + 10))" \
    -f lavfi -i "sine=frequency=$2:sample_rate=48000:duration=$((SECS + 10))" \
    -c:v libx264 -preset veryfast -profile:v high -g 60 -bf 2 -pix_fmt yuv420p -c:a aac "$1.tmp.mp4"
  mv "$1.tmp.mp4" "$1"
}
make_camera "$SCR/front_1080p.mp4" 330
make_camera "$SCR/table_1080p.mp4" 440
DB=$SCR/bench.triad
rm -f "$DB"
"$TRIAD" --db "$DB" session create --title cameras --recording "$SCR/front_1080p.mp4" > /dev/null
"$TRIAD" --db "$DB" recording add --session cameras "$SCR/table_1080p.mp4" --label "Pupil table" > /dev/null
"$TRIAD" --db "$DB" recording offset --session cameras --recording 2 --set 1.5 > /dev/null
echo "two 1080p30 H.264 cameras, $SECS s at 1x, $(nproc) cores:"
"$TRIAD" --db "$DB" play --session cameras --headless --start 2 --seconds "$SECS" --seeks 20
echo "one camera alone, same file and span:"
"$TRIAD" play "$SCR/front_1080p.mp4" --headless --start 2 --seconds "$SECS"
