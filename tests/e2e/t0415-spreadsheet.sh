#!/bin/sh
# t0415-spreadsheet.sh: a register survives a spreadsheet. A generated province's registers are
# exported, opened and saved again by LibreOffice Calc (headless), and imported into a fresh
# database: nothing refused, and exported again they are the same files. As CSV, Calc drops the
# leading zeros of unit codes and national IDs, and with its number detection on it writes
# dates with two-digit years; as .xlsx, it keeps the cells as they were typed. An .xlsx edited
# in one cell (openpyxl, after Calc) changes one record, and a bad cell is refused with the
# sheet's row number. A Calc that reads dates day first and writes them month first (03/19/07)
# gives a file whose short dates are all month first, and it is read so.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

if ! command -v soffice >/dev/null 2>&1; then
  echo "SKIP: soffice not found (Debian package libreoffice-calc-nogui; scripts/install-deps.sh installs it)"
  exit 0
fi
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3

today="2025-12-31"
gen="--scale province --province 10 --seed 11 --from 2020 --to 2025 --today $today"
gen="$gen --people 500 --cases 60 --places 30 --networks 6 --licit 6 --activities 60"

run "$PCMT_BIN" --db "$T/g.db" init
expect_status 0
run "$PCMT_BIN" --db "$T/g.db" units import
expect_status 0
# the exports are a national officer's: the health fields go only to officers (docs/access.md)
run "$PCMT_BIN" --db "$T/g.db" user add cb.tw --role officer
expect_status 0
run "$PCMT_BIN" --db "$T/g.db" gen $gen
expect_status 0
run "$PCMT_BIN" registers
regs=$(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z-]*\) .*/\1/p')

mkdir "$T/x"
for r in $regs; do
  run "$PCMT_BIN" --db "$T/g.db" export "$r" --as cb.tw -o "$T/x/$r.csv"
  expect_status 0
done

# calc DIR FILTER FILES...: open each file in Calc with the CSV import options FILTER and save
# it again as CSV into DIR (Calc's own profile under $T, so runs do not share one).
calc() {
  out=$1 filter=$2
  shift 2
  mkdir -p "$out"
  soffice -env:UserInstallation="file://$T/lo-profile" --headless --infilter="CSV:$filter" \
    --convert-to csv --outdir "$out" "$@" >"$T/soffice.log" 2>&1
}

# import_all DB DIR EXT: import every register's file of DIR into DB, in the order of their
# links; each must be read whole, nothing refused.
import_all() {
  for r in $regs; do
    run "$PCMT_BIN" --db "$1" import "$r" "$2/$r.$3" --today "$today" --rejects "$T/$r.rejects.csv"
    CHECKS=$((CHECKS + 1))
    printf '%s\n' "$OUT" | grep -q "^$r: .*từ chối 0$" ||
      fail "$r from $2: $OUT $(printf '%s\n' "$ERR" | head -3)"
  done
}

# same_as_before DB: every register of DB exports to the files first exported.
same_as_before() {
  mkdir -p "$T/again"
  for r in $regs; do
    run "$PCMT_BIN" --db "$1" export "$r" --as cb.tw -o "$T/again/$r.csv"
    CHECKS=$((CHECKS + 1))
    cmp -s "$T/x/$r.csv" "$T/again/$r.csv" ||
      fail "$r differs after the spreadsheet: $(diff "$T/x/$r.csv" "$T/again/$r.csv" | head -6)"
  done
}

fresh() {
  rm -f "$1"
  run "$PCMT_BIN" --db "$1" init
  run "$PCMT_BIN" --db "$1" units import
  expect_status 0
  run "$PCMT_BIN" --db "$1" user add cb.tw --role officer
  expect_status 0
}

# 1. Calc's defaults for a CSV (UTF-8, comma, numbers detected: codes and IDs lose their zeros).
calc "$T/plain" "44,34,76,1,,1033,false,false" "$T/x/"*.csv
CHECKS=$((CHECKS + 1))
grep -q '^10[0-9]\{9\},' "$T/plain/people.csv" || fail "Calc kept the IDs' zeros: not the case tested"
fresh "$T/plain.db"
import_all "$T/plain.db" "$T/plain" csv
same_as_before "$T/plain.db"

