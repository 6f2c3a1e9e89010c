#!/bin/sh
# t0421-owner-only-files.sh: the files that hold personal data — the database and the -wal and
# -shm files beside it, an export (CSV or .xlsx), a rejects file — are created readable by their
# owner only (0600), even with a umask that lets everyone read (022); and a name that is no
# regular file (a device, a pipe) is never replaced by one.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"
umask 022

# mode FILE: the permission bits, or "none".
mode() {
  stat -c %a "$1" 2>/dev/null || echo none
}

# expect_mode FILE: FILE is there and is 600.
expect_mode() {
  CHECKS=$((CHECKS + 1))
  [ "$(mode "$1")" = 600 ] || fail "$1: mode $(mode "$1"), want 600"
}

# Something written under this umask is 644: the check can tell the difference.
: >"$T/plain"
CHECKS=$((CHECKS + 1))
[ "$(mode "$T/plain")" = 644 ] || fail "umask 022 gave $(mode "$T/plain")"

db="$T/people.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
expect_mode "$db"
expect_mode "$db.reads" # the reads' audit rows: who looked at whom
run "$PCMT_BIN" --db "$db" units import
expect_status 0

printf 'Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị\n' >"$T/people.csv"
printf '010090003001,Hoàng Văn Hải,12/03/1990,Nam,02923\n' >>"$T/people.csv"
printf '010090003002,Lò Thị Mai,31/02/1990,Nữ,02923\n' >>"$T/people.csv"
run "$PCMT_BIN" --db "$db" import people "$T/people.csv"
expect_status 1
expect_mode "$T/people.csv.rejects.csv"
run "$PCMT_BIN" --db "$db" export people -o "$T/export.csv"
expect_status 0
expect_mode "$T/export.csv"
# An export over an existing readable file replaces it with an owner-only one.
: >"$T/again.csv"
run "$PCMT_BIN" --db "$db" export people -o "$T/again.csv"
expect_status 0
expect_mode "$T/again.csv"
CHECKS=$((CHECKS + 1))
grep -q 'Hoàng Văn Hải' "$T/again.csv" || fail "the export lost its rows"

# An .xlsx export is owner-only too.
run "$PCMT_BIN" --db "$db" export people -o "$T/export.xlsx"
expect_status 0
expect_mode "$T/export.xlsx"

# A name that is no regular file (a pipe here; /dev/null as root was replaced by the file's
# rename) is refused and left as it is, for an export (CSV or .xlsx) and for a rejects file;
# the import's good rows are saved all the same.
mkfifo "$T/pipe"
for out in "$T/pipe" "$T/pipe.xlsx"; do
  [ -p "$out" ] || mkfifo "$out"
  run "$PCMT_BIN" --db "$db" export people -o "$out"
  expect_status 2
  expect_err "không phải tệp thường"
  CHECKS=$((CHECKS + 1))
  [ -p "$out" ] || fail "$out was replaced: $(ls -l "$out")"
done
printf 'Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị
' >"$T/more.csv"
printf '010090003003,Sùng A Chứ,05/06/1993,Nam,02923
' >>"$T/more.csv"
printf '010090003004,Vàng Thị Dợ,31/02/1994,Nữ,02923
' >>"$T/more.csv"
run "$PCMT_BIN" --db "$db" import people "$T/more.csv" --rejects "$T/pipe"
expect_status 2
expect_out "thêm 1"
expect_err "không phải tệp thường"
CHECKS=$((CHECKS + 1))
[ -p "$T/pipe" ] || fail "the rejects file replaced the pipe: $(ls -l "$T/pipe")"
CHECKS=$((CHECKS + 1))
[ -z "$(ls "$T" | grep '^pipe\.' | grep -vx 'pipe.xlsx')" ] || fail "a temporary file was left: $(ls "$T")"

# SQLite makes the -wal and -shm files while a connection is open and removes them when the
# last one closes; it gives them the database file's mode. The sqlite3 shell holds the
# database open, reads, and looks at them from inside.
run sqlite3 "$db" "SELECT count(*) FROM person;" ".shell stat -c '%a %n' '$db-wal' '$db-shm'"
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -q "^600 $db-wal\$" || fail "db-wal: $OUT $ERR"
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -q "^600 $db-shm\$" || fail "db-shm: $OUT $ERR"

finish
