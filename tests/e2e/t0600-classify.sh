#!/bin/sh
# t0600-classify.sh: `pcmt classify` through the real binary on a database
# with the official units and no register data: xã Bảo Thắng (02905) with
# 15.000 residents entered for 2025 has every figure 0 and is no complex
# area under Decision 28/2025 (no criterion can be met by 0); without its
# residents its ratio criteria are unknown and the class undetermined. In
# 2024 the rule of Decision 3122/2010 applies. Exit codes follow the error
# table (usage 2, denied 5).
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/classify.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" user add ld.laocai --role leader --unit 15
expect_status 0

run "$PCMT_BIN" --db "$db" classify --year 2025 --unit 02905
expect_status 0
expect_out "Quyết định số 28/2025/QĐ-TTg"
expect_out "Chưa xác định được (từ loại I)"

run "$PCMT_BIN" --db "$db" classify residents --unit 02905 --year 2025 --value 15000 --source "Công an xã Bảo Thắng, 31/12/2025"
expect_status 0
run "$PCMT_BIN" --db "$db" classify --year 2025 --unit 02905
expect_status 0
expect_out "15.000"
expect_out "Không thuộc địa bàn trọng điểm phức tạp"
run "$PCMT_BIN" --db "$db" classify --year 2025 --unit 02905 --json
expect_status 0
expect_out '"code": "qd28_2025"'
expect_out '"type": "0"'
expect_out '"residents": 15000'

run "$PCMT_BIN" --db "$db" classify --year 2024 --unit 086
expect_status 0
expect_out "Quyết định số 3122/2010/QĐ-BCA"

run "$PCMT_BIN" --db "$db" classify residents --unit 02905 --year 2025 --value 1 --source x --as ld.laocai
expect_status 5
run "$PCMT_BIN" --db "$db" classify --year 2009 --unit 02905
expect_status 2
run "$PCMT_BIN" --db "$db" classify --unit 02905
expect_status 2
expect_err "--year"
run "$PCMT_BIN" --db "$db" classify --year 2025 --value 3
expect_status 2

# the drug-free workflow: the commune submits, the province decides
run "$PCMT_BIN" --db "$db" user add cb.baothang --role officer --unit 02905
expect_status 0
run "$PCMT_BIN" --db "$db" user add cb.laocai --role officer --unit 15
expect_status 0
run "$PCMT_BIN" --db "$db" classify drug-free submit --unit 02905 --year 2025 --text "Không có người nghiện mới" --as cb.baothang
expect_status 0
run "$PCMT_BIN" --db "$db" classify drug-free recognise --unit 02905 --year 2025 --decision "QĐ 12" --as cb.baothang
expect_status 5
run "$PCMT_BIN" --db "$db" classify drug-free recognise --unit 02905 --year 2025 --decision "Quyết định số 12/QĐ-UBND ngày 20/12/2025" --as cb.laocai
expect_status 0
run "$PCMT_BIN" --db "$db" classify drug-free submit --unit 02905 --year 2025 --text "lại" --as cb.baothang
expect_status 4
run "$PCMT_BIN" --db "$db" classify roadmap --unit 15 --year 2025 --share 20 --source "Kế hoạch lộ trình" --as cb.laocai
expect_status 0
run "$PCMT_BIN" --db "$db" classify drug-free list --year 2025 --unit 15
expect_status 0
expect_out "Quyết định số 12/QĐ-UBND ngày 20/12/2025"
expect_err "99 xã: 1 được công nhận"
expect_err "chưa đạt"
run "$PCMT_BIN" --db "$db" classify drug-free list --year 2025 --unit 02905 --json
expect_out '"status": "recognised"'

finish
