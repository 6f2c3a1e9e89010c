#!/bin/sh
# t1005-signin-memory.sh: sign-ins arriving together do not add up in the
# server's memory. One argon2id hash takes 64 MiB (PASSWORD_MEMLIMIT); a
# server whose threads each hashed a password at the same moment would peak
# at 64 MiB times the threads. Four sign-ins at once, three times over, on a
# server of two threads: the peak RSS (VmHWM) stays under 100 MB — one hash at
# a time (64 MiB) plus the server itself (about 10 MB on this small database),
# where two at once would be at least 128 MiB.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/web.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
# 03006: a commune (no second factor), so that each sign-in is one POST
run sh -c "'$PCMT_BIN' --db '$db' user add cb.xa --role officer --unit 03006 <'$T/pw'"
expect_status 0

log="$T/serve.log"
"$PCMT_BIN" --db "$db" serve --listen 127.0.0.1:0 --threads 2 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$T"' EXIT
[ -r "/proc/$pid/status" ] || { echo "SKIP: no /proc/PID/status"; exit 77; }
i=0
while ! grep -q 'listening on' "$log" && kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do
  i=$((i + 1)); sleep 0.05
done
port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$log")
[ -n "$port" ] || { fail "no listening notice: $(cat "$log")"; finish; }
U="http://127.0.0.1:$port"

for round in 1 2 3; do
  for k in 1 2 3 4; do
    curl -s -o /dev/null -w '%{http_code}\n' --data-urlencode "login=cb.xa" \
      --data-urlencode "password=$pw" "$U/dang-nhap" >"$T/status.$round.$k" &
  done
  # the four answers (`wait` would also wait for the server, a child too)
  got=""
  for k in 1 2 3 4; do
    j=0
    while [ ! -s "$T/status.$round.$k" ] && [ $j -lt 600 ]; do j=$((j + 1)); sleep 0.05; done
    got="$got$(cat "$T/status.$round.$k")"
  done
  CHECKS=$((CHECKS + 1))
  [ "$got" = 303303303303 ] || fail "round $round: sign-ins answered $got"
done
hwm=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$pid/status")
CHECKS=$((CHECKS + 1))
[ "${hwm:-999999}" -lt 102400 ] || fail "peak RSS ${hwm:-?} kB after sign-ins at once, want < 102400 kB"
finish
