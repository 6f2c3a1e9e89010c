#!/bin/sh
# t0900-demo.sh: `make demo`'s script on a fresh database — it must run through (the sample
# plans imported as drafts by the local administrator, one province generated) and run
# again over the same database without harm, as a person trying PCMT twice would.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/demo.db"
run sh "$PCMT_SOURCE_DIR/scripts/demo.sh" "$PCMT_BIN" "$db"
expect_status 0
expect_out "PCMT demo database ready: $db"

# the three sample plans of tests/fixtures/plans, stored as drafts, by admin
run "$PCMT_BIN" --db "$db" plan list --json
expect_status 0
n=$(printf '%s\n' "$OUT" | grep -c '"status": "draft"')
[ "$n" = 3 ] || fail "want 3 draft plans, got $n"
run "$PCMT_BIN" --db "$db" audit log --json
expect_status 0
n=$(printf '%s\n' "$OUT" | grep -c '"action": "plan.import"')
[ "$n" = 3 ] || fail "want 3 plan.import audit rows, got $n"
expect_out '"action": "gen.run"'

# the generated province is there: Lào Cai has people on its register
run "$PCMT_BIN" --db "$db" person search "a" --unit 15 --json
expect_status 0
expect_out '"id"'

# a second run keeps what is there (no second copy of the plans or the data)
run sh "$PCMT_SOURCE_DIR/scripts/demo.sh" "$PCMT_BIN" "$db"
expect_status 0
run "$PCMT_BIN" --db "$db" plan list --json
n=$(printf '%s\n' "$OUT" | grep -c '"status": "draft"')
[ "$n" = 3 ] || fail "a second run: want 3 draft plans, got $n"
finish
