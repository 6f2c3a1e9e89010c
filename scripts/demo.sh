#!/bin/sh
# demo.sh PCMT_BINARY DB: prepare a demo database and say what is there.
# The web server and the demo dataset come with later issues; for now the demo
# is an initialised database with the official administrative units loaded.
set -eu
pcmt=${1:-build/pcmt}
db=${2:-demo.db}
"$pcmt" init --db "$db"
"$pcmt" units import --db "$db"
cat <<MSG

PCMT demo database ready: $db
There is no web server yet (it comes with the web issue); try the CLI:

  $pcmt --db $db units find "tp lao cai"
  $pcmt --db $db units tree 15
  $pcmt --db $db units successors 086
  $pcmt --db $db agency resolve "Huyện Đoàn Bình Sơn" --unit 524 --at 2024-03-05 --json

MSG
