#!/bin/sh
# read_during_write.sh BUILD_DIR: how fast a person's page opens while a long write holds the
# database's write lock (issue 17 §3: "answers within 100 ms while a 250,000-row import
# runs"; docs/audit.md "Reads during a long write"; docs/bench.md). On loopback, in a
# temporary folder removed on exit with everything it started:
#   1. a generated province (today's Lào Cai), a province register officer signed in with the
#      second factor and the session's purpose set, `pcmt serve`;
#   2. 200 reads of /nguoi/ID (200 different people the officer's search finds), one at a time,
#      with no import running: the comparison;
#   3. `pcmt import people` of 250,000 rows started in another process; once it holds the write
#      lock (a second BEGIN IMMEDIATE is refused), the same 200 reads, the lock probed before
#      each read and after the last: a read counts as made under the lock when the probes on
#      both sides of it found the lock held (the import holds it in one transaction).
# Each read is curl's %{time_total}. It prints p50, p99 (nearest rank) and max in ms, the
# answers that were not 200, and the load average; it asserts nothing.
set -eu

build=${1:-build}
pcmt=$(cd "$build" && pwd)/pcmt
n_reads=200
rows=250000

for tool in curl sqlite3 oathtool; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "   skipped: $tool is not installed (make bench installs it)"
    exit 0
  }
