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

# The comparison in text: the two periods as column headers, then the
# change. Leads: 5 (Q3/2024, entered above) against 2 (Q3/2023, entered
# here): +3, +150%; verified 4 against nothing: no change; a register
# figure 0 against 0: no percent ("—").
run "$PCMT_BIN" --db "$db" indicators enter express_leads --unit 16846 --tree pre2025 \
  --period 2023-Q3 --value 2
expect_status 0
run "$PCMT_BIN" --db "$db" indicators --unit 40 --period "Quý III/2024" --compare "cùng kỳ năm trước"
expect_status 0
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -qE '^Mã chỉ tiêu +Quý III/2024 +Quý III/2023 +Thay đổi +% ' ||
  fail "the comparison's headers are not the two periods"
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -qE '^express_leads +5 +2 +\+3 +\+150%  ' || fail "leads 5 against 2"
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -qE '^express_leads_verified +4 +- +- +-  ' || fail "verified 4 against none"
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -qE '^cases_detected +0 +0 +0 +—  ' || fail "0 against 0 has a percent"
run "$PCMT_BIN" --db "$db" indicators --unit 40 --period 2024-Q3 --compare last-year --json
expect_status 0
expect_out '"change": 3.0'
expect_out '"change_percent": 150.0'
expect_out '"how": "last-year"'

# The actor is a user of the database (--as LOGIN), never free text: an
# unknown login is refused; a leader reads the figures but may not enter one.
run "$PCMT_BIN" --db "$db" indicators enter express_leads --unit 16846 --tree pre2025 \
  --period 2024-Q3 --value 5 --as "Nguyễn Văn A"
expect_status 5
run "$PCMT_BIN" --db "$db" user add ld.nghean --role leader --unit 40 --tree pre2025
expect_status 0
run "$PCMT_BIN" --db "$db" indicators --unit 40 --period 2024-Q3 --as ld.nghean
expect_status 0
expect_out "Quý III/2024"
run "$PCMT_BIN" --db "$db" indicators enter express_leads --unit 16846 --tree pre2025 \
  --period 2024-Q3 --value 6 --as ld.nghean
expect_status 5
run "$PCMT_BIN" --db "$db" indicators enter express_leads --unit 16846 --tree pre2025 \
  --period 2024-Q3 --value 5 --agency "Hải quan" --json
expect_status 0
expect_out '"entered_by": "admin"'
expect_out '"agency_kind": "customs"'
run sqlite3 "$db" "SELECT action || ' ' || actor || ' ' || record_type FROM audit_log
  ORDER BY id DESC LIMIT 1"
CHECKS=$((CHECKS + 1))
[ "$OUT" = "indicator.enter admin indicator_value" ] || fail "audit row: $OUT"

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
