#!/bin/sh
# t0510-gen-roundtrip.sh: what `pcmt gen` writes obeys the registers' own rules. Every register
# of a generated database is exported, then the files are imported (in the order `pcmt
# registers` lists them, which is the order of their links) into a copy of the database —
# nothing may be rejected or changed, and the indicators stay the same — and into a fresh
# database, where nothing may be rejected either and the indicators come out the same (the
# people file carries today's residence; each move names the commune it left, so the history
# before a person's first move is rebuilt where they lived then).
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

gen="--scale province --province 01 --seed 7 --from 2023 --to 2025 --today 2025-12-31"
gen="$gen --people 1500 --cases 900 --places 240 --networks 30 --licit 30 --activities 1500"
quarters="2024-Q3 2025-Q3"

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
expect_status 0
regs=$(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z-]*\) .*/\1/p')
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$regs" | wc -l)" -ge 14 ] || fail "pcmt registers lists too few: $regs"

mkdir "$T/x"
for r in $regs; do
  run "$PCMT_BIN" --db "$T/g.db" export "$r" --as cb.tw -o "$T/x/$r.csv"
  expect_status 0
done

for q in $quarters; do
  run "$PCMT_BIN" --db "$T/g.db" indicators --unit 01 --period "$q" --json
  expect_status 0
  printf '%s\n' "$OUT" >"$T/before-$q.json"
done

# summary LINE FIELD: a number of the import summary
# "REGISTER: N dòng; thêm A, sửa B, giữ nguyên C, từ chối D".
summary() {
  case "$2" in
  rows) printf '%s\n' "$1" | sed -n 's/^[a-z-]*: \([0-9]*\) dòng.*/\1/p' ;;
  changed) printf '%s\n' "$1" | sed -n 's/.* sửa \([0-9]*\),.*/\1/p' ;;
  rejected) printf '%s\n' "$1" | sed -n 's/.* từ chối \([0-9]*\)$/\1/p' ;;
  esac
}

# import_all DB CHECK_CHANGED: import every file into DB; count rejects (and changes).
import_all() {
  for r in $regs; do
    rm -f "$T/$r.rejects.csv"
    run "$PCMT_BIN" --db "$1" import "$r" "$T/x/$r.csv" --rejects "$T/$r.rejects.csv"
    line=$(printf '%s\n' "$OUT" | grep "^$r: ")
    CHECKS=$((CHECKS + 1))
    if [ -z "$line" ]; then
      fail "$r: no import summary (status $STATUS): $ERR"
      continue
    fi
    echo "$(basename "$1") $line"
    CHECKS=$((CHECKS + 1))
    [ "$(summary "$line" rejected)" = 0 ] ||
      fail "$r: rejected rows into $(basename "$1"): $(head -c 600 "$T/$r.rejects.csv")"
    if [ "$2" = yes ]; then
      CHECKS=$((CHECKS + 1))
      [ "$(summary "$line" changed)" = 0 ] || fail "$r: re-import changed rows: $line"
    fi
  done
}

# Into a copy of the generated database: nothing rejected, nothing changed.
cp "$T/g.db" "$T/copy.db"
cp "$T/g.db.key" "$T/copy.db.key" # a database is written with the key beside it
import_all "$T/copy.db" yes
for q in $quarters; do
  run "$PCMT_BIN" --db "$T/copy.db" indicators --unit 01 --period "$q" --json
  expect_status 0
  CHECKS=$((CHECKS + 1))
  printf '%s\n' "$OUT" | cmp -s - "$T/before-$q.json" ||
    fail "indicators $q moved on re-import: $(printf '%s\n' "$OUT" | diff "$T/before-$q.json" - | head -20)"
done

# Into a fresh database: nothing rejected, and the same indicators, people's among them.
run "$PCMT_BIN" --db "$T/fresh.db" init
expect_status 0
run "$PCMT_BIN" --db "$T/fresh.db" units import
expect_status 0
import_all "$T/fresh.db" no
values() {
  awk -F'"' '/"code"/ { c = $4 } /"value"/ { v = $3; gsub(/[: ,]/, "", v); print c "=" v }'
}
for q in $quarters; do
  run "$PCMT_BIN" --db "$T/fresh.db" indicators --unit 01 --period "$q" --json
  expect_status 0
  CHECKS=$((CHECKS + 1))
  want=$(values <"$T/before-$q.json")
  got=$(printf '%s\n' "$OUT" | values)
  [ "$(printf '%s\n' "$want" | grep -cE '^(users_registered|addicts_registered|drug_list_total|relapses|removed_from_list)=[1-9]')" -ge 3 ] && [ "$want" = "$got" ] ||
    fail "indicators $q differ in a fresh database (- fresh, + generated): $(printf '%s\n' "$got" | diff -U0 - /dev/fd/3 3<<EOF_WANT | grep '^[-+][a-z]'
$want
EOF_WANT
)"
done

finish
