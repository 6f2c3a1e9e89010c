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

# Lào Cai (old code 10), twice with the same seed and day.
run "$PCMT_BIN" --db "$T/a.db" gen --scale province --province 10 --seed 5 --today 2026-11-23 $small
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
run "$PCMT_BIN" --db "$T/a.db" person search "nguyen" --limit 5
expect_status 0

# A second run into the same database is refused (conflict: exit 4).
run "$PCMT_BIN" --db "$T/a.db" gen --scale province --province 10 --seed 6 $small
expect_status 4
expect_err "pcmt init"

finish
