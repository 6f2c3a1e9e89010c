#!/bin/sh
# demo.sh PCMT_BINARY DB: prepare a demo database and say what is there.
# The web server and the demo dataset come with later issues; for now the demo
# is an initialised database with the official administrative units loaded and
# the three sample plans imported as drafts.
set -eu
pcmt=${1:-build/pcmt}
db=${2:-demo.db}
"$pcmt" init --db "$db"
"$pcmt" units import --db "$db"
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "$("$pcmt" --db "$db" plan list 2>/dev/null)" ]; then
  for f in "$here"/tests/fixtures/plans/*.txt; do
    "$pcmt" --db "$db" plan import "$f" --as demo >/dev/null
  done
fi
cat <<MSG

PCMT demo database ready: $db
There is no web server yet (it comes with the web issue); try the CLI:

  $pcmt --db $db units find "tp lao cai"
  $pcmt --db $db units tree 15
  $pcmt --db $db units successors 086
  $pcmt --db $db agency resolve "Huyện Đoàn Bình Sơn" --unit 524 --at 2024-03-05 --json
  $pcmt --db $db plan list
  $pcmt --db $db plan show 3
  $pcmt --db $db plan check 1
  $pcmt plan read tests/fixtures/plans/004_91f2c84d0a0eb75f.txt

MSG
