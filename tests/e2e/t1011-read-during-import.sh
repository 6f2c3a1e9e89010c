#!/bin/sh
# t1011-read-during-import.sh: a long write never stalls the reads (issue 17 §3, docs/audit.md
# "Reads during a long write"). While `pcmt import people` of 250,000 rows holds the main
# database's write lock in another process, a person's record opens through the CLI, the page
# and the API, and the people search answers through the page and the API, each with its audit
# row committed in FILE.reads; the import is checked to still hold the lock after the last
# answer, so the reads were really made under it. An ordering test, not a timing one: every
# wait polls for a condition with a bound, and a blocked read gives up after 5 s instead of
# waiting out the store's busy timeout (10 s).
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v timeout >/dev/null || { echo "SKIP: timeout not installed"; exit 77; }
db="$T/web.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" gen --scale province --province 15 --seed 5 --people 300 --cases 20 \
  --places 10 --networks 2 --licit 2 --activities 20
expect_status 0

# The person read: one of phường Sa Pa (03006), the officer's commune, with a name the
# generated CSV below cannot produce (its names are three words from fixed lists).
name="Sùng Thị Mỷ"
run "$PCMT_BIN" --db "$db" person add --name "$name" --dob 12/07/1994 --sex nữ --unit 03006
expect_status 0
id=$OUT
CHECKS=$((CHECKS + 1))
case "$id" in '' | *[!0-9]*) fail "no person id: '$id'"; finish ;; esac

pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
run sh -c "'$PCMT_BIN' --db '$db' user add cb.sapa --role officer --unit 03006 <'$T/pw'"
expect_status 0

# 250,000 people from scripts/people-csv.sh (fixed seed, as t0412): communes of today's tree, IDs with
# Hà Nội's prefix for two thirds, a classification for most. Made before the sign-in, so that
# the session is fresh when the reads come.
rows=250000
sh "$PCMT_SOURCE_DIR/scripts/people-csv.sh" "$PCMT_SOURCE_DIR" $rows 1011 >"$T/big.csv"
CHECKS=$((CHECKS + 1))
[ "$(wc -l <"$T/big.csv")" = $((rows + 1)) ] || fail "the CSV has $(wc -l <"$T/big.csv") lines"

# --- before the import: signed in, the purpose set, the record opened once ------------------
. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
web_serve
signin cb.sapa
check "sign-in" "$(status_of "$T/h")" 303
get "/nguoi/$id"
has "the purpose asked first" 'action="/muc-dich"'
csrf_of_page
post /muc-dich --data-urlencode "muc-dich=follow_up" --data-urlencode "tiep=/nguoi/$id"
check "purpose set" "$(status_of "$T/h"):$(hdr "$T/h" Location)" "303:/nguoi/$id"
get "/nguoi/$id"
check "the record before the import" "$(status_of "$T/h")" 200
has "the record before the import: name" "<h1>$name</h1>"

