#!/bin/sh
# t0410-registers.sh: `pcmt import`, `pcmt export`, `pcmt registers` through the real binary:
# rejects file and exit status, re-import, territory, formulas, the audit chain.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/reg.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0

run "$PCMT_BIN" registers
expect_status 0
expect_out "case-seizures"
run "$PCMT_BIN" registers places
expect_status 0
expect_out "Điểm trồng cây có chứa chất ma túy"
run "$PCMT_BIN" registers nothing
expect_status 2
expect_err "unknown register"

# People: semicolons, a BOM, a quoted line break; two bad rows.
printf '\357\273\277STT;Số định danh;Họ tên;Ngày sinh;Giới tính;Mã đơn vị;Địa chỉ;Phân loại;Ngày phân loại\r\n' >"$T/people.csv"
printf '1;010090001234;Nguyễn Văn Dũng;12/03/1990;Nam;02923;"Thôn 3,\r\nxã Gia Phú";Người nghiện ma túy;05/01/2025\r\n' >>"$T/people.csv"
printf '2;010090001235;Lò Thị Mai;31/02/1990;Nữ;02923;;;\r\n' >>"$T/people.csv"
printf '3;010090001236;Sùng A Chứ;01/01/1992;Nam;02902;;Nghi vấn;01/09/2025\r\n' >>"$T/people.csv"
printf '4;010090001237;Vàng Thị Dợ;01/01/1993;Nữ;99999;;;\r\n' >>"$T/people.csv"
run "$PCMT_BIN" --db "$db" import people "$T/people.csv"
expect_status 1
expect_out "thêm 2"
expect_out "từ chối 2"
expect_err "dòng 4: Ngày sinh"
expect_err "dòng 6: Mã đơn vị: không có đơn vị mã 99999"
[ -f "$T/people.csv.rejects.csv" ] || fail "no rejects file"
grep -q 'Lò Thị Mai' "$T/people.csv.rejects.csv" || fail "rejected row not in the rejects file"
grep -q 'STT,Số định danh' "$T/people.csv.rejects.csv" || fail "rejects file lost the header"
run "$PCMT_BIN" --db "$db" import people "$T/people.csv"
expect_status 1
expect_out "thêm 0, sửa 0, giữ nguyên 2"
run "$PCMT_BIN" --db "$db" person search "nguyen van dung"
expect_status 0
expect_out "Nguyễn Văn Dũng"

# A rejects file imported with a row still wrong writes its own rejects file with the
# "Dòng", "Lỗi" columns once, not twice.
sed 's#31/02/1990#28/02/1990#' "$T/people.csv.rejects.csv" >"$T/partly.csv"
run "$PCMT_BIN" --db "$db" import people "$T/partly.csv" --dry-run
expect_status 1
CHECKS=$((CHECKS + 1))
[ "$(head -1 "$T/partly.csv.rejects.csv" | grep -o 'Dòng' | wc -l)" = 1 ] ||
  fail "rejects of a rejects file: $(head -1 "$T/partly.csv.rejects.csv")"
CHECKS=$((CHECKS + 1))
head -1 "$T/partly.csv.rejects.csv" | grep -q 'Ngày phân loại,Dòng,Lỗi' ||
  fail "rejects header: $(head -1 "$T/partly.csv.rejects.csv")"

# The corrected rejects file imports (its extra "Dòng", "Lỗi" columns are ignored).
sed -i 's#31/02/1990#28/02/1990#; s#,99999,#,02923,#' "$T/people.csv.rejects.csv"
run "$PCMT_BIN" --db "$db" import people "$T/people.csv.rejects.csv"
expect_status 0
expect_out "thêm 2"

# Cases, with a formula in the summary; a dry run saves nothing.
cat >"$T/cases.csv" <<'CSV'
Số vụ,Ngày phát hiện,Mã đơn vị,Lực lượng phát hiện,Điều BLHS,Tóm tắt
01/2025/GP,02/08/2025,02923,Công an xã Gia Phú,251,"=1+2"
02/2025/PH,03/08/2025,02902,Công an xã Phong Hải,249,
CSV
run "$PCMT_BIN" --db "$db" import cases "$T/cases.csv" --dry-run
expect_status 0
expect_out "(thử, không lưu)"
run "$PCMT_BIN" --db "$db" export cases -o "$T/none.csv"
expect_status 0
expect_out "cases: 0 dòng"
run "$PCMT_BIN" --db "$db" import cases "$T/cases.csv"
expect_status 0
expect_out "thêm 2"

