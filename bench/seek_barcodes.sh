#!/usr/bin/env bash
# seek_barcodes.sh CORPUS [TRIAD_BENCH] [COUNT]
#
# Frame-exactness of `triad-bench bench-seek` on the long synthetic lessons, by the frame
# index burnt into every corpus frame (../shared/bench/README.md §5): for COUNT random frames
# n of each constant-rate file, seek to the middle of the frame, T = (n + 0.5) / fps, write the
# picture (full size, display orientation) and read its barcode with read_barcode.sh: it must
# say n. For the VFR clip the barcode is the 60 fps source index, so the expected value comes
# from the frame ffprobe lists as shown at T. Prints one line per file and "wrong: N" at the end
# (exit 1 when N > 0).
set -euo pipefail
CORPUS=$(cd "${1:?usage: seek_barcodes.sh CORPUS [TRIAD_BENCH] [COUNT]}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${2:-$here/build/bench/triad-bench}
COUNT=${3:-10}
READ=${READ_BARCODE:-$here/../shared/bench/read_barcode.sh}
[ -x "$BENCH" ] || { echo "no $BENCH" >&2; exit 2; }
[ -f "$READ" ] || { echo "no $READ (../shared/bench)" >&2; exit 2; }
SCR=$(mktemp -d /tmp/seek_barcodes.XXXXXX)
trap 'rm -rf "$SCR"' EXIT

wrong=0
rng=20261204
next() { rng=$(( (rng * 1103515245 + 12345) % 2147483648 )); echo $(( rng % $1 )); }

for name in lesson_720p25_h264_gop250_100min.mp4 h264_1080p30_high_bf3_10min.mp4 h264_1080p60_10min.mp4 \
            hevc_1080p30_2min.mov vp9_720p30_2min.webm portrait_1080x1920_rot90_h264_1min.mov vfr_720p_h264_3min.mp4; do
  f=$CORPUS/$name
  [ -f "$f" ] || continue
  bad=0
  if [[ $name == vfr_* ]]; then
    # pts of every frame (presentation order) and the barcode of a few of them
    ffprobe -v error -select_streams v:0 -show_entries frame=pts_time -of csv=p=0 "$f" | sort -g > "$SCR/pts.txt"
    total=$(wc -l < "$SCR/pts.txt")
    for _ in $(seq "$COUNT"); do
      i=$(( $(next $((total - 1))) + 1 ))
      a=$(sed -n "${i}p" "$SCR/pts.txt"); b=$(sed -n "$((i + 1))p" "$SCR/pts.txt")
      t=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.6f", (a + b) / 2}')
      # ffmpeg's accurate seek (first frame with pts >= T) just before the frame's own pts
      # (printed rounded to the microsecond) gives that frame
      exp=$("$READ" "$f" "$(awk -v a="$a" 'BEGIN{printf "%.6f", a - 0.000001}')")
      "$BENCH" bench-seek "$f" "$t" --out "$SCR/x.png"
      got=$("$READ" "$SCR/x.png")
      [ "$got" = "$exp" ] || { bad=$((bad + 1)); echo "  $name T=$t expected $exp got $got"; }
    done
  else
    fps=$(ffprobe -v error -select_streams v:0 -show_entries stream=avg_frame_rate -of csv=p=0 "$f" | awk -F/ '{printf "%.6f", $1/$2}')
    dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")
    nmax=$(awk -v d="$dur" -v r="$fps" 'BEGIN{printf "%d", d * r - 2}')
    period=$([[ $name == h264_1080p60_* ]] && echo 7200 || echo 1048576)  # the 60p clip repeats a 2-minute segment
    for _ in $(seq "$COUNT"); do
      n=$(next "$nmax")
      t=$(awk -v n="$n" -v r="$fps" 'BEGIN{printf "%.6f", (n + 0.5) / r}')
      "$BENCH" bench-seek "$f" "$t" --out "$SCR/x.png"
      got=$("$READ" "$SCR/x.png")
      [ "$got" = "$(( n % period ))" ] || { bad=$((bad + 1)); echo "  $name T=$t expected $((n % period)) got $got"; }
    done
  fi
  echo "$name: $COUNT seeks, $bad wrong"
  wrong=$((wrong + bad))
done
echo "wrong: $wrong"
[ "$wrong" -eq 0 ]
