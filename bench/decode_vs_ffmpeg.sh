#!/usr/bin/env bash
# decode_vs_ffmpeg.sh [OUT]
#
# Full video decode speed of Triad beside the ffmpeg CLI, file by file, in one run
# (issue 11: "hold >= 0.95x ffmpeg on every corpus file"; ../shared/bench/README.md §0, D1).
#   ffmpeg: ffmpeg -hide_banner -benchmark -i F -map 0:S -f null -   (default threads; S = the
#           video stream Triad plays, which is 0:v:0 except where a file holds two)
#           fps = its final frame count / its `rtime` (which starts after the input is
#           opened and probed, and holds opening the decoder and decoding every frame)
#   triad:  triad-bench bench-decode F --pipeline   (media::Pipeline exactly as playback
#           decodes: demux thread, decode thread, frame queue, the player's thread choice;
#           no audio, no display); fps = ffmpeg's frame count / its printed seconds
#           (probing left out the same way). Our own frame count is shown beside.
# Both are run back to back RUNS times (default 3) per file; the medians give the ratio
# triad/ffmpeg (>= 0.95 is the goal). The machine is shared: compare ratios within one run.
# ff_cpu / triad_cpu: CPU ms per decoded frame over the same span (user + system, all threads),
# steadier than wall time when other jobs hold the cores.
#
# Files: every file in $CORPUS/*/ (default ../shared/corpus/media); broken/ is listed as
# skipped, files without a video stream as "audio only". With SYNTH=1 (default) the two
# synthetic files the issue quotes (VP9 720p30 and HEVC 1080p30, 2 minutes each,
# ../shared/bench/make_corpus.sh) are made once into $SYNTH_DIR (default /tmp/triad_decode_synth)
# and measured too. BASE=/path/to/an/older/triad-bench adds its ratio ("before") to each row.
#
#   nice -n 15 bash bench/decode_vs_ffmpeg.sh /tmp/decode_vs_ffmpeg.txt
#   RUNS=5 ONLY='vp9|hevc' bash bench/decode_vs_ffmpeg.sh
#
# Figures, issue 11 (2026-12-06, the shared 2-vCPU machine at load 8-10 from other people's
# builds, so single ratios move by +-10 %; ratio = triad/ffmpeg, median of 3 unless said):
#                                        run 1 (20:22)        run 2 (21:20)   run 3 (21:38, RUNS=7)
#   file                                 before   after       after           after
#   synthetic vp9_720p30_2min.webm        2.10    2.08         1.57
#   synthetic hevc_1080p30_2min.mov       1.09    1.04         0.98
#   av1/torchcodec__av1_video.mkv         1.35    0.97         0.92            1.03
#   hevc/androidx-media__h265_bframes     1.26    0.96         0.95            1.08
#   vfr/mediabunny__cursed-vfr            1.08    0.98         0.83            0.98
#   vp8_vp9_webm/androidx-media__bear-vp9 0.78    1.64         0.83            1.05
#   h264 bbb_800x640 pyramid 3b           1.76    0.82         1.00
#   mpegts/no-initial-keyframe.ts         0.84    0.75         0.99
#   multi_audio/torchcodec__nasa_13013    0.85    0.93         1.03
#   vp8_vp9_webm/libwebm__bbb_480p_vp9    0.94    0.95         1.09
#   vp8_vp9_webm/torchcodec__testsrc2_vp8 0.88    0.88         1.07
#   run 4 (21:42, before and after in one run, decoder open timed on its own): VP9 synthetic
#   before 1.25 / after 1.22, HEVC synthetic 1.13 / 1.09, av1_video.mkv 1.55 / 1.02,
#   h265_bframes 1.17 / 1.04.
#   every other video file                >= 0.95 in both runs (0.97-3.0; tiny files favour us:
#                                         ffmpeg's rtime holds its filter graph set-up)
#   mjpeg/*, MTS, matrix_ping_pong.wmv: no picture decodes with either tool (ffmpeg refuses
#   the two mjpeg files); audio_only/*, bear_vorbis.ogg, multiple-aac-tracks, silence-1.wma:
#   no video. "before" = main before issue 11 (a fixed 2 frame threads in playback, libdav1d
#   forced to 1 thread); "after" = ffmpeg's automatic choice (cores + 1 frame threads,
#   libdav1d its own). Runs 2-3 time the decoder open on its own (run 1 subtracted a probe,
#   which only ever added). CPU per frame (steadier under load) is within a few % of ffmpeg's
#   on every file in run 3. Under this load the fixed 2 threads often measured faster than
#   ffmpeg's (and our) 3: fewer frame threads stall less when the cores are taken; the
#   automatic choice is kept because it is what ffmpeg and mpv do and it scales on machines
#   with more cores, where a fixed 2 leaves them idle.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-/tmp/decode_vs_ffmpeg.txt}
RUNS=${RUNS:-3}
BENCH=${BENCH:-$here/build/bench/triad-bench}
SHARED=${SHARED:-$here/../shared}
CORPUS=${CORPUS:-$SHARED/corpus/media}
SYNTH=${SYNTH:-1}
SYNTH_DIR=${SYNTH_DIR:-/tmp/triad_decode_synth}
ONLY=${ONLY:-.}
BASE=${BASE:-}  # optional: an older triad-bench, measured in the same run (before/after)
[ -x "$BENCH" ] || { echo "no $BENCH (cmake --build build --target triad-bench)" >&2; exit 2; }
command -v ffmpeg >/dev/null || { echo "ffmpeg missing" >&2; exit 2; }
SCR=$(mktemp -d /tmp/decode_vs_ffmpeg.XXXXXX)
trap 'rm -rf "$SCR"' EXIT

