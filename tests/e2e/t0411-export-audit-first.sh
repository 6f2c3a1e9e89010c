#!/bin/sh
# t0411-export-audit-first.sh: personal data leaves only after its audit row is committed.
# An export's row goes to the reads' chain (FILE.reads, docs/audit.md): while another process
# holds FILE.reads for writing, `pcmt export people` can write no audit row: it fails after the
# busy timeout ("busy", exit 11) and writes nothing — not one byte on standard output, no file
# (CSV or .xlsx). Once the writer is gone the same export works and is audited once. And a
# writer holding the database itself (a long import) does not stop the export.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

if ! command -v sqlite3 >/dev/null; then
  fail "the sqlite3 shell is missing (make deps installs it)"
  finish
fi

db="$T/x.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
printf 'Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị\n' >"$T/people.csv"
printf '015090002001,Giàng A Sử,01/02/1990,Nam,03006\n' >>"$T/people.csv"
printf '015090002002,Lò Thị Mai,03/04/1992,Nữ,02671\n' >>"$T/people.csv"
run "$PCMT_BIN" --db "$db" import people "$T/people.csv"
expect_status 0

# lock FILE: another process takes FILE's write lock and keeps it: the sqlite3 shell reading
# its statements from a fifo, kept open on fd 3. Waits until it says it holds the lock.
lock() {
  rm -f "$T/lock.in" "$T/lock.out"
  mkfifo "$T/lock.in"
  sqlite3 "$1" <"$T/lock.in" >"$T/lock.out" 2>&1 &
  lock_pid=$!
  exec 3>"$T/lock.in"
  printf "BEGIN IMMEDIATE;\nSELECT 'locked';\n" >&3
  i=0
  while [ $i -lt 500 ] && ! grep -q locked "$T/lock.out"; do
    sleep 0.02
    i=$((i + 1))
  done
  CHECKS=$((CHECKS + 1))
  grep -q locked "$T/lock.out" || fail "the sqlite3 shell did not take the lock: $(cat "$T/lock.out")"
}
unlock() {
  printf "ROLLBACK;\n.quit\n" >&3
  exec 3>&-
  wait $lock_pid
}

# The database itself locked, as by a long import: the export does not wait for it.
lock "$db"
run "$PCMT_BIN" --db "$db" export people -o -
expect_status 0
expect_out "Giàng A Sử"
unlock
run sqlite3 "$db.reads" "SELECT count(*) FROM audit_log WHERE action = 'register.export'"
CHECKS=$((CHECKS + 1))
[ "$OUT" = 1 ] || fail "register.export rows after the export during the lock: $OUT, want 1"

# The reads' file locked: no audit row can be written.
lock "$db.reads"

# To standard output: the database error, and nothing at all on stdout.
start=$(date +%s)
run "$PCMT_BIN" --db "$db" export people -o -
took=$(($(date +%s) - start))
expect_status 11
expect_err "cơ sở dữ liệu đang bận"
CHECKS=$((CHECKS + 1))
[ ! -s "$T/.out" ] || fail "the export wrote $(wc -c <"$T/.out") bytes before it was audited"
echo "export refused after ${took} s (busy timeout 10 s)"
# To a file: no file under the name, no temporary file beside it.
run "$PCMT_BIN" --db "$db" export people -o "$T/people-out.csv"
expect_status 11
CHECKS=$((CHECKS + 1))
[ -z "$(ls "$T" | grep people-out)" ] || fail "the export left a file: $(ls "$T" | grep people-out)"
# To an .xlsx workbook: the same path (the operation's sink), the same refusal.
run "$PCMT_BIN" --db "$db" export people -o "$T/people-out.xlsx"
expect_status 11
CHECKS=$((CHECKS + 1))
[ -z "$(ls "$T" | grep people-out)" ] || fail "the export left a file: $(ls "$T" | grep people-out)"

# The writer goes; the same export works, and the trail has its one more row.
unlock
run "$PCMT_BIN" --db "$db" export people -o -
expect_status 0
expect_out "Giàng A Sử"
expect_out "Lò Thị Mai"
run sqlite3 "$db.reads" "SELECT count(*) FROM audit_log WHERE action = 'register.export'"
CHECKS=$((CHECKS + 1))
[ "$OUT" = 2 ] || fail "register.export rows: $OUT, want 2"
run "$PCMT_BIN" --db "$db" audit verify
expect_status 0

finish
