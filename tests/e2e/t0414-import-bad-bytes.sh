#!/bin/sh
# t0414-import-bad-bytes.sh: bad bytes in a CSV are refused row by row, never cut: a name
# holding a NUL byte is rejected with its line and column (it used to be stored cut at the
# NUL), a layout control is refused, a zero-width space is removed with a note, and the
# good rows around them are saved.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/bad.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0

# Line 3: "Nguyễn<NUL>Văn Dũng"; line 4: "Lò<ZWSP> Thị Mai"; line 5: an address holding
# RIGHT-TO-LEFT OVERRIDE (U+202E); lines 2 and 6 are good.
{
  printf 'STT;Số định danh;Họ tên;Ngày sinh;Giới tính;Mã đơn vị;Địa chỉ\r\n'
  printf '1;010090002001;Hoàng Văn Hải;12/03/1990;Nam;02923;Thôn 1\r\n'
  printf '2;010090002002;Nguy\341\273\205n\000V\304\203n D\305\251ng;01/02/1991;Nam;02923;Thôn 2\r\n'
  printf '3;010090002003;L\303\262\342\200\213 Th\341\273\213 Mai;03/04/1992;Nữ;02923;Thôn 3\r\n'
  printf '4;010090002004;Sùng A Chứ;05/06/1993;Nam;02923;Thôn \342\200\256' && printf '4 bản\r\n'
  printf '5;010090002005;Vàng Thị Dợ;07/08/1994;Nữ;02923;Thôn 5\r\n'
} >"$T/people.csv"
CHECKS=$((CHECKS + 1))
[ "$(tr -cd '\000' <"$T/people.csv" | wc -c)" = 1 ] || fail "the fixture lost its NUL byte"

run "$PCMT_BIN" --db "$db" import people "$T/people.csv"
expect_status 1
expect_out "thêm 3"
expect_out "từ chối 2"
expect_err "dòng 3: Họ tên (cột 3): chứa byte NUL ở ký tự thứ 7"
expect_err "dòng 4 (ghi chú): Họ tên (cột 3): đã bỏ 1 ký tự ẩn (U+200B)"
expect_err "dòng 5: Địa chỉ (cột 7): chứa ký tự ẩn U+202E ở ký tự thứ 6"

# What is stored: three people; no "Nguyễn" cut at the NUL, no invisible character.
run "$PCMT_BIN" --db "$db" export people -o "$T/out.csv"
expect_status 0
CHECKS=$((CHECKS + 1))
[ "$(wc -l <"$T/out.csv")" = 4 ] || fail "people stored: $(cat "$T/out.csv")"
CHECKS=$((CHECKS + 1))
grep -q '010090002002' "$T/out.csv" && fail "the row with a NUL was stored: $(grep 010090002002 "$T/out.csv")"
CHECKS=$((CHECKS + 1))
grep -q ',Lò Thị Mai,' "$T/out.csv" || fail "the name without its zero-width space: $(cat "$T/out.csv")"
CHECKS=$((CHECKS + 1))
[ "$(grep -c "$(printf '\342\200[\213\256]')" "$T/out.csv")" = 0 ] || fail "an invisible character was stored"
run "$PCMT_BIN" --db "$db" person search "nguyen"
CHECKS=$((CHECKS + 1))
case "$OUT" in *Nguyễn*) fail "a person named Nguyễn was stored: $OUT" ;; esac

# The rejects file holds both rows whole, a visible U+FFFD where each refused character was,
# with their line and reason.
rej="$T/people.csv.rejects.csv"
CHECKS=$((CHECKS + 1))
grep -q "Nguyễn$(printf '\357\277\275')Văn Dũng,.*,3,Họ tên (cột 3): chứa byte NUL" "$rej" ||
  fail "rejects file: $(cat "$rej")"
CHECKS=$((CHECKS + 1))
grep -q "Thôn $(printf '\357\277\275')4 bản,5,Địa chỉ (cột 7)" "$rej" || fail "rejects file: $(cat "$rej")"

# Corrected by hand, the rejects file imports; an uncorrected one is refused again.
run "$PCMT_BIN" --db "$db" import people "$rej" --rejects "$T/again.csv"
expect_status 1
expect_err "chứa ký tự thay thế U+FFFD"
sed "s/$(printf '\357\277\275')/ /" "$rej" >"$T/fixed.csv"
run "$PCMT_BIN" --db "$db" import people "$T/fixed.csv"
expect_status 0
expect_out "thêm 2"
run "$PCMT_BIN" --db "$db" person search "nguyen van dung"
expect_status 0
expect_out "Nguyễn Văn Dũng"

# A quote never closed still refuses the whole file: the reader cannot find the next record.
printf 'Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị\n010090002009,"Lý Văn,01/01/1990,Nam,02923\n' \
  >"$T/quote.csv"
run "$PCMT_BIN" --db "$db" import people "$T/quote.csv"
expect_status 2
expect_err "dòng 2: dấu ngoặc kép mở nhưng không đóng"

finish
