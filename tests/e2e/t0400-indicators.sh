#!/bin/sh
# t0400-indicators.sh: `pcmt indicators` list / enter / show through the real binary.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/ind.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0

run "$PCMT_BIN" --db "$db" indicators list --json
expect_status 0
expect_out '"code": "cases_resolved_ratio"'
expect_out '"denominator": "cases_prosecuted"'
expect_out '"source": "register"'

# Aggregate values entered on an old commune (16846, Nghệ An) show on today's
# commune that took it over (16855) and on the province (40).
run "$PCMT_BIN" --db "$db" indicators enter express_leads --unit 16846 --tree pre2025 \
  --period "Quý III/2024" --value 5 --agency customs --source "báo cáo quý III"
expect_status 0
expect_out "Quý III/2024"
run "$PCMT_BIN" --db "$db" indicators enter express_leads_verified --unit 16846 --tree pre2025 \
  --period 2024-Q3 --value 4
expect_status 0
run "$PCMT_BIN" --db "$db" indicators --unit 16855 --period 2024-Q3 --json
expect_status 0
expect_out '"unit_name": "xã Chiêu Lưu"'
run "$PCMT_BIN" --db "$db" indicators --unit 40 --period 2024-Q3 --compare last-year --json
expect_status 0
expect_out '"value": 80.0'
expect_out '"numerator": 4.0'
expect_out '"name": "Quý III/2023"'

# Cases, places, activities and licit entities are computed from their
# registers: entering one is refused, and with empty registers they are 0
# (not the entered values, not unknown).
run "$PCMT_BIN" --db "$db" indicators enter cases_detected --unit 16846 --tree pre2025 \
  --period 2024-Q3 --value 5 --agency police
expect_status 2
expect_err "không nhập tay"
run "$PCMT_BIN" --db "$db" indicators enter hotspots_active --unit 16846 --tree pre2025 \
  --period 2024-Q3 --value 5
expect_status 2
expect_err "không nhập tay"
run "$PCMT_BIN" --db "$db" indicators --unit 40 --period 2024-Q3
expect_status 0
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -qE '^cases_detected +0  ' || fail "cases_detected is not 0"
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -qE '^cases_resolved_ratio +-  ' || fail "cases_resolved_ratio has a value"
run "$PCMT_BIN" --db "$db" indicators --unit 40 --period 2024-Q3 --by agency --json
expect_status 0
expect_out '"group": "customs"'
run "$PCMT_BIN" --db "$db" indicators --unit 40 --period 2024-Q3 --by substance
expect_status 0

# A register-backed indicator cannot be typed; bad input is refused clearly.
run "$PCMT_BIN" --db "$db" indicators enter addicts_registered --unit 16846 --tree pre2025 \
  --period 2024-Q3 --value 3
expect_status 2
expect_err "không nhập tay"
run "$PCMT_BIN" --db "$db" indicators --unit 40 --period 2024-Q3 --by colour
expect_status 2
run "$PCMT_BIN" --db "$db" indicators --unit 40 --period 2024-Q5
expect_status 2
run "$PCMT_BIN" --db "$db" indicators --unit 99999 --period 2024-Q3
expect_status 3

# `pcmt init` on a database whose territories are stale (as after an upgrade)
# rebuilds them and the commune map, rather than leaving it to a request.
run sqlite3 "$db" "DELETE FROM unit_commune; DELETE FROM unit_scope_state"
expect_status 0
run "$PCMT_BIN" --db "$db" init
expect_status 0
expect_out "schema already at version"
run sqlite3 "$db" "SELECT (SELECT count(*) FROM unit_scope_state) || ' ' ||
  (SELECT count(DISTINCT commune_id) > 3000 FROM unit_commune)"
expect_status 0
CHECKS=$((CHECKS + 1))
[ "$OUT" = "1 1" ] || fail "territories not rebuilt by init: $OUT"

finish
