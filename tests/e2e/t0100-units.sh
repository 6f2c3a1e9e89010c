#!/bin/sh
# t0100-units.sh: init, units import/find/tree/successors through the real binary.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/units.db"

run "$PCMT_BIN" init --db "$db"
expect_status 0
expect_out "created, schema version"
run "$PCMT_BIN" --db "$db" init
expect_status 0
expect_out "already at version"

# Before import, a command on a missing database says what to do.
run "$PCMT_BIN" --db "$T/missing.db" units find "lao cai"
expect_status 3
expect_err "pcmt init"

run "$PCMT_BIN" --db "$db" units import
expect_status 0
expect_out "imported 14161 units"
run "$PCMT_BIN" --db "$db" units import
expect_status 0
expect_out "imported 14161 units"

run "$PCMT_BIN" --db "$db" units find "lao cai" --json
expect_status 0
# The first object is today's province of Lào Cai (code 15).
first_code=$(printf '%s\n' "$OUT" | grep -m1 '"code"' | sed 's/.*"code": *"\([0-9]*\)".*/\1/')
[ "$first_code" = "15" ] || fail "first code of 'lao cai' is '$first_code', want 15"
expect_out '"parent_code": null'
expect_out '"valid_to": "2025-06-30"'

run "$PCMT_BIN" --db "$db" units find "tp lao cai"
expect_status 0
line1=$(printf '%s\n' "$OUT" | head -n 1)
case "$line1" in
  "080 "*"thành phố Lào Cai"*) ;;
  *) fail "first line for 'tp lao cai': $line1" ;;
esac

run "$PCMT_BIN" --db "$db" units find "bao thang" --at 2024-01-01
expect_status 0
expect_out "huyện Bảo Thắng (tỉnh Lào Cai)"

run "$PCMT_BIN" --db "$db" units find "khong co don vi nay"
expect_status 3

run "$PCMT_BIN" --db "$db" units find "lao cai" --at 31/02/2024
expect_status 2

run "$PCMT_BIN" --db "$db" units tree 10 --at 01/01/2024
expect_status 0
[ "$(printf '%s\n' "$OUT" | head -n 1)" = "10    tỉnh Lào Cai" ] || fail "tree root: $(printf '%s\n' "$OUT" | head -n 1)"
expect_out "  086   huyện Bảo Thắng"

run "$PCMT_BIN" --db "$db" units tree 99
expect_status 3

# A code names one unit: 15 is old Yên Bái and new Lào Cai; without a date or a tree
# `units show` cannot tell and names both.
run "$PCMT_BIN" --db "$db" units show 15
expect_status 2
expect_err "mã 15 là tỉnh Yên Bái (đến 30/06/2025) hoặc tỉnh Lào Cai (từ 01/07/2025)"
run "$PCMT_BIN" --db "$db" units show 15 --at 01/05/2024
expect_status 0
expect_out "Đơn vị: tỉnh Yên Bái (đơn vị hành chính đến 30/06/2025)"
run "$PCMT_BIN" --db "$db" units show 15 --tree post2025
expect_status 0
expect_out "Đơn vị: tỉnh Lào Cai (đơn vị hành chính từ 01/07/2025)"
# 10 was not reused: old Lào Cai, also without a date; its tree as it stood last
run "$PCMT_BIN" --db "$db" units show 10
expect_status 0
expect_out "Đơn vị: tỉnh Lào Cai (đơn vị hành chính đến 30/06/2025)"
run "$PCMT_BIN" --db "$db" units tree 10
expect_status 0
expect_out "  086   huyện Bảo Thắng"

run "$PCMT_BIN" --db "$db" units successors 086 --json
expect_status 0
n=$(printf '%s\n' "$OUT" | grep -c '"kind": "partial"')
[ "$n" = "6" ] || fail "successors of 086: $n partial rows, want 6"

finish
