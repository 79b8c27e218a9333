#!/usr/bin/env bash
# Talk analysis speed: makes a 100-minute synthetic lesson (espeak-ng voices, sox, encoded
# as AAC 48 kHz stereo in .m4a like a camera's sound) and runs build/bench/talk-bench on it,
# which times the waveform pass and the talk analysis back to back in one process.
# Goal: talk analysis <= 2x the waveform pass.  Usage: bench/talk_analysis.sh [BUILD_DIR] [MINUTES]
# Measured 2026-12-06 on the shared 2-core machine (load 3-6), the 100-minute lesson, the two
# builds interleaved in one session, 8 runs each: before (dbb1391) ratios 1.80-2.82, median 2.11;
# after (media/mel_cepstrum: phase-free FFT, sparse mel bank; reserved frames; no lround)
# 1.13-1.82, median 1.59. Features 8.1-13.4 s -> 5.1-8.5 s.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
minutes=${2:-100}
work=$(mktemp -d /tmp/talk_bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
say() { espeak-ng $1 -w "$2.raw.wav" "$3" && sox "$2.raw.wav" -r 16000 -c 1 "$2.wav" $4 silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse norm -3; }
say "-v en+m3 -p 15 -s 150" t1 "Who can tell me what a plant needs to grow?" ""
say "-v en+f4 -p 85 -s 165" p1 "Water and sunlight." "pitch 200"
say "-v en+m3 -p 15 -s 150" t2 "Good. And what does it take from the air? Think carefully before you answer." ""
say "-v en+f2 -p 70 -s 175" p2 "Carbon dioxide, I think." "pitch 200"
sox -n -r 16000 -c 1 s1.wav trim 0 2.5
sox -n -r 16000 -c 1 s2.wav trim 0 0.8
sox -n -r 16000 -c 1 s3.wav trim 0 6
sox t1.wav s1.wav p1.wav s2.wav t2.wav s1.wav p2.wav s3.wav unit.wav
unit=$(soxi -D unit.wav)
repeats=$(awk -v u="$unit" -v m="$minutes" 'BEGIN { printf "%d", (m * 60) / u }')
sox unit.wav long.wav repeat "$repeats"
sox -n -r 16000 -c 1 noise.wav synth "$(soxi -D long.wav)" pinknoise norm -40
sox -m -v 1 long.wav -v 1 noise.wav mixed.wav
ffmpeg -v error -y -i mixed.wav -ac 2 -ar 48000 -c:a aac -b:a 128k lesson.m4a
echo "lesson: $(soxi -D mixed.wav | awk '{ printf "%.0f", $1 / 60 }') minutes, $(du -h lesson.m4a | cut -f1)"
"$build/bench/talk-bench" lesson.m4a "${RUNS:-3}"
