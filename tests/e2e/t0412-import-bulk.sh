#!/bin/sh
# t0412-import-bulk.sh: a large people import into an empty register (the bulk path) killed
# with SIGKILL mid-way leaves no person, a sound database and an intact audit chain; the same
# file then imports whole, and again changes nothing.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/bulk.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0

# 100,000 people from a fixed-seed generator: communes of today's tree, IDs with the
# province prefix of Hà Nội (001), a third without ID, a classification for most.
sh "$PCMT_SOURCE_DIR/scripts/people-csv.sh" "$PCMT_SOURCE_DIR" 100000 412 >"$T/people.csv"

# Kill the import once it is writing (its WAL grows), before it commits.
killed=0
"$PCMT_BIN" --db "$db" import people "$T/people.csv" >"$T/kill.out" 2>&1 &
pid=$!
i=0
while [ $i -lt 600 ] && kill -0 $pid 2>/dev/null; do
  size=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
  if [ "$size" -gt 4000000 ]; then
    kill -9 $pid && killed=1
    break
  fi
  sleep 0.02
  i=$((i + 1))
done
wait $pid 2>/dev/null
CHECKS=$((CHECKS + 1))
[ $killed = 1 ] || fail "the import ended before it could be killed: $(cat "$T/kill.out")"

# No person: the export holds the header line only.
run "$PCMT_BIN" --db "$db" export people -o "$T/after-kill.csv"
expect_status 0
CHECKS=$((CHECKS + 1))
[ "$(wc -l <"$T/after-kill.csv")" = 1 ] || fail "people left by the killed import"
# The file's sound and the indexes a load drops are back (the sqlite3 shell:
# scripts/install-deps.sh installs it).
run sqlite3 "$db" "PRAGMA integrity_check"
expect_out "ok"
run sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN
  ('person_sort', 'person_dup', 'person_unit', 'person_search_key_person',
   'person_event_person', 'person_national_id', 'person_span_unit', 'person_span_to',
   'person_flow_day', 'person_flow_unit')"
CHECKS=$((CHECKS + 1))
[ "$OUT" = 10 ] || fail "indexes missing after the kill: $OUT of 10"
run "$PCMT_BIN" --db "$db" audit verify
expect_status 0

# The same file, whole: every row saved, search works, the audit chain holds.
run "$PCMT_BIN" --db "$db" import people "$T/people.csv"
expect_status 0
expect_out "thêm"
run "$PCMT_BIN" --db "$db" export people -o "$T/after.csv"
expect_status 0
CHECKS=$((CHECKS + 1))
[ "$(wc -l <"$T/after.csv")" -gt 60000 ] || fail "people after the import: $(wc -l <"$T/after.csv")"
run "$PCMT_BIN" --db "$db" person search "001000000001"
expect_status 0
expect_out "001000000001"
run "$PCMT_BIN" --db "$db" audit verify
expect_status 0
run sqlite3 "$db" "PRAGMA integrity_check"
expect_out "ok"
run sqlite3 "$db" "SELECT detail FROM audit_log WHERE action = 'register.import' ORDER BY id DESC LIMIT 1"
expect_out "sha256"

# Again: nothing added, nothing changed.
run "$PCMT_BIN" --db "$db" import people "$T/people.csv"
expect_status 0
expect_out "thêm 0, sửa 0"

finish
