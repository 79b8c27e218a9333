#!/usr/bin/env bash
# Installs what is missing, builds, makes the demo lesson and demo triad session, and opens the
# workstation on it. Extra arguments go to triad-studio.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/build.sh"
build=${TRIAD_BUILD_DIR:-$here/build}
demo_dir=${XDG_DATA_HOME:-$HOME/.local/share}/triad/demo
db=$(bash "$here/scripts/make_demo.sh" "$build/src/cli/triad" "$demo_dir")
if [[ -x $build/src/studio/triad-studio && -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]]; then
  exec "$build/src/studio/triad-studio" --db "$db" --session 1 --as "Sam Patel" "$@"
fi
echo "No display (or no GUI build): showing the demo session in the CLI instead." >&2
"$build/src/cli/triad" --db "$db" session show 1
"$build/src/cli/triad" --db "$db" --as "Sam Patel" comment list --session 1
