#!/bin/sh
# t0620-ranking.sh: `pcmt ranking` through the real binary on the sample
# campaign plan of Lào Cai (004, old units). The districts' target "160 vụ"
# (thành phố Lào Cai 45, huyện Bảo Thắng 21, ...) is bound to the hand-entered
# indicator express_leads; the city enters 45 for September 2024.
# On 30/09/2024 (no report due yet): the city's one quota is achieved (45 of
# 45): 70 x 1 scaled alone to 100, rank 1; each other district's quota has no
# figure: 0, all rank 2.
# On 05/10/2024 the first report (due 03/10/2024) is owed by every district:
# the city 70 x 1 + 30 x 0 = 70, rank 1; Bảo Thắng, which submitted it on
# 02/10/2024, 70 x 0 + 30 x 1 = 30, rank 2; the others 0, rank 3.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/ranking.db"
plans="$PCMT_SOURCE_DIR/tests/fixtures/plans"

run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" user add cb.laocai --role officer --unit 15
expect_status 0
run "$PCMT_BIN" --db "$db" user add cb.baothang --role officer --unit 086 --tree pre2025
expect_status 0
run "$PCMT_BIN" --db "$db" plan import "$plans/004_91f2c84d0a0eb75f.txt" --as cb.laocai
expect_status 0
plan=$OUT
run "$PCMT_BIN" --db "$db" plan publish "$plan" --as cb.laocai
expect_status 0
run "$PCMT_BIN" --db "$db" plan bind "$plan" --propose --json --as cb.laocai
target=$(printf '%s\n' "$OUT" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["proposals"]:
    if p["text"].startswith("Các huyện, thị xã, thành phố 160 vụ"):
        print(p["target_id"])')
run "$PCMT_BIN" --db "$db" plan bind "$plan" "$target" express_leads --as cb.laocai
expect_status 0
run "$PCMT_BIN" --db "$db" indicators enter express_leads --unit 080 --tree pre2025 \
  --period 2024-09 --value 45 --as cb.laocai
expect_status 0

# $1: the JSON; $2: python asserting on `items` by name
check() {
  printf '%s\n' "$1" | python3 -c "
import json, sys
d = json.load(sys.stdin)
by = {i['name']: i for i in d['items'] if i['kind'] == 'unit'}
$2
" || fail "ranking: $2"
}

run "$PCMT_BIN" --db "$db" ranking "$plan" --at 30/09/2024 --json --as cb.laocai
expect_status 0
check "$OUT" "
c = by['thành phố Lào Cai']
assert c['rank'] == 1 and abs(c['score'] - 100) < 1e-9, c
b = by['huyện Bảo Thắng']
assert b['rank'] == 2 and b['score'] == 0 and b['quotas']['unmeasured'] == 1, b
assert len(by) == 9, by.keys()"

sched=$(sqlite3 "$db" "SELECT id FROM report_schedule WHERE plan_id = $plan AND due_on = '2024-10-03'")
run "$PCMT_BIN" --db "$db" report draft "$sched" --unit 086 --tree pre2025 --as cb.baothang
expect_status 0
report=$OUT
run "$PCMT_BIN" --db "$db" report submit "$report" --on 02/10/2024 --as cb.baothang
expect_status 0

run "$PCMT_BIN" --db "$db" ranking "$plan" --at 05/10/2024 --json --as cb.laocai
expect_status 0
check "$OUT" "
c = by['thành phố Lào Cai']
assert c['rank'] == 1 and abs(c['score'] - 70) < 1e-9, c
b = by['huyện Bảo Thắng']
assert b['rank'] == 2 and abs(b['score'] - 30) < 1e-9 and b['reports']['on_time'] == 1, b
s = by['thị xã Sa Pa']
assert s['rank'] == 3 and s['score'] == 0 and s['reports']['missing'] == 1, s"

run "$PCMT_BIN" --db "$db" ranking "$plan" --at 05/10/2024 --as cb.laocai
expect_status 0
expect_out "thành phố Lào Cai"
run "$PCMT_BIN" --db "$db" ranking 999 --as cb.laocai
expect_status 3
run "$PCMT_BIN" --db "$db" ranking --as cb.laocai
expect_status 2

finish