done
[ -x "$pcmt" ] || { echo "   no $pcmt: build first" >&2; exit 1; }
src=$(cd "$(dirname "$0")/.." && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pcmt-bench-rdw-XXXXXX")
srv_pid=""
imp_pid=""
cleanup() {
  [ -n "$imp_pid" ] && kill "$imp_pid" 2>/dev/null && wait "$imp_pid" 2>/dev/null
  [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load() { uptime | sed 's/.*load average: *//'; }
hdr() { tr -d '\r' <"$1" | sed -n "s/^$2: //Ip" | tail -1; }
# locked: someone holds the main file's write lock (BEGIN IMMEDIATE refused, no busy wait)
locked() {
  sqlite3 -cmd '.timeout 0' "$db" 'BEGIN IMMEDIATE; ROLLBACK;' >"$tmp/probe" 2>&1 && return 1
  grep -q 'database is locked' "$tmp/probe"
}

# ------------------------------------------------------------ the data

db="$tmp/rdw.db"
umask 077
t0=$(date +%s)
"$pcmt" --db "$db" init >/dev/null
"$pcmt" --db "$db" units import >/dev/null
"$pcmt" --db "$db" gen --scale province --province 15 --seed 1 --today 30/11/2026 >"$tmp/gen.log"
umask 022
people=$(sqlite3 "$db" "SELECT count(*) FROM person WHERE merged_into IS NULL")

# The import's file: scripts/people-csv.sh (fixed seed), communes of today's tree.
sh "$src/scripts/people-csv.sh" "$src" $rows 1011 >"$tmp/big.csv"
echo "   province 15 generated ($people people) and a $rows-row CSV made in $(($(date +%s) - t0)) s"

# ------------------------------------------------------------ the server and the session

pw='bench: một câu đủ dài 2026'
printf '%s\n' "$pw" >"$tmp/pw"
"$pcmt" --db "$db" user add bench.tinh --role officer --unit 15 <"$tmp/pw" >/dev/null
"$pcmt" --db "$db" serve --listen 127.0.0.1:0 --threads 2 2>"$tmp/serve.log" &
srv_pid=$!
i=0
while ! grep -q 'listening on' "$tmp/serve.log" 2>/dev/null; do
  if ! kill -0 "$srv_pid" 2>/dev/null || [ $i -ge 400 ]; then
    echo "   pcmt serve did not start: $(cat "$tmp/serve.log")" >&2
    exit 1
  fi
  i=$((i + 1))
  sleep 0.05
done
port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$tmp/serve.log")
U="http://127.0.0.1:$port"
i=0
until curl -sf -o /dev/null "$U/healthz"; do
  i=$((i + 1))
  [ $i -lt 400 ] || { echo "   /healthz never answered" >&2; exit 1; }
  sleep 0.05
done

get() { curl -s -D "$tmp/h" -o "$tmp/p" -H "Cookie: __Host-pcmt=$token" "$U$1"; }
csrf_of_page() { csrf=$(sed -n 's|.*name="csrf" value="\([0-9a-f]*\)".*|\1|p' "$tmp/p" | head -1); }
# a province officer: password, second factor enrolled with oathtool's code, the purpose
curl -s -D "$tmp/h" -o "$tmp/p" --data-urlencode "login=bench.tinh" --data-urlencode "password=$pw" \
  "$U/dang-nhap"
token=$(hdr "$tmp/h" Set-Cookie | sed -n 's/^__Host-pcmt=\([0-9a-f]*\);.*/\1/p')
[ -n "$token" ] || { echo "   sign-in refused: $(head -1 "$tmp/h")" >&2; exit 1; }
get /xac-thuc/dang-ky
csrf_of_page
secret=$(sed -n 's|.*<code class="secret">\([A-Z2-7]*\)</code>.*|\1|p' "$tmp/p")
curl -s -o /dev/null -H "Cookie: __Host-pcmt=$token" --data-urlencode "csrf=$csrf" \
  --data-urlencode "code=$(oathtool --totp -b "$secret")" "$U/xac-thuc/dang-ky"
# 200 people the officer may read, spread over the register: the program's own search (the
# territory filter is the store's), its first 1,000 hits in name order, every 5th
: >"$tmp/hits"
cursor=""
while [ "$(wc -l <"$tmp/hits")" -lt 1000 ]; do
  curl -s -G -o "$tmp/p" -H "Cookie: __Host-pcmt=$token" -H "X-Purpose: đo hiệu năng" \
    --data-urlencode "limit=100" ${cursor:+--data-urlencode "cursor=$cursor"} "$U/api/v1/persons"
  grep -o '{"id":[0-9]*' "$tmp/p" | cut -d: -f2 >>"$tmp/hits"
  cursor=$(sed -n 's/.*"next":"\([^"]*\)".*/\1/p' "$tmp/p")
  [ -n "$cursor" ] || break
done
awk -v n=$n_reads 'NR % 5 == 0 && k < n { print; k++ }' "$tmp/hits" >"$tmp/ids"
[ "$(wc -l <"$tmp/ids")" = $n_reads ] || {
  echo "   the search gave $(wc -l <"$tmp/hits") people, fewer than $((n_reads * 5))" >&2
  exit 1
}
first=$(head -1 "$tmp/ids")
get "/nguoi/$first"
csrf_of_page
curl -s -o /dev/null -H "Cookie: __Host-pcmt=$token" --data-urlencode "csrf=$csrf" \
  --data-urlencode "muc-dich=follow_up" --data-urlencode "tiep=/nguoi/$first" "$U/muc-dich"
get "/nguoi/$first"
grep -q '<h1>' "$tmp/p" || { echo "   the record did not open: $(head -1 "$tmp/h")" >&2; exit 1; }

# ------------------------------------------------------------ the reads

# reads FILE [probe]: the 200 page reads in sequence, one line each into FILE: "ms status
# under", under = 1 when the probes before and after the read found the lock held ("probe"
# given), else 0. Sets freed to the time the lock was first seen free (probes only).
reads() {
  out=$1 probe=${2:-}
  freed=""
  : >"$out"
  before=0
  [ -n "$probe" ] && locked && before=1
  while read -r id; do
    # a read that gets no answer still prints its time and the code 000
    r=$(curl -s -o /dev/null --max-time 30 -w '%{time_total} %{http_code}' \
      -H "Cookie: __Host-pcmt=$token" "$U/nguoi/$id") || true
    after=0
    [ -n "$probe" ] && locked && after=1
    [ -n "$probe" ] && [ $after = 0 ] && [ -z "$freed" ] && freed=$(date +%s.%N)
    echo "$r $((before * after))" | awk '{ printf "%.1f %s %s\n", $1 * 1000, $2, $3 }' >>"$out"
    before=$after
  done <"$tmp/ids"
}
# figures FILE LABEL [under]: p50, p99, max of the reads in FILE (only those made under the
# lock when "under" is given), the answers not 200
figures() {
  awk -v only="${3:-}" '!only || $3 == 1 { print }' "$1" >"$tmp/sel"
  n=$(wc -l <"$tmp/sel" | tr -d ' ')
  if [ "$n" = 0 ]; then
    printf '   %-34s none\n' "$2"
    return
  fi
  bad=$(awk '$2 != 200' "$tmp/sel" | wc -l | tr -d ' ')
  sort -n "$tmp/sel" | awk -v label="$2" -v n="$n" -v bad="$bad" '
    { v[NR] = $1 }
    END {
      p50 = v[int((n * 50 + 99) / 100)]; p99 = v[int((n * 99 + 99) / 100)]
      printf "   %-34s %3d reads  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  not 200: %d\n",
        label, n, p50, p99, v[n], bad
    }'
}

echo "   machine: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores;" \
  "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "   -- $n_reads reads of /nguoi/ID (different people) by a province officer, one at a time"
l0=$(load)
reads "$tmp/quiet.txt"
figures "$tmp/quiet.txt" "no import running"
echo "      load $l0 before, $(load) after"

# the import, in another process; wait (bounded) until it holds the write lock
t0=$(date +%s.%N)
"$pcmt" --db "$db" import people "$tmp/big.csv" >"$tmp/import.out" 2>&1 &
imp_pid=$!
i=0
until locked; do
  if ! kill -0 "$imp_pid" 2>/dev/null || [ $i -ge 1200 ]; then
    echo "   the import was never seen holding the write lock: $(cat "$tmp/import.out")" >&2
    exit 1
  fi
  i=$((i + 1))
  sleep 0.05
done
held=$(date +%s.%N)
l0=$(load)
reads "$tmp/import.txt" probe
l1=$(load)
under=$(awk '$3 == 1' "$tmp/import.txt" | wc -l | tr -d ' ')
figures "$tmp/import.txt" "during the import, all"
figures "$tmp/import.txt" "made under the write lock" under
wait "$imp_pid" && irc=0 || irc=$?
imp_pid=""
echo "      $under of $n_reads reads made while the import held the write lock;" \
  "load $l0 before, $l1 after"
echo "      the import: status $irc, $(tail -1 "$tmp/import.out")"
if [ -n "$freed" ]; then
  span=$(awk -v a="$t0" -v b="$held" -v c="$freed" 'BEGIN { printf "%.1f s to %.1f s", b - a, c - a }')
  echo "      the lock seen held from $span after the import started (first probe finding it free)"
else
  echo "      the lock still held after the last read"
fi
verdict=$(awk '$3 == 1 { print $1 }' "$tmp/import.txt" | sort -n |
  awk -v n="$under" '{ v[NR] = $1 } END {
    if (!n) print "no read made under the lock"; else print (v[int((n * 99 + 99) / 100)] < 100 ? "meets" : "OVER") }')
echo "   reads under the write lock: p99 against the bar of 100 ms: $verdict"
kill "$srv_pid"
wait "$srv_pid" 2>/dev/null || true
srv_pid=""
