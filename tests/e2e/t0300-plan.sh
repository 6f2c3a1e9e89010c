#!/bin/sh
# t0300-plan.sh: `pcmt plan` through the real binary: read a sample plan to the
# contract's JSON without a database, import it as a draft (once, unless
# --again), check it, edit it, publish it, see the history, close it; bad
# files give clear errors; a plan is seen only inside its territory and
# changed only by an administrator or an officer; the exit codes follow the
# error table (usage 2, not found 3, conflict 4, denied 5).
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
run "$PCMT_BIN" --db "$db" units import
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
# the same document again: refused unless --again
run "$PCMT_BIN" --db "$db" plan import "$plans/000_eae0b25c37df13bf.txt" --as cbtt
expect_status 4
expect_err 'đã được nhập (kế hoạch số 1)'
expect_err '--again'
run "$PCMT_BIN" --db "$db" plan list
expect_out 'Dự thảo'
expect_out 'huyện Bình Sơn'
printf '%s\n' "$OUT" | grep -q '^2 ' && fail "a refused import was stored"
# a plan with a number: its number and issuer decide
cat > "$T/lc.txt" <<'PLAN'
ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 07/KH-UBND
Lào Cai, ngày 05 tháng 3 năm 2026
KẾ HOẠCH
Phòng, chống ma túy năm 2026
II. NHIỆM VỤ
- Tổ chức tuyên truyền tại các trường học trên địa bàn tỉnh (Sở Giáo dục và Đào tạo chủ trì, hoàn thành trước 30/6/2026).
PLAN
run "$PCMT_BIN" --db "$db" plan import "$T/lc.txt"
expect_status 0
[ "$OUT" = 2 ] || fail "import printed '$OUT', want the id 2"
expect_err 'Đơn vị: tỉnh Lào Cai (đơn vị hành chính từ 01/07/2025)'
printf '%s\n' 'Bản sao có sửa chữa.' >> "$T/lc.txt"
run "$PCMT_BIN" --db "$db" plan import "$T/lc.txt"
expect_status 4
expect_err 'kế hoạch số 07/KH-UBND của ỦY BAN NHÂN DÂN TỈNH LÀO CAI đã có (kế hoạch số 2)'
run "$PCMT_BIN" --db "$db" plan import "$T/lc.txt" --again
expect_status 0
[ "$OUT" = 3 ] || fail "import --again printed '$OUT', want the id 3"
# the territory: Hà Nội's officer sees neither Bình Sơn's plan nor Lào Cai's
run "$PCMT_BIN" --db "$db" user add cb.hanoi --role officer --unit 01
expect_status 0
run "$PCMT_BIN" --db "$db" user add ld.laocai --role leader --unit 15
expect_status 0
run "$PCMT_BIN" --db "$db" plan list --as cb.hanoi
expect_status 0
[ -z "$OUT" ] || fail "Hà Nội's officer lists plans of other territories: $OUT"
run "$PCMT_BIN" --db "$db" plan show 2 --as cb.hanoi
expect_status 3
expect_err 'không có kế hoạch số hiệu 2'
run "$PCMT_BIN" --db "$db" plan import "$T/lc.txt" --again --as cb.hanoi
expect_status 5
expect_err 'nằm ngoài địa bàn'
# Lào Cai's leader reads its plans, and changes none
run "$PCMT_BIN" --db "$db" plan list --as ld.laocai
expect_status 0
expect_out 'tỉnh Lào Cai'
printf '%s\n' "$OUT" | grep -q 'Bình Sơn' && fail "Lào Cai's leader lists Bình Sơn's plan"
run "$PCMT_BIN" --db "$db" plan publish 2 --as ld.laocai
expect_status 5
expect_err 'chỉ được xem kế hoạch'
# a misuse is 2, never the status of "not found"
run "$PCMT_BIN" --db "$db" plan show
expect_status 2
run "$PCMT_BIN" --db "$db" plan show x1
expect_status 2
run "$PCMT_BIN" --db "$db" plan frobnicate 1
expect_status 2
run "$PCMT_BIN" --db "$db" plan show 1 --reason x
expect_status 2
run "$PCMT_BIN" --db "$db" plan set 1 task due_on 30/06/2024
expect_status 2
expect_err 'task:12'
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
expect_err '28 nhiệm vụ: '
# the summary adds up: the tasks that pass and those with defects are all the tasks,
# and the defects counted are the defects printed
sum=$(printf '%s\n' "$ERR" | sed -n 's/^\([0-9]*\) nhiệm vụ: \([0-9]*\) đạt 4 rõ, \([0-9]*\) có thiếu sót (\([0-9]*\) thiếu sót)$/\1 \2 \3 \4/p')
defects=$(printf '%s\n' "$OUT" | grep -c '^\[')
set -- $sum
if [ $# = 4 ]; then
  [ $(($2 + $3)) = "$1" ] || fail "the summary does not add up: $sum"
  [ "$4" = "$defects" ] || fail "$defects defects printed, the summary says $4"
  [ "$4" -ge "$3" ] || fail "fewer defects than tasks with defects: $sum"
else
  fail "no line 'N nhiệm vụ: A đạt 4 rõ, B có thiếu sót (C thiếu sót)': $ERR"
fi
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
run "$PCMT_BIN" --db "$db" plan set 1 task:1 due_on 30/06/2024 --reason "họp ngày 15/5" --as cbtt
expect_status 0
run "$PCMT_BIN" --db "$db" plan history 1
expect_out 'task[1].due_on: (trống) -> 30/06/2024  lý do: họp ngày 15/5'
expect_out 'cbtt'
run "$PCMT_BIN" --db "$db" plan history 1 --json
expect_out '"new_value": "2024-06-30"'
expect_out '"changed_by": "cbtt"'
run "$PCMT_BIN" --db "$db" plan check 1
printf '%s\n' "$OUT" | grep -qF '[1] II.1 — rõ người' && fail "the lead set by hand was not used"
run "$PCMT_BIN" --db "$db" plan close 1
expect_status 0
run "$PCMT_BIN" --db "$db" plan set 1 plan title "X"
expect_status 4
expect_err 'đã kết thúc'
run "$PCMT_BIN" --db "$db" plan show 42
expect_status 3
# every change is in the audit trail, by its user
run "$PCMT_BIN" --db "$db" audit log
expect_out 'plan.import'
expect_out 'plan.publish'
expect_out 'plan.close'
expect_out 'truongban'
finish