median() { sort -g | awk '{a[NR]=$1} END{if (NR==0) print "NA"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# ffmpeg_once F STREAM -> "frames rtime cpu" (nothing when ffmpeg refuses the file)
ffmpeg_once() {
  ffmpeg -nostdin -hide_banner -benchmark -i "$1" -map "0:$2" -f null - 2>&1 </dev/null | tr '\r' '\n' >"$SCR/ff.txt"
  local n t c
  n=$(grep -o 'frame= *[0-9]*' "$SCR/ff.txt" | tail -1 | tr -dc 0-9)
  t=$(grep -o 'rtime=[0-9.]*' "$SCR/ff.txt" | tail -1 | cut -d= -f2)
  c=$(grep -o 'utime=[0-9.]*s stime=[0-9.]*' "$SCR/ff.txt" | tail -1 | awk -F'[=s ]+' '{print $2 + $4}')
  [ -n "$n" ] && [ -n "$t" ] && echo "$n $t ${c:-0}"
}
# ours_once F -> "frames seconds cpu stream" (nothing when Triad refuses; the reason in $SCR/ours.err)
ours_once() {
  "${2:-$BENCH}" bench-decode "$1" --pipeline 2>"$SCR/ours.err" </dev/null | awk -F'\t' '$1=="decode"{print $2, $3, $4, $5}'
}
# sum_runs TOOL F STREAM K -> "frames seconds cpu" summed over K back-to-back runs
sum_runs() {
  local tool=$1 f=$2 st=$3 k=$4 i n t c x
  local N=0 T=0 C=0
  for ((i = 0; i < k; i++)); do
    if [ "$tool" = ffmpeg ]; then read -r n t c < <(ffmpeg_once "$f" "$st") || return 1
    elif [ "$tool" = base ]; then read -r n t c x < <(ours_once "$f" "$BASE") || return 1
    else read -r n t c x < <(ours_once "$f") || return 1; fi
    N=$((N + n)); T=$(awk -v a="$T" -v b="$t" 'BEGIN{print a + b}'); C=$(awk -v a="$C" -v b="$c" 'BEGIN{print a + b}')
  done
  echo "$N $T $C"
}

files=()
for f in "$CORPUS"/*/*; do [ -f "$f" ] && files+=("$f"); done
if [ "$SYNTH" = 1 ]; then
  MAKE=$SHARED/bench/make_corpus.sh
  if [ -f "$MAKE" ]; then
    mkdir -p "$SYNTH_DIR"
    for n in vp9_720p30_2min.webm hevc_1080p30_2min.mov; do
      [[ $n =~ $ONLY ]] || continue
      [ -s "$SYNTH_DIR/$n" ] || { echo "making $SYNTH_DIR/$n (make_corpus.sh, a few minutes)" >&2; bash "$MAKE" "$SYNTH_DIR" "${n%%_2min*}" >/dev/null 2>&1; }
      [ -s "$SYNTH_DIR/$n" ] && files+=("$SYNTH_DIR/$n")
    done
  else
    echo "no $MAKE: synthetic files left out" >&2
  fi
fi

{
  echo "# decode_vs_ffmpeg $(date -u +%FT%TZ) runs=$RUNS load=$(cut -d' ' -f1-3 /proc/loadavg) $(ffmpeg -version | head -1 | cut -d' ' -f1-3)"
  printf '%-58s %10s %10s %7s %8s %8s  %s\n' file ffmpeg_fps triad_fps ratio ff_cpu triad_cpu note
  echo "# fps: median of RUNS (wall); ratio = triad/ffmpeg; *_cpu: CPU ms per frame (user+sys, all threads), median"
} | tee "$OUT"

for f in "${files[@]}"; do
  [[ $f =~ $ONLY ]] || continue
  name=$(basename "$(dirname "$f")")/$(basename "$f")
  case $f in
    "$CORPUS"/broken/*) printf '%-58s %10s %10s %7s %8s %8s  %s\n' "$name" - - - - - "skipped (broken/)" | tee -a "$OUT"; continue ;;
  esac
  if [ -z "$(ffprobe -v error -select_streams v -show_entries stream=index -of csv=p=0 "$f" 2>/dev/null)" ]; then
    printf '%-58s %10s %10s %7s %8s %8s  %s\n' "$name" - - - - - "audio only" | tee -a "$OUT"; continue
  fi
  cat "$f" >/dev/null  # page cache warm for both
  : >"$SCR/ff_fps"; : >"$SCR/our_fps"; : >"$SCR/ff_cpu"; : >"$SCR/our_cpu"; : >"$SCR/base_fps"; ffn=""; ourn=""; note=""
  # Triad first: it refuses or names the stream it plays (ffmpeg then decodes that one).
  if read -r ourn t c st < <(ours_once "$f"); then
    # Short files are run K times back to back per measurement (>= ~0.5 s of decoding),
    # or the first milliseconds of a process and the scheduler decide the ratio.
    k=$(awk -v t="$t" 'BEGIN{k = (t > 0) ? int(0.5 / t) + 1 : 20; print (k > 20) ? 20 : k}')
    for ((r = 0; r < RUNS; r++)); do
      if read -r n t c < <(sum_runs ffmpeg "$f" "$st" "$k"); then
        ffn=$((n / k))
        awk -v n="$n" -v t="$t" -v c="$c" -v o="$SCR/ff_cpu" 'BEGIN{if (t > 0) printf "%.3f\n", n / t; if (n > 0) printf "%.4f\n", 1000 * c / n > o}' >>"$SCR/ff_fps"
      fi
      if read -r n t c < <(sum_runs ours "$f" "$st" "$k"); then
        ourn=$((n / k))
        # fps over ffmpeg's frame count (like baseline.sh), so a frame we lost cannot look fast
        awk -v n="$(( ${ffn:-$ourn} * k ))" -v t="$t" -v c="$c" -v o="$SCR/our_cpu" 'BEGIN{if (t > 0) printf "%.3f\n", n / t; if (n > 0) printf "%.4f\n", 1000 * c / n > o}' >>"$SCR/our_fps"
      fi
      if [ -n "$BASE" ] && read -r n t c < <(sum_runs base "$f" "$st" "$k"); then
        awk -v n="$(( ${ffn:-$ourn} * k ))" -v t="$t" 'BEGIN{if (t > 0) printf "%.3f\n", n / t}' >>"$SCR/base_fps"
      fi
    done
  fi
  ff=$(median <"$SCR/ff_fps"); ours=$(median <"$SCR/our_fps")
  ffc=$(median <"$SCR/ff_cpu"); ourc=$(median <"$SCR/our_cpu"); base=$(median <"$SCR/base_fps")
  bratio=$(awk -v a="$base" -v b="$ff" 'BEGIN{if (a == "NA" || b == "NA" || b == 0) print "NA"; else printf "%.3f", a / b}')
  [ "$ff" = NA ] && note="ffmpeg refused${ourn:+; triad decoded $ourn frames}"
  [ -z "$ourn" ] && note="triad refused: $(tail -1 "$SCR/ours.err")"
  [ -n "$ffn" ] && [ -n "$ourn" ] && [ "$ffn" != "$ourn" ] && note="frames ffmpeg $ffn, triad $ourn"
  [ "$ffn" = 0 ] && [ "$ourn" = 0 ] && note="no picture decodes (0 frames from both)"
  ratio=$(awk -v a="$ours" -v b="$ff" 'BEGIN{if (a == "NA" || b == "NA" || b == 0) print "NA"; else printf "%.3f", a / b}')
  [ "$ratio" != NA ] && awk -v r="$ratio" 'BEGIN{exit !(r < 0.95)}' && note="${note:+$note; }BELOW 0.95"
  [ -n "$BASE" ] && note="before: ${bratio}${note:+; $note}"
  printf '%-58s %10s %10s %7s %8s %8s  %s\n' "$name" "$ff" "$ours" "$ratio" "$ffc" "$ourc" "$note" | tee -a "$OUT"
done
echo "table: $OUT" >&2
