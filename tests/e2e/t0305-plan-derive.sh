#!/bin/sh
# t0305-plan-derive.sh: `pcmt plan derive` through the real binary on the
# sample campaign plan of Lào Cai (004, old units): Bảo Thắng district's
# draft takes the four quotas the plan gives it (worked out by hand in
# test_app_cascade.c: 20, 5, 22 and 21), lists its parent, and moves the
# report due on 03/10/2024 five days earlier, to 28/09/2024, or as many days
# as asked; a draft parent, a unit outside the plan and a bad number of days
# are refused with the error table's exit codes (usage 2, conflict 4).
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/derive.db"
plans="$PCMT_SOURCE_DIR/tests/fixtures/plans"

run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" plan import "$plans/004_91f2c84d0a0eb75f.txt"
expect_status 0
plan=$OUT

# a draft is not derived from
run "$PCMT_BIN" --db "$db" plan derive "$plan" --unit 086
expect_status 4
expect_err "chưa ban hành"
run "$PCMT_BIN" --db "$db" plan publish "$plan"
expect_status 0

run "$PCMT_BIN" --db "$db" plan derive "$plan" --unit 086
expect_status 0
draft=$OUT
expect_err "huyện Bảo Thắng"
expect_err "4 chỉ tiêu được giao"
run "$PCMT_BIN" --db "$db" plan show "$draft"
expect_status 0
expect_out "huyện Bảo Thắng"
expect_out "Thực hiện kế hoạch cấp trên số hiệu $plan"
expect_out "28/09/2024"
run "$PCMT_BIN" --db "$db" plan show "$draft" --json
expect_out "\"parent_id\": $plan"

run "$PCMT_BIN" --db "$db" plan derive "$plan" --unit 086 --days-earlier 10
expect_status 0
run "$PCMT_BIN" --db "$db" plan show "$OUT"
expect_out "23/09/2024"

# the province's status shows its two lower drafts beside its own targets
run "$PCMT_BIN" --db "$db" plan status "$plan" --lower
expect_status 0
expect_out "Kế hoạch cấp dưới thực hiện kế hoạch này: 2"
expect_out "huyện Bảo Thắng"
run "$PCMT_BIN" --db "$db" plan status "$plan" --lower --json
expect_out '"lower_plans"'

# the province itself and a unit of another province are not below the plan
run "$PCMT_BIN" --db "$db" plan derive "$plan" --unit 10
expect_status 2
run "$PCMT_BIN" --db "$db" plan derive "$plan" --unit 001
expect_status 2
expect_err "không thuộc địa bàn"
run "$PCMT_BIN" --db "$db" plan derive "$plan" --unit 086 --days-earlier 91
expect_status 2
run "$PCMT_BIN" --db "$db" plan derive "$plan"
expect_status 2
expect_err "--unit"

finish
