#!/usr/bin/env bash
# studio_figures.sh CORPUS [BUILD]
#
# The workstation's own figures (issue 4) on the long synthetic lessons of
# ../shared/bench/make_corpus.sh, measured on the real window path under Xvfb + Mesa:
#   - launch to the first picture of the 100-minute 720p lesson (from the process start);
#   - 1x playback of the lesson and of 1080p30: frames shown / dropped, A/V offset,
#     UI frame work (p50/p95/max, also while thumbnails and the waveform are made),
#     CPU % of one core and peak memory (RSS);
#   - peak memory with a 100-minute 1080p lesson open and playing (the 10-minute 1080p30
#     file joined ten times with ffmpeg's concat demuxer, stream copy: made once in /tmp).
# Each run uses a fresh library in a temporary folder. Needs Xvfb, /usr/bin/time, ffmpeg.
# Software GL (llvmpipe) draws on the CPU: the CPU and frame-time figures include work a GPU
# would do. Compare with `triad-bench bench-play` (engine only) for the decode+sync share.
set -euo pipefail
CORPUS=$(cd "${1:?usage: studio_figures.sh CORPUS [BUILD]}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${2:-$here/build}
STUDIO=$BUILD/src/studio/triad-studio
PLAY_S=${PLAY_S:-30}
[ -x "$STUDIO" ] || { echo "no $STUDIO (build first)" >&2; exit 1; }
SCR=$(mktemp -d /tmp/studio_figures.XXXXXX)
# A private X server for all runs, so /usr/bin/time counts the studio alone.
DISP=:$((200 + RANDOM % 100))
Xvfb "$DISP" -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
trap 'kill $XPID 2>/dev/null; rm -rf "$SCR"' EXIT
sleep 1

LESSON=$CORPUS/lesson_720p25_h264_gop250_100min.mp4
C1080=$CORPUS/h264_1080p30_high_bf3_10min.mp4
LONG1080=/tmp/triad_1080p30_100min.mp4
if [ -f "$C1080" ] && [ ! -s "$LONG1080" ]; then
  for i in $(seq 10); do echo "file '$C1080'"; done > "$SCR/list.txt"
  ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$SCR/list.txt" -c copy "$LONG1080"
fi

# run NAME FILE SCRIPT-LINES...: one studio run; prints its stats line and time's figures.
run() {
  local name=$1 file=$2; shift 2
  printf '%s\n' "$@" > "$SCR/script.txt"
  rm -f "$SCR/lib.triad"*
  DISPLAY=$DISP TRIAD_STUDIO_STATS=1 /usr/bin/time -f 'time: wall %e s, cpu %U+%S s, peak RSS %M kB' \
    "$STUDIO" --db "$SCR/lib.triad" --as Bench --script "$SCR/script.txt" --screenshot "$SCR/$name.png" "$file" \
    > "$SCR/$name.log" 2>&1 || true
  echo "== $name ($(basename "$file"))"
  grep -E '^triad-studio: (frames|first|no picture)|^time:' "$SCR/$name.log" | sed 's/^/  /'
    awk '/^time:/ { split($6, c, "+"); w = $3; if (w > 0) printf "  cpu %.0f%% of one core over the run\n", (c[1] + c[2]) / w * 100 }' "$SCR/$name.log"
}

[ -f "$LESSON" ] && run first_picture "$LESSON" "wait 1500"
[ -f "$LESSON" ] && run play_lesson "$LESSON" "seek 45:00" "play $((PLAY_S * 1000))"
[ -f "$C1080" ] && run play_1080p30 "$C1080" "seek 2:00" "play $((PLAY_S * 1000))"
[ -f "$LONG1080" ] && run play_1080p30_100min "$LONG1080" "seek 50:00" "play $((PLAY_S * 1000))"
exit 0
