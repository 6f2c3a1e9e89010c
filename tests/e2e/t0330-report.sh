#!/bin/sh
# t0330-report.sh: `pcmt calendar` and `pcmt report` through the real binary
# on the sample district plan of Bình Sơn (000): "Quý I trước ngày 10/3" is
# owed by the 22 communes of the district and 7 member agencies (29), for
# the data period 15/12/2023 (Decree 09/2019, Art. 12) to 09/03/2024 (the
# day before the due date); the commune Bình Hải sees its 4 reports only;
# with 5 lead days the communes owe Q1 on 05/03/2024; a report drafted by
# the commune, submitted on 12/03/2024 (7 days after 05/03), returned with
# a comment, corrected and submitted again, accepted: 2 versions, first
# submission kept, 1 of 29 reported, 0 on time; exit codes: usage 2, not
# found 3, conflict 4, denied 5.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/report.db"
plans="$PCMT_SOURCE_DIR/tests/fixtures/plans"

run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" user add cb.binhson --role officer --unit 524 --tree pre2025
expect_status 0
run "$PCMT_BIN" --db "$db" user add cb.binhhai --role officer --unit 21067 --tree pre2025
expect_status 0
run "$PCMT_BIN" --db "$db" user add ld.binhson --role leader --unit 524 --tree pre2025
expect_status 0
run "$PCMT_BIN" --db "$db" plan import "$plans/000_eae0b25c37df13bf.txt" --as cb.binhson
expect_status 0
plan=$OUT

# a draft plan owes nothing
run "$PCMT_BIN" --db "$db" calendar --as cb.binhson
expect_status 0
[ -z "$OUT" ] || fail "a draft plan in the calendar"
run "$PCMT_BIN" --db "$db" plan publish "$plan" --as cb.binhson
expect_status 0

run "$PCMT_BIN" --db "$db" calendar --from 01/03/2024 --to 31/03/2024 --on 01/03/2024 \
  --as cb.binhson
expect_status 0
n=$(printf '%s\n' "$OUT" | grep -c '^10/03/2024 .*Quý I .*15/12/2023-09/03/2024\*')
[ "$n" = 29 ] || fail "want 29 owing Q1 from 15/12/2023 to 09/03/2024, got $n"
expect_out 'xã Bình Hải (21067)'
expect_out 'Ban Chỉ đạo 138 huyện'
expect_out 'đã gửi 0/29'
printf '%s\n' "$OUT" | grep -q '^10/03/2024 .* Công an ' && fail "the police owes itself a report"

run "$PCMT_BIN" --db "$db" calendar --json --on 01/03/2024 --as cb.binhhai
expect_status 0
n=$(printf '%s\n' "$OUT" | grep -c '"unit_code": "21067"')
[ "$n" = 4 ] || fail "want Bình Hải's 4 reports, got $n"
expect_out '"cutoff_source": "regime"'
sched=$(printf '%s\n' "$OUT" | awk -F': ' '/"schedule_id"/ {gsub(/,/, "", $2); print $2; exit}')

# lower levels first: 5 days
run "$PCMT_BIN" --db "$db" calendar set "$sched" --lead-days 5 --as cb.binhhai
expect_status 3
run "$PCMT_BIN" --db "$db" calendar set "$sched" --lead-days 5 --as cb.binhson
expect_status 0
run "$PCMT_BIN" --db "$db" calendar --unit 21067 --tree pre2025 --to 31/03/2024 --as cb.binhson
expect_status 0
expect_out '05/03/2024'

# the workflow
run "$PCMT_BIN" --db "$db" report draft "$sched" --unit 21067 --tree pre2025 --as cb.binhson
expect_status 5
run "$PCMT_BIN" --db "$db" report draft "$sched" --unit 21067 --tree pre2025 --as ld.binhson
expect_status 5
run "$PCMT_BIN" --db "$db" report draft "$sched" --unit 21067 --tree pre2025 --as cb.binhhai
expect_status 0
id=$OUT
run "$PCMT_BIN" --db "$db" report draft "$sched" --unit 21067 --tree pre2025 --as cb.binhhai
expect_status 4
run "$PCMT_BIN" --db "$db" report draft "$sched" --as cb.binhhai
expect_status 2
printf 'Tình hình trên địa bàn xã ổn định.\n' >"$T/situation.txt"
run "$PCMT_BIN" --db "$db" report edit "$id" --situation-file "$T/situation.txt" \
  --results "Rà soát 12 đối tượng." --as cb.binhhai
expect_status 0
run "$PCMT_BIN" --db "$db" report submit "$id" --on 12/03/2024 --as cb.binhhai
expect_status 0
run "$PCMT_BIN" --db "$db" report edit "$id" --results "x" --as cb.binhhai
expect_status 4
run "$PCMT_BIN" --db "$db" report accept "$id" --as cb.binhhai
expect_status 5
run "$PCMT_BIN" --db "$db" report return "$id" --as cb.binhson
expect_status 2
run "$PCMT_BIN" --db "$db" report return "$id" --comment "Bổ sung kết quả cai nghiện." \
  --on 13/03/2024 --as cb.binhson
expect_status 0
run "$PCMT_BIN" --db "$db" report edit "$id" --proposals "Đề nghị hỗ trợ kinh phí." --as cb.binhhai
expect_status 0
run "$PCMT_BIN" --db "$db" report submit "$id" --on 14/03/2024 --as cb.binhhai
expect_status 0
run "$PCMT_BIN" --db "$db" report accept "$id" --on 15/03/2024 --as cb.binhson
expect_status 0
run "$PCMT_BIN" --db "$db" report show "$id" --json --on 20/03/2024 --as cb.binhson
expect_status 0
expect_out '"status": "accepted"'
expect_out '"version": 2'
expect_out '"first_submitted_on": "2024-03-12"'
expect_out '"days_late": 7'
expect_out '"comment": "Bổ sung kết quả cai nghiện."'
expect_out '"situation": "Tình hình trên địa bàn xã ổn định.'
expect_out '"targets_note": null'
expect_out '"status": "unbound"'
n=$(printf '%s\n' "$OUT" | grep -c '"submitted_on": "2024-03-1[24]"')
[ "$n" = 2 ] || fail "want both versions kept with their dates, got $n"
run "$PCMT_BIN" --db "$db" report list --on 20/03/2024 --as cb.binhson
expect_status 0
expect_out 'Đã tiếp nhận, trễ 7 ngày'
expect_out 'Quý I, hạn 10/03/2024: đã gửi 1/29 (3,4 %), đúng hạn 0/29 (0 %)'
run "$PCMT_BIN" --db "$db" report show 999 --as cb.binhson
expect_status 3
run "$PCMT_BIN" --db "$db" audit log --json
expect_status 0
for a in report.draft report.edit report.submit report.return report.accept calendar.cutoff; do
  expect_out "\"action\": \"$a\""
done
run "$PCMT_BIN" --db "$db" audit verify
expect_status 0

finish
