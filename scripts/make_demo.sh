#!/usr/bin/env bash
# make_demo.sh TRIAD_BIN DEMO_DIR
# Makes the demo lesson (a generated 6-minute 720p25 video with a burnt-in clock and frame number,
# a speech-like voice with pauses and a beep every 10 s) and a demo library holding one triad session with three
# people, a protocol and a handful of comments. Idempotent: an existing demo is reused.
set -euo pipefail
triad=$1
dir=$2
mkdir -p "$dir"
video="$dir/demo-lesson.mp4"
db="$dir/demo.triad"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

if [[ ! -s $video ]]; then
  echo "Making the demo lesson (about 20 s)…" >&2
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=360" \
    -f lavfi -i "sine=frequency=180:sample_rate=48000:duration=360:samples_per_frame=480" \
    -f lavfi -i "sine=frequency=1000:sample_rate=48000:duration=360:samples_per_frame=480" \
    -filter_complex "[0:v]drawbox=x=0:y=600:w=1280:h=120:color=black@0.6:t=fill,\
drawtext=fontfile=$font:fontsize=48:fontcolor=white:x=40:y=630:text='Demo lesson  %{pts\\:hms}  frame %{frame_num}'[v];\
[1:a]volume='4*(0.6+0.4*sin(2*PI*t/47))*gt(sin(2*PI*t/9.3)\\,-0.6)*pow(abs(sin(2*PI*2.1*t))\\,2)':eval=frame[voice];\
[2:a]volume='2.5*lt(mod(t\\,10)\\,0.1)':eval=frame[beep];[voice][beep]amix=inputs=2:normalize=0[a]" \
    -map "[v]" -map "[a]" \
    -c:v libx264 -preset veryfast -g 250 -bf 2 -pix_fmt yuv420p -c:a aac -b:a 96k \
    -movflags +faststart -map_metadata -1 -f mp4 "$video.part"
  mv "$video.part" "$video"
fi

if [[ ! -s $db ]]; then
  echo "Making the demo triad session…" >&2
  T=("$triad" --db "$db.part")
  rm -f "$db.part"*
  "${T[@]}" person add "Sam Patel" >/dev/null
  "${T[@]}" person add "Alex Morgan" >/dev/null
  "${T[@]}" person add "Jo Williams" >/dev/null
  "${T[@]}" session create --title "Y8 Fractions" --date 2026-03-14 --subject Maths --year-group "Year 8" \
    --class 8M2 --teacher "Jo Williams" --focus "Wait time after questions" --recording "$video" >/dev/null
  "${T[@]}" protocol set --session 1 --framework jpd-peer-observation \
    --focus "How long do we wait after a question before taking answers?" --visibility triad >/dev/null
  "${T[@]}" participant add --session 1 --person "Jo Williams" --role teacher >/dev/null
  "${T[@]}" participant add --session 1 --person "Sam Patel" --role observer >/dev/null
  "${T[@]}" participant add --session 1 --person "Alex Morgan" --role observer >/dev/null
  "${T[@]}" --as "Sam Patel" comment add --session 1 --at 00:12.0 --kind took-away --tag questioning \
    --text "Pupils paired up quickly after the opening question." >/dev/null
  "${T[@]}" --as "Alex Morgan" comment add --session 1 --at 00:14.5 --kind try --tag wait-time \
    --text "Why don't you try a 3-second pause before taking answers?" >/dev/null
  "${T[@]}" --as "Sam Patel" comment add --session 1 --at 01:05 --to 01:30 --kind strength --tag modelling \
    --text "Clear worked example of equivalent fractions on the board." >/dev/null
  "${T[@]}" --as "Alex Morgan" comment add --session 1 --at 02:40 --kind question --tag assessment-for-learning \
    --text "How did you decide who to ask next?" >/dev/null
  "${T[@]}" --as "Sam Patel" comment add --session 1 --at 04:10 --kind note --tag pupil-talk \
    --text "Lots of pupil talk in the pairs at the back." >/dev/null
  mv "$db.part" "$db"
  rm -f "$db.part"-*
fi
echo "$db"
