#!/bin/sh
# demo.sh PCMT_BINARY DB: prepare a demo database and say what is there.
# The web server comes with a later issue; for now the demo is a database with
# the official administrative units, the three sample plans imported as drafts
# and a generated dataset of one province (Lào Cai: people and their
# histories, cases, places, networks, licit entities, activities).
set -eu
pcmt=${1:-build/pcmt}
db=${2:-demo.db}
"$pcmt" init --db "$db"
"$pcmt" units import --db "$db"
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "$("$pcmt" --db "$db" plan list 2>/dev/null)" ]; then
  for f in "$here"/tests/fixtures/plans/*.txt; do
    "$pcmt" --db "$db" plan import "$f" >/dev/null
  done
fi
# exit status 4: the data was generated on an earlier run
status=0
"$pcmt" --db "$db" gen --scale province --province 10 --seed 1 >/dev/null 2>"$db.gen.err" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 4 ]; then
  cat "$db.gen.err" >&2
  exit 1
fi
rm -f "$db.gen.err"
cat <<MSG

PCMT demo database ready: $db
The web server runs with "$pcmt --db $db serve" (sign-in only so far: docs/web.md; add a user
with "$pcmt --db $db user add LOGIN --role officer --unit 15", password on stdin).
Try the CLI:

  $pcmt --db $db units find "tp lao cai"
  $pcmt --db $db units tree 15
  $pcmt --db $db units successors 086
  $pcmt --db $db agency resolve "Huyện Đoàn Bình Sơn" --unit 524 --at 2024-03-05 --json
  $pcmt --db $db plan list
  $pcmt --db $db plan show 3
  $pcmt --db $db plan check 1
  $pcmt plan read tests/fixtures/plans/004_91f2c84d0a0eb75f.txt
  $pcmt --db $db person search "giang a" --unit 15
  $pcmt --db $db person due --unit 15 --within 30
  $pcmt --db $db indicators --unit 15 --period 2026-Q3 --compare last-year
  $pcmt --db $db export cases --unit 15 -o cases.csv
  $pcmt registers
  $pcmt --db $db plan publish 3
  $pcmt --db $db plan bind 3 --propose
  $pcmt --db $db plan status 3 --at 30/09/2024
  $pcmt --db $db plan derive 3 --unit 086
  $pcmt --db $db calendar --unit 10 --tree pre2025 --to 31/12/2024
  $pcmt --db $db report consolidated 3 --period 2024-Q3 --format docx -o bao-cao.docx
  $pcmt --db $db ranking 3 --at 05/10/2024
  $pcmt --db $db classify --year 2024 --unit 10 --tree pre2025

MSG
