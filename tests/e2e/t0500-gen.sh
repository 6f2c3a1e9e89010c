#!/bin/sh
# t0500-gen.sh: `pcmt gen` through the real binary — a small province run, the same data for
# the same seed, a valid audit chain, refusals with their exit statuses.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

small="--people 300 --cases 100 --places 40 --networks 5 --licit 5 --activities 300"

for db in "$T/a.db" "$T/b.db"; do
  run "$PCMT_BIN" --db "$db" init
  expect_status 0
  run "$PCMT_BIN" --db "$db" units import
  expect_status 0
done

# Bad arguments: exit 2, nothing written.
run "$PCMT_BIN" --db "$T/a.db" gen --seed 1
expect_status 2
expect_err "--scale"
run "$PCMT_BIN" --db "$T/a.db" gen --scale province
expect_status 2
expect_err "--seed"
run "$PCMT_BIN" --db "$T/a.db" gen --scale national --province 10 --seed 1
expect_status 2
run "$PCMT_BIN" --db "$T/a.db" gen --scale province --province 1x --seed 1
expect_status 2
run "$PCMT_BIN" --db "$T/a.db" gen --scale province --from 2026 --to 2024 --seed 1
expect_status 2
run "$PCMT_BIN" --db "$T/a.db" gen --scale province --province 99 --seed 1 $small
expect_status 2
expect_err "99"

# Only an administrator generates: an officer is refused (5) and nothing is written.
run "$PCMT_BIN" --db "$T/a.db" user add cb.laocai --role officer --unit 15
expect_status 0
run "$PCMT_BIN" --db "$T/a.db" user add qt.quocgia --role admin
expect_status 0
run "$PCMT_BIN" --db "$T/a.db" gen --scale province --province 10 --seed 5 $small --as cb.laocai
expect_status 5
expect_err "quản trị"

# Lào Cai (old code 10), twice with the same seed and day; the first run by a named
# administrator, who is the actor of its audit row.
run "$PCMT_BIN" --db "$T/a.db" gen --scale province --province 10 --seed 5 --today 2026-11-23 $small --as qt.quocgia
expect_status 0
expect_out "people       300"
expect_out "activities   300"
first="$OUT"
run "$PCMT_BIN" --db "$T/b.db" gen --scale province --province 10 --seed 5 --today 2026-11-23 $small
expect_status 0
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$first" | sed 1d)" = "$(printf '%s\n' "$OUT" | sed 1d)" ] ||
  fail "two runs with the same seed differ"

run "$PCMT_BIN" --db "$T/a.db" audit verify
expect_status 0
run "$PCMT_BIN" --db "$T/a.db" audit log --limit 1 --json
expect_out '"action": "gen.run"'
expect_out '"actor": "qt.quocgia"'
run "$PCMT_BIN" --db "$T/a.db" person search "nguyen" --limit 5
expect_status 0

# 15 today is Lào Cai (old Lào Cai and Yên Bái): the run says which province it took and
# draws on both old provinces; --tree pre2025 takes old Yên Bái alone.
run "$PCMT_BIN" --db "$T/c.db" init
run "$PCMT_BIN" --db "$T/c.db" units import
run "$PCMT_BIN" --db "$T/c.db" gen --scale province --province 15 --seed 5 --today 2026-11-23 $small
expect_status 0
expect_out "Đơn vị: tỉnh Lào Cai (đơn vị hành chính từ 01/07/2025)"
expect_out "geography    2 old provinces"
run "$PCMT_BIN" --db "$T/c.db" indicators --unit 10 --period 2021 --json
expect_out '"unit_label": "tỉnh Lào Cai (đơn vị hành chính đến 30/06/2025)"'
run "$PCMT_BIN" --db "$T/d.db" init
run "$PCMT_BIN" --db "$T/d.db" units import
run "$PCMT_BIN" --db "$T/d.db" gen --scale province --province 15 --tree pre2025 --seed 5 $small
expect_status 0
expect_out "Đơn vị: tỉnh Yên Bái (đơn vị hành chính đến 30/06/2025)"
expect_out "geography    1 old provinces"

# A second run into the same database is refused (conflict: exit 4).
run "$PCMT_BIN" --db "$T/a.db" gen --scale province --province 10 --seed 6 $small
expect_status 4
expect_err "pcmt init"

finish
