#!/bin/sh
# t0110-agency.sh: `pcmt agency resolve` and `pcmt agency kinds` through the real binary.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/agency.db"

# Without --unit no database is needed.
run "$PCMT_BIN" --db "$T/none.db" agency resolve "Sở LĐTBXH" --json
expect_status 0
expect_out '"kind": "labour_social"'
expect_out '"level": "province"'
expect_out '"unit": null'

run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0

# In the plan of huyện Bình Sơn (pre2025 code 524), "Huyện Đoàn Bình Sơn" is the
# youth union of that district and "Công an tỉnh" the police of Quảng Ngãi (51).
run "$PCMT_BIN" --db "$db" agency resolve "Huyện Đoàn Bình Sơn" --unit 524 --at 05/03/2024 --json
expect_status 0
expect_out '"kind": "youth_union"'
expect_out '"code": "524"'
expect_out '"name": "huyện Bình Sơn"'
run "$PCMT_BIN" --db "$db" agency resolve "Công an tỉnh" --unit 524 --at 2024-03-05 --json
expect_status 0
expect_out '"code": "51"'

# A collective phrase is a group, not one agency.
run "$PCMT_BIN" --db "$db" agency resolve "UBND cấp xã" --unit 524 --at 2024-03-05 --json
expect_status 0
expect_out '"is_group": true'
expect_out '"level": "commune"'

# Text view in Vietnamese; not an agency is said so.
run "$PCMT_BIN" --db "$db" agency resolve "Báo cáo kết quả"
expect_status 0
expect_out "không phải tên cơ quan"

# Errors: unknown plan unit, missing text, bad date.
run "$PCMT_BIN" --db "$db" agency resolve "Công an huyện" --unit 99999 --at 2024-03-05
expect_status 3
run "$PCMT_BIN" --db "$db" agency resolve
expect_status 2
run "$PCMT_BIN" --db "$db" agency resolve "Công an huyện" --at 31/02/2024
expect_status 2
expect_err "không tồn tại"

run "$PCMT_BIN" agency kinds
expect_status 0
expect_out "steering_committee"
expect_out "Công an"
# the label column starts after 22 display columns on every row
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$OUT" | grep '^police ' | LC_ALL=C.UTF-8 sed 's/^.\{22\}//')" = "Công an" ] ||
  fail "kinds: police row: $(printf '%s\n' "$OUT" | grep '^police ')"
run "$PCMT_BIN" agency kinds --json
expect_status 0
expect_out '"kind": "police"'
expect_out '"label": "Công an"'
run "$PCMT_BIN" agency kinds --bad
expect_status 2

# Labels beside the codes; a user of the database resolves (an unknown one is refused).
run "$PCMT_BIN" --db "$db" agency resolve "Công an tỉnh" --unit 524 --at 2024-03-05 --json
expect_out '"level_label": "Cấp tỉnh"'
run "$PCMT_BIN" --db "$db" agency resolve "Công an tỉnh" --unit 524 --at 2024-03-05 --as nobody
expect_status 5
run "$PCMT_BIN" --db "$db" agency resolve "Công an tỉnh" --as admin
expect_status 2

finish
