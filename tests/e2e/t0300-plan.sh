#!/bin/sh
# t0300-plan.sh: `pcmt plan` through the real binary: read a sample plan to the
# contract's JSON without a database, import it as a draft, check it, edit it,
# publish it, see the history, close it; bad files give clear errors.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/plan.db"
plans="$PCMT_SOURCE_DIR/tests/fixtures/plans"

# read: no database, the contract's keys, ISO dates
run "$PCMT_BIN" --db "$T/none.db" plan read "$plans/004_91f2c84d0a0eb75f.txt"
expect_status 0
expect_out '"kind": "campaign"'
expect_out '"name": "Giai đoạn 1"'
expect_out '"start": "2024-09-01"'
expect_out '"assignee": "thành phố Lào Cai"'
expect_out '"due_on": "2024-10-03"'
expect_out '"four_clear": {'
[ -e "$T/none.db" ] && fail "plan read created a database"

# bad input: a clear Vietnamese message and a non-zero status
printf 'x' > "$T/empty.docx"
run "$PCMT_BIN" plan read "$T/empty.docx"
expect_status 2
expect_err 'không phải .docx hợp lệ'
: > "$T/empty.txt"
run "$PCMT_BIN" plan read "$T/empty.txt"
expect_status 2
expect_err 'rỗng'
printf 'K\303(' > "$T/bad.txt"
run "$PCMT_BIN" plan read "$T/bad.txt"
expect_status 2
expect_err 'UTF-8'
printf '%%PDF-1.4\n' > "$T/plan.pdf"
run env PATH=/nonexistent "$PCMT_BIN" plan read "$T/plan.pdf"
expect_status 2
expect_err 'pdftotext (gói poppler-utils)'
if command -v pdftotext >/dev/null 2>&1; then
  run "$PCMT_BIN" plan read "$T/plan.pdf"
  expect_status 2
  expect_err 'pdftotext không đọc được'
fi
# a file that reads but holds no plan: ordinary prose, a .docx of a letter
printf 'Hôm nay, ngày 12/3/2025, Công an huyện tổ chức buổi gặp mặt các gia đình.\nKế hoạch đi dã ngoại của lớp bị hoãn vì trời mưa.\n' > "$T/prose.txt"
run "$PCMT_BIN" plan read "$T/prose.txt"
expect_status 2
expect_err 'không chứa kế hoạch'
[ -z "$OUT" ] || fail "plan read printed a plan for prose"
if command -v zip >/dev/null 2>&1; then
  mkdir -p "$T/letter/word"
  printf '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Kính gửi anh chị, cuộc họp lớp sẽ vào ngày 20/4.</w:t></w:r></w:p></w:body></w:document>' > "$T/letter/word/document.xml"
  (cd "$T/letter" && zip -q -r ../letter.docx word)
  run "$PCMT_BIN" plan read "$T/letter.docx"
  expect_status 2
  expect_err 'không chứa kế hoạch'
fi
run "$PCMT_BIN" plan read "$T/missing.txt"
expect_status 6
expect_err 'không mở được tệp'

run "$PCMT_BIN" --db "$db" init
expect_status 0
# every action is done by a user of the database: an unknown one is refused
run "$PCMT_BIN" --db "$db" plan import "$plans/000_eae0b25c37df13bf.txt" --as cbtt
expect_status 5
expect_err 'không phải người dùng'
run "$PCMT_BIN" --db "$db" user add cbtt --role officer --name "Cán bộ thường trực"
expect_status 0
run "$PCMT_BIN" --db "$db" user add truongban --role officer
expect_status 0
# a file without a plan is not stored (the next import still gets id 1)
run "$PCMT_BIN" --db "$db" plan import "$T/prose.txt" --as cbtt
expect_status 2
expect_err 'không chứa kế hoạch'
run "$PCMT_BIN" --db "$db" plan import "$plans/000_eae0b25c37df13bf.txt" --as cbtt
expect_status 0
[ "$OUT" = 1 ] || fail "import printed '$OUT', want the id 1"
expect_err '28 nhiệm vụ'
run "$PCMT_BIN" --db "$db" plan list
expect_out 'draft'
run "$PCMT_BIN" --db "$db" plan show 1 --json
expect_status 0
expect_out '"id": 1'
expect_out '"status": "draft"'
expect_out '"title": "Thực hiện công tác phòng, chống ma túy năm 2024"'
run "$PCMT_BIN" --db "$db" plan show 1
expect_out 'từ 01/01/2024 đến 31/12/2024'
expect_out 'Quý I: trước 10/03/2024 gửi Ban Chỉ đạo 138 huyện'

# the four-clear check names the task without a lead and the collective leads
run "$PCMT_BIN" --db "$db" plan check 1
expect_status 0
expect_out 'II.1 — rõ người: không nêu cơ quan chủ trì'
expect_out 'rõ trách nhiệm'
expect_err '28 nhiệm vụ'
# "rõ thời gian" is the task's own time: "Tăng cường công tác kiểm tra, giám sát ..." (task 4)
# states none, and the plan's year does not stand in for it; "Thường xuyên kiểm tra các cơ sở
# kinh doanh ..." (task 19) states its cadence
expect_out '[4] II.1 — rõ thời gian: không nêu thời hạn'
printf '%s\n' "$OUT" | grep -qF '[19] II.4 — rõ thời gian' && fail "task 19 is done regularly"
run "$PCMT_BIN" --db "$db" plan check 1 --json
expect_out '"kind": "who"'

# edits: a draft freely; dates in Vietnamese form; bad values refused
run "$PCMT_BIN" --db "$db" plan set 1 plan number "07/KH-BCĐ"
expect_status 0
run "$PCMT_BIN" --db "$db" plan set 1 task:1 due_on 31/02/2024
expect_status 2
expect_err 'không tồn tại trong lịch'
run "$PCMT_BIN" --db "$db" plan set 1 task:1 cadence sometimes
expect_status 2
run "$PCMT_BIN" --db "$db" plan lead 1 1 "Công an huyện"
expect_status 0
run "$PCMT_BIN" --db "$db" plan history 1
expect_err 'chưa có thay đổi'
run "$PCMT_BIN" --db "$db" plan publish 1 --as truongban
expect_status 0
run "$PCMT_BIN" --db "$db" plan publish 1
expect_status 4
run "$PCMT_BIN" --db "$db" plan set 1 task:1 due_on 30/06/2024 --reason "họp ngày 15/5"
expect_status 0
run "$PCMT_BIN" --db "$db" plan history 1
expect_out 'task[1].due_on: (trống) -> 2024-06-30  lý do: họp ngày 15/5'
run "$PCMT_BIN" --db "$db" plan check 1
printf '%s\n' "$OUT" | grep -qF '[1] II.1 — rõ người' && fail "the lead set by hand was not used"
run "$PCMT_BIN" --db "$db" plan close 1
expect_status 0
run "$PCMT_BIN" --db "$db" plan set 1 plan title "X"
expect_status 4
expect_err 'đã kết thúc'
run "$PCMT_BIN" --db "$db" plan show 42
expect_status 3
finish
