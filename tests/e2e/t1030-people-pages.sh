#!/bin/sh
# t1030-people-pages.sh: the people register's pages on the real server over
# a generated province — a search without diacritics finding a name with
# them; the purpose of access asked once per session and written into the
# read's audit row; people of another commune, another old district and
# another province answered 404 with the body of a missing id; a leader
# refused the search; an administrator (no need for health data) shown none
# of a person's health values while an officer sees them; the add form
# keeping the values typed and naming the wrong date; CSRF required.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

command -v oathtool >/dev/null || { echo "SKIP: oathtool not installed"; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 not installed"; exit 77; }
db="$T/web.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" gen --scale province --province 15 --seed 5 --people 300 --cases 20 \
  --places 10 --networks 2 --licit 2 --activities 20
expect_status 0

# The people the checks need, made by the local administrator. 03006 (phường Sa
# Pa) is the users' commune; 03013 lay in the same old district (088), 02671 in
# another (080, Lào Cai city), 00004 is in Hà Nội.
P() { run "$PCMT_BIN" --db "$db" person "$@"; }
P add --name "Nguyễn Thị Hằng" --dob 04/03/1990 --sex nữ --unit 03006
expect_status 0
id_a=$OUT
P event "$id_a" classified --date 05/01/2024 --value user
expect_status 0
P event "$id_a" determination --date 01/03/2024 --value addict --facility "Trung tâm Y tế thị xã Sa Pa"
expect_status 0
P event "$id_a" ost_start --date 01/04/2024 --value buprenorphine --facility "Cơ sở điều trị Tả Phìn"
expect_status 0
P add --name "Lù Văn Sáng" --dob 01/01/1991 --sex nam --unit 03013
id_district=$OUT
P add --name "Vàng A Dơ" --dob 02/02/1992 --sex nam --unit 02671
id_other_district=$OUT
P add --name "Đỗ Văn Hà" --dob 03/03/1993 --sex nam --unit 00004
id_province=$OUT
CHECKS=$((CHECKS + 1))
[ -n "$id_district" ] && [ -n "$id_other_district" ] && [ -n "$id_province" ] ||
  fail "the people outside the commune were not created"

pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
for u in "cb.sapa officer" "ld.sapa leader" "qt.sapa admin"; do
  set -- $u
  run sh -c "'$PCMT_BIN' --db '$db' user add $1 --role $2 --unit 03006 <'$T/pw'"
  expect_status 0
done

. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
web_serve
q() { sqlite3 "$db" "$1"; }
qr() { sqlite3 "$db.reads" "$1"; } # the reads' audit rows (person.read, searches)

# --- search: no diacritics typed, the name with them found ---------------------------
signin cb.sapa
check "officer sign-in" "$(status_of "$T/h")" 303
get "/nguoi?q=nguyen+thi+hang"
check "search status" "$(status_of "$T/h")" 200
has "search" "<a href=\"/nguoi/$id_a\">Nguyễn Thị Hằng</a>"
has "search: year of birth" '<td class="num">1990</td>'
get "/nguoi?q=NGUYEN+THI+HANG"
has "search in capitals" "<a href=\"/nguoi/$id_a\">Nguyễn Thị Hằng</a>"
# the territory is the store's: a name of another commune is not found
get "/nguoi?q=vang+a+do"
lacks "search outside the commune" "Vàng A Dơ"
# invalid UTF-8 signed in: a search refused with 400
get "/nguoi?q=%FF%FE"
check "search with invalid UTF-8" "$(status_of "$T/h")" 400

# --- purpose: asked once per session, into the audit row ------------------------------
get "/nguoi/$id_a"
check "first opening" "$(status_of "$T/h")" 200
has "purpose form" 'action="/muc-dich"'
lacks "purpose form before the record" "Trung tâm Y tế thị xã Sa Pa"
check "no read before the purpose" \
  "$(qr "SELECT count(*) FROM audit_log WHERE action = 'person.read' AND actor = 'cb.sapa'")" 0
csrf_of_page
post /muc-dich --data-urlencode "tiep=/nguoi/$id_a"
check "no purpose chosen" "$(status_of "$T/h")" 400
has "no purpose chosen: message" "Hãy chọn mục đích truy cập hồ sơ."
post /muc-dich --data-urlencode "muc-dich=report" --data-urlencode "tiep=/nguoi/$id_a"
check "purpose stored" "$(status_of "$T/h"):$(hdr "$T/h" Location)" "303:/nguoi/$id_a"
get "/nguoi/$id_a"
check "record" "$(status_of "$T/h")" 200
has "record: name" "<h1>Nguyễn Thị Hằng</h1>"
has "record: date of birth dd/mm/yyyy" "04/03/1990"
# an officer needs and sees the health values (the control of the administrator's check)
has "officer sees the determination" "Trung tâm Y tế thị xã Sa Pa"
has "officer sees the treatment" "Cơ sở điều trị Tả Phìn"
get "/nguoi/$id_a"
lacks "asked once" 'action="/muc-dich"'
check "reads with the purpose" "$(qr "SELECT count(*) || ':' || group_concat(DISTINCT purpose) FROM audit_log \
  WHERE action = 'person.read' AND actor = 'cb.sapa' AND record_id = $id_a")" "2:Lập báo cáo"
# a new session asks again; a purpose written by hand
signin cb.sapa
get "/nguoi/$id_a"
has "a new session asks again" 'action="/muc-dich"'
csrf_of_page
post /muc-dich --data-urlencode "muc-dich=other" --data-urlencode "muc-dich-khac=xác minh đơn tố giác" \
  --data-urlencode "tiep=/nguoi/$id_a"
get "/nguoi/$id_a"
check "written purpose in the audit" "$(qr "SELECT purpose FROM audit_log WHERE action = 'person.read' \
  AND actor = 'cb.sapa' ORDER BY id DESC LIMIT 1")" "Khác: xác minh đơn tố giác"

# --- outside the territory: 404, the body of a missing id -----------------------------
missing=99999999
check "no such person" "$(q "SELECT count(*) FROM person WHERE id = $missing")" 0
get "/nguoi/$missing"
check "missing id" "$(status_of "$T/h")" 404
cp "$T/p" "$T/missing"
for other in "$id_district" "$id_other_district" "$id_province"; do
  get "/nguoi/$other"
  check "person $other outside the commune" "$(status_of "$T/h")" 404
  CHECKS=$((CHECKS + 1))
  cmp -s "$T/p" "$T/missing" || fail "person $other: a body unlike the missing id's"
done
lacks "404 names nobody" "Đỗ Văn Hà"
for bad in abc 12x -1 %FF%FE; do
  get "/nguoi/$bad"
  CHECKS=$((CHECKS + 1))
  cmp -s "$T/p" "$T/missing" || fail "/nguoi/$bad: a body unlike the missing id's"
done
# the purpose form sends back only to a person's page of this site
post /muc-dich --data-urlencode "muc-dich=report" --data-urlencode "tiep=//evil.example/nguoi/1"
check "purpose form: no redirect elsewhere" "$(hdr "$T/h" Location)" /nguoi

# --- the add form: a bad date named, the values kept; CSRF --------------------------------
get /nguoi/them
check "add form" "$(status_of "$T/h")" 200
has "add form: a label for the date" '<label for="ngay-sinh">'
csrf_of_page
before=$(q "SELECT count(*) FROM person")
post /nguoi/them --data-urlencode "ho-ten=Phạm Thị Lựu" --data-urlencode "ngay-sinh=31/02/1990" \
  --data-urlencode "gioi-tinh=female" --data-urlencode "dan-toc=Mông" --data-urlencode "don-vi=03006"
check "bad date" "$(status_of "$T/h")" 400
has "bad date: the field's message" '<p id="ngay-sinh-loi" class="error-message">'
has "bad date: the summary links to the field" '<a href="#ngay-sinh">'
has "name kept" 'value="Phạm Thị Lựu"'
has "ethnicity kept" 'value="Mông"'
has "date kept" 'value="31/02/1990"'
has "sex kept" 'value="female" checked'
check "nothing stored" "$(q "SELECT count(*) FROM person")" "$before"
# the same without the token, and with another session's token: refused
curl -s -D "$T/h" -o "$T/p" -H "Cookie: __Host-pcmt=$token" --data-urlencode "ho-ten=Phạm Thị Lựu" \
  --data-urlencode "ngay-sinh=28/02/1990" --data-urlencode "gioi-tinh=female" \
  --data-urlencode "don-vi=03006" "$U/nguoi/them"
check "no CSRF token" "$(status_of "$T/h")" 403
check "nothing stored without the token" "$(q "SELECT count(*) FROM person")" "$before"
post /nguoi/them --data-urlencode "ho-ten=Phạm Thị Lựu" --data-urlencode "ngay-sinh=28/02/1990" \
  --data-urlencode "gioi-tinh=female" --data-urlencode "dan-toc=Mông" --data-urlencode "don-vi=03006"
check "added" "$(status_of "$T/h")" 303
new=$(hdr "$T/h" Location)
check "the new person" "$(q "SELECT '/nguoi/' || id FROM person WHERE full_name = 'Phạm Thị Lựu' \
  AND birth_date = '1990-02-28'")" "$new"

# --- an event added through its form; refused by the history's rules; outside: 404 ----------
get "/nguoi/$id_a/su-kien"
check "event form" "$(status_of "$T/h")" 200
post "/nguoi/$id_a/su-kien" --data-urlencode "loai=rehab_voluntary_community_end" \
  --data-urlencode "ngay=05/02/2025"
check "an end without a start" "$(status_of "$T/h")" 400
has "an end without a start: why" "chưa có bắt đầu cai nghiện tự nguyện tại gia đình, cộng đồng"
has "an end without a start: the date kept" 'value="05/02/2025"'
post "/nguoi/$id_a/su-kien" --data-urlencode "loai=management_opened" --data-urlencode "ngay=10/01/2024"
check "event added" "$(status_of "$T/h"):$(hdr "$T/h" Location)" "303:/nguoi/$id_a"
get "/nguoi/$id_a"
has "the event in the timeline" '<time datetime="2024-01-10">10/01/2024</time> — <strong>lập hồ sơ quản lý</strong>'
post "/nguoi/$id_province/su-kien" --data-urlencode "loai=relapse" --data-urlencode "ngay=10/01/2025"
check "event outside the territory" "$(status_of "$T/h")" 404
CHECKS=$((CHECKS + 1))
cmp -s "$T/p" "$T/missing" || fail "event outside the territory: a body unlike the missing id's"
check "no event written outside" "$(q "SELECT count(*) FROM person_event WHERE person_id = $id_province")" 0

# --- a leader: no personal record -------------------------------------------------------
signin ld.sapa
get "/nguoi?q=nguyen"
check "leader search" "$(status_of "$T/h")" 403
lacks "leader sees no name" "Nguyễn Thị Hằng"
get "/nguoi/$id_a"
check "leader record" "$(status_of "$T/h")" 403
lacks "leader: no register in the navigation" 'href="/nguoi"'

# --- an administrator: the record without its health values -------------------------------
signin qt.sapa
check "administrator to enrolment" "$(hdr "$T/h" Location)" /xac-thuc/dang-ky
get /xac-thuc/dang-ky
csrf_of_page
secret=$(sed -n 's|.*<code class="secret">\([A-Z2-7]*\)</code>.*|\1|p' "$T/p")
post /xac-thuc/dang-ky --data-urlencode "code=$(oathtool --totp -b "$secret")"
check "administrator enrolled" "$(status_of "$T/h")" 200
get "/nguoi/$id_a"
csrf_of_page
post /muc-dich --data-urlencode "muc-dich=inspection" --data-urlencode "tiep=/nguoi/$id_a"
get "/nguoi/$id_a"
check "administrator reads the record" "$(status_of "$T/h")" 200
has "administrator: the name" "<h1>Nguyễn Thị Hằng</h1>"
for v in "Trung tâm Y tế thị xã Sa Pa" "Cơ sở điều trị Tả Phìn" "buprenorphine" \
  "điều trị bằng thuốc thay thế" "01/03/2024" "01/04/2024"; do
  lacks "administrator sees no health value" "$v"
done
has "administrator told what is withheld" "không hiển thị với vai trò của bạn"
get "/nguoi?q=nguyen+thi+hang"
lacks "administrator's search: no treatment status" "điều trị bằng thuốc thay thế"
get "/nguoi?trang-thai=ost"
check "administrator may not filter by treatment" "$(status_of "$T/h")" 403

finish
