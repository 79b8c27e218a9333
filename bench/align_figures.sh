#!/usr/bin/env bash
# align_figures.sh [TRIAD] [MINUTES]
#
# Alignment by sound against the waveform pass, side by side in one run (issue: aligning two
# 100-minute recordings must take <= 1.5x one waveform pass over both). Makes two recordings
# of one MINUTES-long (default 100) made-up lesson with ffmpeg: a camera's sound (AAC 48 kHz
# stereo) and a second device starting 3.2 s later whose clock runs 100 ppm slow (AAC 44.1 kHz
# mono, its own hiss). Times `triad waveform --no-cache` on each, then `triad recording align`,
# and prints the times, the ratio and the alignment found. Media are made once in $SCRATCH
# (default /tmp/triad-align-bench) and kept for reruns.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
TRIAD=${1:-$here/build/src/cli/triad}
MIN=${2:-100}
SCR=${SCRATCH:-/tmp/triad-align-bench}
mkdir -p "$SCR"
[ -x "$TRIAD" ] || { echo "no $TRIAD" >&2; exit 2; }
secs=$((MIN * 60 + 10))
A=$SCR/front_${MIN}min.m4a
B=$SCR/table_${MIN}min.m4a
if [ ! -f "$A" ]; then
  ffmpeg -nostdin -v error -y -f lavfi -i "anoisesrc=c=pink:r=48000:d=$secs:seed=21" \
    -af "volume='if(gt(random(0),0.6),1,0.03)':eval=frame" -ac 2 -c:a aac -b:a 96k "$A.tmp.m4a"
  mv "$A.tmp.m4a" "$A"
fi
if [ ! -f "$B" ]; then
  ffmpeg -nostdin -v error -y -i "$A" -filter_complex \
    "[0:a]pan=mono|c0=c0,asetrate=48000*1.0001,aresample=44100,atrim=start=3.2,asetpts=PTS-STARTPTS[s];anoisesrc=c=white:seed=22:a=0.02:r=44100[n];[s][n]amix=inputs=2:duration=first:normalize=0[a]" \
    -map "[a]" -c:a aac -b:a 64k "$B.tmp.m4a"
  mv "$B.tmp.m4a" "$B"
fi
now() { date +%s.%N; }
t0=$(now)
"$TRIAD" waveform --no-cache --buckets 1000 "$A" > /dev/null
"$TRIAD" waveform --no-cache --buckets 1000 "$B" > /dev/null
t1=$(now)
DB=$SCR/bench.triad
rm -f "$DB"
"$TRIAD" --db "$DB" session create --title bench > /dev/null
"$TRIAD" --db "$DB" recording add --session bench "$A" --role microphone > /dev/null
"$TRIAD" --db "$DB" recording add --session bench "$B" --role microphone > /dev/null
t2=$(now)
"$TRIAD" --db "$DB" recording align --session bench
t3=$(now)
awk -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v m="$MIN" 'BEGIN {
  w = t1 - t0; a = t3 - t2
  printf "waveform pass over both %d-minute recordings: %.2f s\n", m, w
  printf "align by sound (both decodes + analysis):   %.2f s\n", a
  printf "ratio align / waveform: %.2f (target <= 1.5)\n", a / w }'
echo "expected: offset 3.2 s * 1.0001 = 3.20032 s, drift about -99.99 ppm"