# Export narrowed to a commune; formulas come out as text.
run "$PCMT_BIN" --db "$db" export cases --unit 02923 -o "$T/gp.csv"
expect_status 0
expect_out "cases: 1 dòng"
expect_err "Đơn vị: xã Gia Phú (đơn vị hành chính từ 01/07/2025)"
grep -q "\"'=1+2\"" "$T/gp.csv" || fail "formula not neutralised"
grep -q "02/2025/PH" "$T/gp.csv" && fail "a case of another commune was exported"
run "$PCMT_BIN" --db "$db" import cases "$T/gp.csv"
expect_status 0
expect_out "giữ nguyên 1"

# A missing required column refuses the whole file.
printf 'Số vụ,Mã đơn vị\n03/2025,02923\n' >"$T/bad.csv"
run "$PCMT_BIN" --db "$db" import cases "$T/bad.csv"
expect_status 2
expect_err "thiếu cột bắt buộc"

# Exit status (docs/cli.md): a leader imports nothing and exports no personal register (5,
# nothing on stdout); a rejects file that cannot be written is 6, the good rows saved all
# the same and the bad ones printed.
run "$PCMT_BIN" --db "$db" user add ld.tinh --role leader --unit 15
expect_status 0
run "$PCMT_BIN" --db "$db" import cases "$T/cases.csv" --as ld.tinh
expect_status 5
run "$PCMT_BIN" --db "$db" export people -o - --as ld.tinh
expect_status 5
CHECKS=$((CHECKS + 1))
[ ! -s "$T/.out" ] || fail "a leader's refused export wrote to stdout"
printf 'Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị
' >"$T/more.csv"
printf '010090001240,Hầu A Vàng,02/02/1994,Nam,02923
010090001241,Hầu Thị Dua,30/02/1995,Nữ,02923
' >>"$T/more.csv"
run "$PCMT_BIN" --db "$db" import people "$T/more.csv" --rejects "$T/no-such-dir/r.csv"
expect_status 6
expect_out "thêm 1"
expect_err "dòng 3: Ngày sinh"
expect_err "no-such-dir/r.csv"
run "$PCMT_BIN" --db "$db" person search "hau a vang"
expect_status 0
expect_out "Hầu A Vàng"

# Personal exports are audited; the chain still verifies.
run "$PCMT_BIN" --db "$db" export people -o "$T/people-out.csv" --purpose "báo cáo quý"
expect_status 0
run "$PCMT_BIN" --db "$db" audit log
expect_out "register.export"
expect_out "báo cáo quý"
run "$PCMT_BIN" --db "$db" audit verify
expect_status 0
expect_out "đầu chuỗi "

# The head printed as ID:HASH, kept outside the database, catches the newest
# rows deleted, which the chain alone cannot.
head=$(printf '%s\n' "$OUT" | sed -n 's/^nhật ký nguyên vẹn: .*đầu chuỗi \([0-9]*:[0-9a-f]*\)$/\1/p')
[ -n "$head" ] || fail "no ID:HASH head in: $OUT"
run "$PCMT_BIN" --db "$db" audit verify --head "$head"
expect_status 0
run "$PCMT_BIN" --db "$db" audit verify --head "12:xyz"
expect_status 2
expect_err "SỐ_DÒNG:MÃ_BĂM"
if command -v sqlite3 >/dev/null; then
  sqlite3 "$db" "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"
  # the signed checkpoint each command leaves catches it too (docs/audit.md)
  run "$PCMT_BIN" --db "$db" audit verify
  expect_status 1
  expect_err "cắt đuôi"
  run "$PCMT_BIN" --db "$db" audit verify --head "$head"
  expect_status 1
  expect_err "đã bị xóa"
else
  fail "the sqlite3 shell is missing (make deps installs it)"
fi

finish