# The reads' audit rows live in FILE.reads, table audit_log (the main trail's columns; the
# design of docs/audit.md). The file is never opened here when it does not exist, so that this
# test does not make it.
reads_count() { # reads_count ACTION [ID]: rows of ACTION (for person ID) in FILE.reads
  [ -f "$db.reads" ] || { echo "none"; return; }
  if [ $# = 2 ]; then
    sqlite3 "$db.reads" "SELECT count(*) FROM audit_log WHERE action = '$1' AND record_id = $2"
  else
    sqlite3 "$db.reads" "SELECT count(*) FROM audit_log WHERE action = '$1'"
  fi
}
# locked: the main file's write lock is held by someone else (a second BEGIN IMMEDIATE,
# with no busy wait, is refused)
locked() {
  sqlite3 -cmd '.timeout 0' "$db" 'BEGIN IMMEDIATE; ROLLBACK;' >"$T/probe" 2>&1 && return 1
  grep -q 'database is locked' "$T/probe"
}
CHECKS=$((CHECKS + 1))
locked && fail "the write lock is held before the import started: $(cat "$T/probe")"
# The session as an officer's usually is when a record is opened: last seen over a minute ago,
# so that its idle stamp is due (a write of its own). The stamps are moved back two minutes
# rather than waited for.
sqlite3 "$db" "UPDATE web_session SET created_at = created_at - 120, seen_at = seen_at - 120"

# --- the import, in another process; wait until it holds the write lock -------------------
people0=$(sqlite3 "$db" "SELECT count(*) FROM person")
"$PCMT_BIN" --db "$db" import people "$T/big.csv" >"$T/import.out" 2>"$T/import.err" &
imp=$!
trap 'kill "$pid" "$imp" 2>/dev/null; rm -rf "$T"' EXIT
i=0
while ! locked; do
  if ! kill -0 "$imp" 2>/dev/null; then
    fail "the import ended before it was seen holding the write lock: $(cat "$T/import.out" "$T/import.err")"
    finish
  fi
  i=$((i + 1))
  [ $i -lt 1200 ] || { fail "the import did not take the write lock within 60 s"; finish; }
  sleep 0.05
done
reads0=$(reads_count person.read "$id")
search0=$(reads_count person.search)

# --- the reads, while it runs -------------------------------------------------------------
answered=0 # reads answered as they should
# code: the last page's status, or why there is none (curl gave up after 5 s)
code() { c=$(status_of "$T/h"); echo "${c:-no answer within 5 s}"; }
# the CLI (the local administrator); `timeout` exits 124 when it waited 5 s
run timeout 5 "$PCMT_BIN" --db "$db" person show "$id" --purpose "rà soát hồ sơ"
expect_status 0
expect_out "Hồ sơ số $id: $name"
[ "$STATUS" = 0 ] && printf '%s\n' "$OUT" | grep -qF -- "Hồ sơ số $id: $name" && answered=$((answered + 1))
# read_web WHAT PATH TEXT [CURL-ARGS...]: a GET that must answer 200 with TEXT in the body
read_web() {
  what=$1 path=$2 text=$3
  shift 3
  : >"$T/h" # a read that gets no answer must not be judged on the last page's files
  : >"$T/p"
  get "$path" --max-time 5 "$@"
  check "$what during the import" "$(code)" 200
  has "$what during the import" "$text"
  [ "$(code)" = 200 ] && grep -qF -- "$text" "$T/p" && answered=$((answered + 1))
}
read_web "the page /nguoi/$id" "/nguoi/$id" "<h1>$name</h1>"
# the API with the session cookie (a GET needs no CSRF token)
read_web "GET /api/v1/persons/$id" "/api/v1/persons/$id" "{\"id\":$id,\"full_name\":\"$name\"" \
  -H "X-Purpose: rà soát hồ sơ"
# the search, page and API, without diacritics typed
read_web "the search page" "/nguoi?q=sung+thi+my" "<a href=\"/nguoi/$id\">$name</a>"
read_web "the search API" "/api/v1/persons?q=sung+thi+my" "{\"id\":$id,\"full_name\":\"$name\"" \
  -H "X-Purpose: rà soát hồ sơ"

# Only reads made under the lock prove anything. The import holds it in one transaction, from
# its start to its commit: held before the first read and after the last means held throughout.
CHECKS=$((CHECKS + 1))
if ! kill -0 "$imp" 2>/dev/null; then
  fail "the import finished before the reads were done: this run proved nothing"
  under=0
elif ! locked; then
  fail "the write lock was released before the reads were done: this run proved nothing"
  under=0
else
  under=1
fi

# Each read's audit row, committed in FILE.reads: three reads of the record, two searches.
check "person.read rows in $db.reads" "$(reads_count person.read "$id")" \
  "$(case $reads0 in none) echo 3 ;; *) echo $((reads0 + 3)) ;; esac)"
check "person.search rows in $db.reads" "$(reads_count person.search)" \
  "$(case $search0 in none) echo 2 ;; *) echo $((search0 + 2)) ;; esac)"

# --- the import ends whole; the trail verifies ----------------------------------------------
wait "$imp"
check "import status" "$?" 0
CHECKS=$((CHECKS + 1))
grep -qF "people: $rows dòng; thêm $rows," "$T/import.out" ||
  fail "the import did not add the $rows rows: $(cat "$T/import.out" "$T/import.err")"
# every row is a new person (fresh IDs; the rows without one differ in name, date of birth or
# commune): the register grew by the file's rows
check "people after the import" "$(sqlite3 "$db" "SELECT count(*) FROM person")" \
  $((people0 + rows))
run "$PCMT_BIN" --db "$db" audit verify
expect_status 0

if [ $under = 1 ]; then
  echo "$answered of 5 reads answered while the import held the write lock"
else
  echo "$answered of 5 reads answered, not all under the import's write lock"
fi
finish