# 2. With "detect special numbers" (dates too, as the issue saw them: 07/10/80).
calc "$T/special" "44,34,76,1,,1033,false,true" "$T/x/"*.csv
CHECKS=$((CHECKS + 1))
grep -q ',[0-9][0-9]/[0-9][0-9]/[0-9][0-9],' "$T/special/people.csv" ||
  fail "Calc wrote no two-digit year: not the case tested"
fresh "$T/special.db"
import_all "$T/special.db" "$T/special" csv
same_as_before "$T/special.db"

# 3. Dates read day first (Vietnamese) but written as an en-US Calc writes them, month first with
#    two-digit years (03/19/07): the whole file is month first, 11/03/97 is 3 November.
calc "$T/vi" "44,34,76,1,,1066,false,true" "$T/x/"*.csv
CHECKS=$((CHECKS + 1))
grep -q ',[01][0-9]/[1-3][0-9]/[0-9][0-9],' "$T/vi/people.csv" ||
  fail "Calc wrote no month-first date: not the case tested"
fresh "$T/vi.db"
import_all "$T/vi.db" "$T/vi" csv
same_as_before "$T/vi.db"

# 4. .xlsx: exported, owner-only, saved again by Calc, imported into a fresh database.
mkdir "$T/xl" "$T/xl2"
for r in $regs; do
  run "$PCMT_BIN" --db "$T/g.db" export "$r" --as cb.tw -o "$T/xl/$r.xlsx"
  expect_status 0
done
CHECKS=$((CHECKS + 1))
[ "$(stat -c %a "$T/xl/people.xlsx")" = 600 ] || fail "people.xlsx is not owner-only"
soffice -env:UserInstallation="file://$T/lo-profile" --headless --convert-to xlsx \
  --outdir "$T/xl2" "$T/xl/"*.xlsx >"$T/soffice.log" 2>&1
fresh "$T/xlsx.db"
import_all "$T/xlsx.db" "$T/xl2" xlsx
same_as_before "$T/xlsx.db"

# 5. One cell edited after Calc (an address), one made wrong (a birth date on the 30th of
#    February, sheet row 5): one record updated, the bad row refused by its row number.
"$py" - "$T/xl2/people.xlsx" "$T/edited.xlsx" <<'EOF' >"$T/py.log" 2>&1 || fail "openpyxl: $(cat "$T/py.log")"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
head = [c.value for c in ws[1]]
ws.cell(row=3, column=head.index("Địa chỉ") + 1, value="Số 9 đường Hoàng Liên")
ws.cell(row=5, column=head.index("Ngày sinh") + 1, value="30/02/1990")
wb.save(sys.argv[2])
EOF
cp "$T/g.db" "$T/copy.db"
cp "$T/g.db.key" "$T/copy.db.key" # a database is written with the key beside it
run "$PCMT_BIN" --db "$T/copy.db" import people "$T/edited.xlsx" --today "$today" --rejects "$T/edited.rejects.csv"
expect_status 1
expect_out "people: 500 dòng; thêm 0, sửa 1, giữ nguyên 498, từ chối 1"
expect_err "dòng 5: Ngày sinh: \"30/02/1990\""
CHECKS=$((CHECKS + 1))
grep -q ',5,"\?Ngày sinh' "$T/edited.rejects.csv" || fail "rejects file lacks sheet row 5: $(cat "$T/edited.rejects.csv")"
run "$PCMT_BIN" --db "$T/copy.db" export people --as cb.tw -o "$T/after.csv"
expect_status 0
CHECKS=$((CHECKS + 1))
changed=$(diff "$T/x/people.csv" "$T/after.csv" | grep -c '^>')
[ "$changed" = 1 ] && diff "$T/x/people.csv" "$T/after.csv" | grep -q '^>.*Số 9 đường Hoàng Liên' ||
  fail "want one person changed, the address: $(diff "$T/x/people.csv" "$T/after.csv" | head -6)"

# 6. A file named .xlsx that is not one is refused whole.
cp "$T/x/people.csv" "$T/fake.xlsx"
run "$PCMT_BIN" --db "$T/copy.db" import people "$T/fake.xlsx" --today "$today"
expect_status 2
expect_err "không phải sổ tính Excel .xlsx"

finish
