#!/bin/sh
# t0310-task.sh: `pcmt task` through the real binary on the sample campaign
# plan of Lào Cai (004): publishing hands each task to its assignees; the
# task "Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh và các đơn vị
# có liên quan ... (hoàn thành trước ngày 30/8/2024)" has one lead and two
# coordinators, all in time on 30/08/2024 and one day overdue on 31/08/2024
# (32 days on 01/10/2024: 1 in August, 30 in September, 1 in October); an
# update records a note and a file ("Biên bản hội nghị quán triệt\n": 39
# bytes, 23 letters of which 2 take two bytes and 4 three, 5 spaces, a
# newline); the exit codes follow the error table (usage 2, not found 3,
# conflict 4, denied 5).
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/task.db"
plans="$PCMT_SOURCE_DIR/tests/fixtures/plans"

run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" user add cb.laocai --role officer --unit 15
expect_status 0
run "$PCMT_BIN" --db "$db" user add ld.laocai --role leader --unit 15
expect_status 0
run "$PCMT_BIN" --db "$db" user add cb.hanoi --role officer --unit 01
expect_status 0
run "$PCMT_BIN" --db "$db" plan import "$plans/004_91f2c84d0a0eb75f.txt" --as cb.laocai
expect_status 0
plan=$OUT

# a draft has no assignees
run "$PCMT_BIN" --db "$db" task list --plan "$plan" --as cb.laocai
expect_status 0
[ -z "$OUT" ] || fail "a draft listed assignees"
run "$PCMT_BIN" --db "$db" plan publish "$plan" --as cb.laocai
expect_status 0

# in time on the deadline's day, overdue from the day after
run "$PCMT_BIN" --db "$db" task list --on 30/08/2024 --as ld.laocai
expect_status 0
task=$(printf '%s\n' "$OUT" |
  awk '/Công an tỉnh/ && /Chủ trì/ && /phối hợp với Văn phòng UBND tỉnh và các đơn vị/ {print $2; exit}')
[ -n "$task" ] || fail "no task of the provincial police with the provincial office"
rows() { printf '%s\n' "$OUT" | awk -v t="$task" -v s="$1" '$2 == t && index($0, s) {n++} END {print n + 0}'; }
[ "$(rows '30/08/2024')" = 3 ] || fail "want the task's 3 assignees due 30/08/2024, got $(rows '30/08/2024')"
[ "$(rows 'Quá hạn')" = 0 ] || fail "overdue on the deadline's own day"
run "$PCMT_BIN" --db "$db" task list --overdue --on 31/08/2024 --as ld.laocai
expect_status 0
expect_err 'Trạng thái tính đến ngày 31/08/2024'
[ "$(rows 'Quá hạn 1 ngày')" = 3 ] || fail "want 3 assignees overdue by 1 day, got $(rows 'Quá hạn 1 ngày')"
expect_out 'Văn phòng UBND tỉnh'
run "$PCMT_BIN" --db "$db" task list --agency "Công an" --on 01/10/2024 --json --as ld.laocai
expect_status 0
expect_out '"today": "2024-10-01"'
expect_out '"deadline": "2024-08-30"'
expect_out '"overdue_days": 32'
expect_out '"state_label": "Quá hạn"'
printf '%s\n' "$OUT" | grep -q '"agency_kind": "health"' && fail "--agency police listed another kind"

# an update: status, a dated note, a file kept with its size
printf 'Biên bản hội nghị quán triệt\n' > "$T/bien-ban.txt"
run "$PCMT_BIN" --db "$db" task update "$task" --agency police --status in_progress \
  --note "Đã tham mưu dự thảo kế hoạch hội nghị" --file "$T/bien-ban.txt" --on 15/08/2024 \
  --as cb.laocai
expect_status 0
assignee=$OUT
run "$PCMT_BIN" --db "$db" task list --plan "$plan" --json --as cb.laocai
expect_out '"last_note_on": "2024-08-15"'
expect_out '"last_note": "Đã tham mưu dự thảo kế hoạch hội nghị"'
expect_out '"evidence": 1'
expect_out '"status_label": "Đang thực hiện"'
run "$PCMT_BIN" --db "$db" audit log --limit 1
expect_out 'task.update'
expect_out 'bien-ban.txt (39 byte'
# done before the deadline: the lead is no longer overdue, its coordinators are
run "$PCMT_BIN" --db "$db" task update "$task" --agency "$assignee" --status "Đã hoàn thành" \
  --note "Đã tổ chức hội nghị" --on 29/08/2024 --as cb.laocai
expect_status 0
run "$PCMT_BIN" --db "$db" task list --overdue --on 31/08/2024 --as cb.laocai
[ "$(rows 'Quá hạn 1 ngày')" = 2 ] || fail "want 2 coordinators overdue after the lead's done"
[ "$(rows 'Chủ trì')" = 0 ] || fail "the lead is still listed overdue"

# refusals: a status that is only read, a missing note, a file over 10 MiB,
# another territory, a leader, a closed plan
run "$PCMT_BIN" --db "$db" task update "$task" --agency police --status overdue --note x \
  --as cb.laocai
expect_status 2
expect_err 'không ghi được'
run "$PCMT_BIN" --db "$db" task update "$task" --agency police --status done --as cb.laocai
expect_status 2
truncate -s 10485761 "$T/big.pdf"
run "$PCMT_BIN" --db "$db" task update "$task" --agency police --status done --note x \
  --file "$T/big.pdf" --as cb.laocai
expect_status 2
expect_err '10485761 byte'
run "$PCMT_BIN" --db "$db" task update "$task" --agency police --status done --note x \
  --as cb.hanoi
expect_status 3
run "$PCMT_BIN" --db "$db" task list --as cb.hanoi
expect_status 0
[ -z "$OUT" ] || fail "Hà Nội's officer sees Lào Cai's tasks"
run "$PCMT_BIN" --db "$db" task update "$task" --agency police --status done --note x \
  --as ld.laocai
expect_status 5
run "$PCMT_BIN" --db "$db" plan close "$plan" --as cb.laocai
expect_status 0
run "$PCMT_BIN" --db "$db" task update "$task" --agency police --status done --note x \
  --as cb.laocai
expect_status 4
run "$PCMT_BIN" --db "$db" task frobnicate
expect_status 2
run "$PCMT_BIN" --db "$db" audit verify
expect_status 0

finish
