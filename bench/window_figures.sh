#!/usr/bin/env bash
# window_figures.sh [BUILD]
#
# The window's figures with a full library (issue 13), under Xvfb + Mesa (software GL):
#   - UI frame work (TRIAD_STUDIO_STATS=1) of a session with 0, 2,000 and 20,000 comments
#     while the lesson plays: the goal is 20,000 within 1.2x of the empty session;
#   - the home screen of a library of 500 sessions and 100,000 comments: wall time of a
#     start that draws the home screen and quits (minus the same start on an empty
#     library), and its UI frame work while idle frames are drawn.
# Libraries are made with the triad CLI (one session) and filled with python3's sqlite3
# (comments inserted directly: FTS triggers keep the search index right).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$here/build}
STUDIO=$BUILD/src/studio/triad-studio
CLI=$BUILD/src/cli/triad
[ -x "$STUDIO" ] && [ -x "$CLI" ] || { echo "build triad-studio and triad first" >&2; exit 1; }
SCR=$(mktemp -d /tmp/window_figures.XXXXXX)
DISP=:$((300 + RANDOM % 100))
Xvfb "$DISP" -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
trap 'kill $XPID 2>/dev/null; rm -rf "$SCR"' EXIT
sleep 1
ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=frequency=330 -t 600 \
  -c:v libx264 -preset ultrafast -g 250 -c:a aac -shortest "$SCR/lesson.mp4"

# fill DB SESSIONS COMMENTS: SESSIONS sessions (besides session 1), COMMENTS comments spread over them
# (all on session 1 when SESSIONS is 0), by three authors.
fill() {
  python3 - "$1" "$2" "$3" <<'PY'
import sqlite3, sys, uuid, random
db, sessions, comments = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
con = sqlite3.connect(db)
cur = con.cursor()
ids = [r[0] for r in cur.execute("SELECT id FROM sessions")]
for i in range(sessions):
    cur.execute("INSERT INTO sessions(uuid, title, date, class_label, focus, created_at_ms, updated_at_ms) "
                "VALUES (?, ?, ?, ?, ?, 0, 0)",
                (str(uuid.uuid4()), "Lesson %d" % i, "2025-%02d-%02d" % (1 + i % 12, 1 + i % 28), "8B%d" % (i % 5),
                 "Focus question %d" % i))
    ids.append(cur.lastrowid)
people = []
for name in ("Sam", "Alex", "Jo"):
    cur.execute("INSERT OR IGNORE INTO people(display_name, created_at_ms) VALUES (?, 0)", (name,))
    people.append(cur.execute("SELECT id FROM people WHERE display_name = ?", (name,)).fetchone()[0])
rnd = random.Random(1)
targets = ids if sessions else ids[:1]
for i in range(comments):
    cur.execute("INSERT INTO comments(uuid, session_id, author_id, start_us, kind, text, created_at_ms, updated_at_ms) "
                "VALUES (?, ?, ?, ?, 'note', ?, 0, 0)",
                (str(uuid.uuid4()), targets[i % len(targets)], people[i % 3], rnd.randrange(0, 600_000_000),
                 "Coded moment %d: pupil answered after a pause" % i))
con.commit()
PY
}

frame_work() {  # NAME LIB SCRIPT-LINES...
  local name=$1 lib=$2; shift 2
  printf '%s\n' "$@" > "$SCR/$name.txt"
  DISPLAY=$DISP TRIAD_STUDIO_STATS=1 "$STUDIO" --db "$lib" --as Sam --script "$SCR/$name.txt" \
    --screenshot "$SCR/$name.png" > "$SCR/$name.log" 2>&1 || true
  echo "== $name: $(grep -E 'UI frame work' "$SCR/$name.log" | sed 's/^triad-studio: //')"
}

for n in 0 2000 20000; do
  lib=$SCR/dense-$n.triad
  "$CLI" --db "$lib" session create --title "Dense $n" --recording "$SCR/lesson.mp4" >/dev/null
  "$CLI" --db "$lib" person add Sam >/dev/null
  fill "$lib" 0 "$n"
  frame_work "session_${n}_comments" "$lib" "session 1" "seek 100" "play 8000"
done

home=$SCR/home.triad
"$CLI" --db "$home" person add Sam >/dev/null
fill "$home" 500 100000
empty=$SCR/empty.triad
"$CLI" --db "$empty" person add Sam >/dev/null
start_ms() {  # LIB: wall ms of a start that draws the home screen once and quits
  printf 'wait 0\n' > "$SCR/quit.txt"
  local t0 t1
  t0=$(date +%s%N)
  DISPLAY=$DISP "$STUDIO" --db "$1" --as Sam --script "$SCR/quit.txt" --screenshot "$SCR/start.png" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
e=$(start_ms "$empty"); h=$(start_ms "$home")
echo "== home of 500 sessions / 100,000 comments: start to first home frame and quit $h ms (empty library $e ms; difference $((h - e)) ms)"
frame_work home_idle "$home" "wait 3000"
exit 0
