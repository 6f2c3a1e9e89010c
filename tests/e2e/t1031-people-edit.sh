#!/bin/sh
# t1031-people-edit.sh: correcting a person's identity, the duplicates list
# with merge and dismiss, and the same through the API, on the real server
# over a generated province. The edit form: asked for the purpose first,
# filled from the record, a bad date named with the values kept, a good edit
# shown on the person's page and audited by field names only, a stale form
# refused, CSRF required, another commune's person the 404 of a missing id;
# `audit verify` clean after the edits (the row's keyed digest refreshed).
# Duplicates: a pair made with the CLI listed, dismissed (gone), another
# merged (one record left, its events moved); a pair with a record of
# another commune not listed and 404 for merge and dismiss. The API per
# role: officer yes, leader and member agency 403. Linked cases: a person of
# the generated data who is in a case (found with `pcmt export case-people`
# and `pcmt person search`) shows the case, its role and arrest date on the
# record and in the API's JSON.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v jq >/dev/null || { echo "SKIP: jq not installed"; exit 77; }
command -v oathtool >/dev/null || { echo "SKIP: oathtool not installed"; exit 77; }
db="$T/web.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" gen --scale province --province 15 --seed 5 --people 300 --cases 40 \
  --places 10 --networks 2 --licit 2 --activities 20
expect_status 0

# 03006 (phường Sa Pa) is the users' commune, 02671 another commune of the province.
P() { run "$PCMT_BIN" --db "$db" person "$@"; }
P add --name "Nguyễn Thị Hằng" --dob 04/03/1990 --sex nữ --unit 03006
expect_status 0
id_a=$OUT
P add --name "Vàng A Dơ" --dob 02/02/1992 --sex nam --unit 02671
expect_status 0
id_far=$OUT

pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
for u in "cb.sapa officer 03006" "ld.sapa leader 03006" "yt.laocai agency 15 --agency health" \
  "cb.laocai officer 15"; do
  set -- $u
  run sh -c "'$PCMT_BIN' --db '$db' user add $1 --role $2 --unit $3 ${4:-} ${5:-} <'$T/pw'"
  expect_status 0
done
tk_officer=$("$PCMT_BIN" --db "$db" token create cb.sapa 2>/dev/null)
tk_leader=$("$PCMT_BIN" --db "$db" token create ld.sapa 2>/dev/null)
tk_agency=$("$PCMT_BIN" --db "$db" token create yt.laocai 2>/dev/null)

. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
web_serve

same_as_missing() { CHECKS=$((CHECKS + 1)); cmp -s "$T/p" "$T/missing" || fail "$1: a body unlike the missing id's"; }
version_of_page() { sed -n 's|.*name="phien-ban" value="\([0-9a-f]*\)".*|\1|p' "$T/p" | head -1; }
q() { sqlite3 "$db" "$1"; }

signin cb.sapa
missing=99999999
check "no such person" "$(q "SELECT count(*) FROM person WHERE id = $missing")" 0

# --- the edit form: the purpose first, then the record's values ----------------------------
get "/nguoi/$id_a/sua"
check "edit form, first" "$(status_of "$T/h")" 200
has "purpose asked first" 'action="/muc-dich"'
has "purpose form returns to the edit" "value=\"/nguoi/$id_a/sua\""
lacks "no value before the purpose" "Nguyễn Thị Hằng"
csrf_of_page
post /muc-dich --data-urlencode "muc-dich=report" --data-urlencode "tiep=/nguoi/$id_a/sua"
check "purpose stored, back to the edit" "$(status_of "$T/h"):$(hdr "$T/h" Location)" \
  "303:/nguoi/$id_a/sua"
get "/nguoi/$id_a"
has "the person's page links to the edit" "href=\"/nguoi/$id_a/sua\""
get "/nguoi/$id_a/sua"
check "edit form" "$(status_of "$T/h")" 200
has "name filled" 'value="Nguyễn Thị Hằng"'
has "date filled dd/mm/yyyy" 'value="04/03/1990"'
has "sex filled" 'value="female" checked'
has "a label for the date" '<label for="ngay-sinh">'
lacks "no residence input (a move is an event)" 'id="don-vi"'
v1=$(version_of_page)
CHECKS=$((CHECKS + 1))
[ ${#v1} = 64 ] || fail "the form's version: '$v1'"
csrf_of_page

# a bad date: named, the values typed kept, nothing stored
post "/nguoi/$id_a/sua" --data-urlencode "phien-ban=$v1" --data-urlencode "ho-ten=Nguyễn Thị Hằng Nga" \
  --data-urlencode "ngay-sinh=30/02/1990" --data-urlencode "gioi-tinh=female" \
  --data-urlencode "dia-chi=Tổ 2"
check "bad date" "$(status_of "$T/h")" 400
has "bad date: the field's message" '<p id="ngay-sinh-loi" class="error-message">'
has "bad date: the summary links to the field" '<a href="#ngay-sinh">'
has "name kept" 'value="Nguyễn Thị Hằng Nga"'
has "date kept" 'value="30/02/1990"'
has "address kept" 'value="Tổ 2"'
check "nothing stored" "$(q "SELECT full_name FROM person WHERE id = $id_a")" "Nguyễn Thị Hằng"

# without the CSRF token: refused
curl -s -D "$T/h" -o "$T/p" -H "Cookie: __Host-pcmt=$token" --data-urlencode "phien-ban=$v1" \
  --data-urlencode "ho-ten=Nguyễn Thị Hằng Nga" --data-urlencode "ngay-sinh=05/03/1990" \
  --data-urlencode "gioi-tinh=female" "$U/nguoi/$id_a/sua"
check "no CSRF token" "$(status_of "$T/h")" 403
check "nothing stored without the token" "$(q "SELECT full_name FROM person WHERE id = $id_a")" \
  "Nguyễn Thị Hằng"

# a good edit: shown on the person's page, audited by field names only
rows=$(q "SELECT count(*) FROM audit_log WHERE action = 'person.update'")
post "/nguoi/$id_a/sua" --data-urlencode "phien-ban=$v1" --data-urlencode "ho-ten=Nguyễn Thị Hằng Nga" \
  --data-urlencode "ngay-sinh=05/03/1990" --data-urlencode "gioi-tinh=female" \
  --data-urlencode "dia-chi=Tổ 2"
check "saved" "$(status_of "$T/h"):$(hdr "$T/h" Location)" "303:/nguoi/$id_a?thong-bao=da-sua"
get "/nguoi/$id_a?thong-bao=da-sua"
has "the new name" "<h1>Nguyễn Thị Hằng Nga</h1>"
has "the new date" "05/03/1990"
has "the new address" "Tổ 2"
has "the notice" "Đã lưu thông tin cá nhân."
check "one update row" "$(q "SELECT count(*) FROM audit_log WHERE action = 'person.update'")" \
  $((rows + 1))
detail=$(q "SELECT detail FROM audit_log WHERE action = 'person.update' AND record_id = $id_a \
  ORDER BY id DESC LIMIT 1")
check "the row names the fields" "$detail" "sửa: full_name, birth_date, address"
check "by the officer" "$(q "SELECT actor FROM audit_log WHERE action = 'person.update' \
  ORDER BY id DESC LIMIT 1")" cb.sapa
# found by the new name without diacritics
get "/nguoi?q=hang+nga"
has "search finds the new name" "<a href=\"/nguoi/$id_a\">Nguyễn Thị Hằng Nga</a>"

# the same form sent again: made from a version that is gone
post "/nguoi/$id_a/sua" --data-urlencode "phien-ban=$v1" --data-urlencode "ho-ten=Nguyễn Thị Hằng" \
  --data-urlencode "ngay-sinh=05/03/1990" --data-urlencode "gioi-tinh=female" \
  --data-urlencode "dia-chi=Tổ 9"
check "stale edit" "$(status_of "$T/h")" 409
has "stale edit: said" "đã được sửa sau khi bạn mở"
has "stale edit: what was typed kept" 'value="Tổ 9"'
check "stale edit: nothing overwritten" "$(q "SELECT address FROM person WHERE id = $id_a")" "Tổ 2"

# another commune's person: the 404 of a missing id, for the form and the change
get "/nguoi/$missing/sua"
check "missing id" "$(status_of "$T/h")" 404
cp "$T/p" "$T/missing"
get "/nguoi/$id_far/sua"
check "edit form outside the commune" "$(status_of "$T/h")" 404
same_as_missing "edit form outside the commune"
post "/nguoi/$id_far/sua" --data-urlencode "phien-ban=$v1" --data-urlencode "ho-ten=X" \
  --data-urlencode "ngay-sinh=01/01/1990" --data-urlencode "gioi-tinh=male"
check "edit outside the commune" "$(status_of "$T/h")" 404
same_as_missing "edit outside the commune"
check "nothing changed outside" "$(q "SELECT full_name FROM person WHERE id = $id_far")" "Vàng A Dơ"

# --- duplicates: listed, dismissed, merged ---------------------------------------------
P add --name "Trần Văn Lặp" --dob 01/01/1985 --sex nam --unit 03006
d1=$OUT
P add --name "Trần Văn Lặp" --dob 01/01/1985 --sex nam --unit 03006 --address "Thôn 3"
d2=$OUT
P add --name "Hoàng Văn Gộp" --dob 02/02/1986 --sex nam --unit 03006
g1=$OUT
P add --name "Hoàng Văn Gộp" --dob 02/02/1986 --sex nam --unit 03006
g2=$OUT
P event "$g2" classified --date 05/01/2024 --value user
expect_status 0
P add --name "Lý Văn Xa" --dob 03/03/1987 --sex nam --unit 03006
x1=$OUT
P add --name "Lý Văn Xa" --dob 03/03/1987 --sex nam --unit 02671
x2=$OUT
check "the pairs flagged" "$(q "SELECT count(*) FROM person_duplicate WHERE status = 'open' AND \
  ((a_id = $d1 AND b_id = $d2) OR (a_id = $g1 AND b_id = $g2) OR (a_id = $x1 AND b_id = $x2))")" 3

get /nguoi/trung-lap
check "duplicates page" "$(status_of "$T/h")" 200
has "pair to dismiss" "Không trùng: hồ sơ số $d1 và số $d2 là hai người"
has "pair to merge" "href=\"/nguoi/trung-lap/gop?giu=$g1&amp;bo=$g2\""
has "the matching fields marked" '<strong class="tag tag-blue">trùng</strong>'
lacks "a pair with a record of another commune is not listed" "hồ sơ số $x1 và số $x2"
csrf_of_page
curl -s -D "$T/h" -o "$T/p" -H "Cookie: __Host-pcmt=$token" --data-urlencode "a=$d1" \
  --data-urlencode "b=$d2" "$U/nguoi/trung-lap/bo-qua"
check "dismiss without CSRF" "$(status_of "$T/h")" 403
post /nguoi/trung-lap/bo-qua --data-urlencode "a=$d1" --data-urlencode "b=$d2"
check "dismissed" "$(status_of "$T/h"):$(hdr "$T/h" Location)" "303:/nguoi/trung-lap?thong-bao=da-bo-qua"
get /nguoi/trung-lap
lacks "the dismissed pair is gone" "hồ sơ số $d1 và số $d2"
check "dismissed in the register" "$(q "SELECT status FROM person_duplicate WHERE a_id = $d1 AND b_id = $d2")" dismissed

get "/nguoi/trung-lap/gop?giu=$g1&bo=$g2"
check "merge confirmation" "$(status_of "$T/h")" 200
has "merge confirmation: cannot be undone" "Không hoàn tác được"
csrf_of_page
curl -s -D "$T/h" -o "$T/p" -H "Cookie: __Host-pcmt=$token" --data-urlencode "giu=$g1" \
  --data-urlencode "bo=$g2" "$U/nguoi/trung-lap/gop"
check "merge without CSRF" "$(status_of "$T/h")" 403
check "not merged without the token" "$(q "SELECT merged_into IS NULL FROM person WHERE id = $g2")" 1
post /nguoi/trung-lap/gop --data-urlencode "giu=$g1" --data-urlencode "bo=$g2"
check "merged" "$(status_of "$T/h"):$(hdr "$T/h" Location)" "303:/nguoi/$g1?thong-bao=da-gop"
check "one record left" "$(q "SELECT merged_into FROM person WHERE id = $g2")" "$g1"
check "the events moved" "$(q "SELECT count(*) FROM person_event WHERE person_id = $g1 AND kind = 'classified'"):$(q "SELECT count(*) FROM person_event WHERE person_id = $g2")" "1:0"
get "/nguoi/$g1?thong-bao=da-gop"
has "merge notice" "Đã gộp hồ sơ trùng vào hồ sơ này."
get "/nguoi?q=hoang+van+gop"
check "one left in the search" "$(grep -c 'Hoàng Văn Gộp</a>' "$T/p")" 1

# a pair with a record of another commune: 404 as a missing record
get "/nguoi/trung-lap/gop?giu=$x1&bo=$x2"
check "confirmation outside" "$(status_of "$T/h")" 404
same_as_missing "confirmation outside"
post /nguoi/trung-lap/gop --data-urlencode "giu=$x1" --data-urlencode "bo=$x2"
check "merge outside" "$(status_of "$T/h")" 404
same_as_missing "merge outside"
post /nguoi/trung-lap/bo-qua --data-urlencode "a=$x1" --data-urlencode "b=$x2"
check "dismiss outside" "$(status_of "$T/h")" 404
same_as_missing "dismiss outside"
check "the pair outside untouched" "$(q "SELECT status FROM person_duplicate WHERE a_id = $x1 AND b_id = $x2"):$(q "SELECT merged_into IS NULL FROM person WHERE id = $x2")" open:1

# --- the API per role ------------------------------------------------------------------
api() { # api TOKEN METHOD PATH [BODY]: the status; the body in $T/b
  if [ $# -ge 4 ]; then
    curl -s -o "$T/b" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" \
      -H "X-Purpose: rà soát hồ sơ" -H "Content-Type: application/json" -d "$4" "$U$3"
  else
    curl -s -o "$T/b" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" \
      -H "X-Purpose: rà soát hồ sơ" "$U$3"
  fi
}
check "officer reads" "$(api "$tk_officer" GET "/api/v1/persons/$id_a")" 200
v2=$(jq -r .version "$T/b")
check "officer PATCH" "$(api "$tk_officer" PATCH "/api/v1/persons/$id_a" \
  "{\"version\": \"$v2\", \"occupation\": \"Thợ may\"}")" 200
check "PATCH answer" "$(jq -r '.changed' "$T/b")" 1
check "PATCH stored, the rest kept" "$(q "SELECT occupation || '|' || full_name FROM person WHERE id = $id_a")" \
  "Thợ may|Nguyễn Thị Hằng Nga"
check "PATCH stale" "$(api "$tk_officer" PATCH "/api/v1/persons/$id_a" \
  "{\"version\": \"$v2\", \"occupation\": \"Thợ xây\"}")" 409
check "PATCH bad field" "$(api "$tk_officer" PATCH "/api/v1/persons/$id_a" \
  "{\"version\": \"$v2\", \"sex\": \"x\", \"national_id\": \"12\"}")" 400
check "PATCH errors per field" "$(jq -r '.error.fields | keys | join(",")' "$T/b")" national_id,sex
check "PATCH outside" "$(api "$tk_officer" PATCH "/api/v1/persons/$id_far" \
  "{\"version\": \"$v2\", \"occupation\": \"X\"}")" 404
cp "$T/b" "$T/b_far"
api "$tk_officer" PATCH "/api/v1/persons/$missing" "{\"version\": \"$v2\", \"occupation\": \"X\"}" >/dev/null
CHECKS=$((CHECKS + 1))
[ "$(jq -c .error.code "$T/b_far")" = "$(jq -c .error.code "$T/b")" ] || fail "PATCH outside: unlike a missing id"
check "officer duplicates" "$(api "$tk_officer" GET /api/v1/persons/duplicates)" 200
check "officer sees the Lặp pair no more" "$(jq "[.items[] | select(.a.id == $d1)] | length" "$T/b")" 0
P add --name "Đinh Văn Đôi" --dob 04/04/1984 --sex nam --unit 03006
e1=$OUT
P add --name "Đinh Văn Đôi" --dob 04/04/1984 --sex nam --unit 03006
e2=$OUT
P add --name "Mai Văn Ba" --dob 05/05/1983 --sex nam --unit 03006
f1=$OUT
P add --name "Mai Văn Ba" --dob 05/05/1983 --sex nam --unit 03006
f2=$OUT
for role in leader agency; do
  eval "tk=\$tk_$role"
  check "$role PATCH" "$(api "$tk" PATCH "/api/v1/persons/$id_a" "{\"version\": \"$v2\", \"occupation\": \"X\"}")" 403
  check "$role duplicates" "$(api "$tk" GET /api/v1/persons/duplicates)" 403
  check "$role merge" "$(api "$tk" POST "/api/v1/persons/$e1/merge" "{\"other\": $e2}")" 403
  check "$role dismiss" "$(api "$tk" POST /api/v1/persons/duplicates/dismiss "{\"a\": $f1, \"b\": $f2}")" 403
done
check "officer merge outside" "$(api "$tk_officer" POST "/api/v1/persons/$x1/merge" "{\"other\": $x2}")" 404
check "officer dismiss outside" "$(api "$tk_officer" POST /api/v1/persons/duplicates/dismiss "{\"a\": $x1, \"b\": $x2}")" 404
check "officer merge" "$(api "$tk_officer" POST "/api/v1/persons/$e1/merge" "{\"other\": $e2}")" 200
check "merged through the API" "$(q "SELECT merged_into FROM person WHERE id = $e2")" "$e1"
check "officer dismiss" "$(api "$tk_officer" POST /api/v1/persons/duplicates/dismiss "{\"a\": $f1, \"b\": $f2}")" 200
check "dismissed through the API" "$(q "SELECT status FROM person_duplicate WHERE a_id = $f1 AND b_id = $f2")" dismissed

# --- linked cases: a person of the generated data who is in a case, found with the CLI -------
run "$PCMT_BIN" --db "$db" export case-people -o "$T/cp.csv" --as cb.laocai --purpose "kiểm thử"
expect_status 0
# the first row: record number, national ID, role (its label), arrest date
row=$(sed -n 2p "$T/cp.csv" | tr -d '\r')
case_no=$(printf '%s' "$row" | cut -d, -f1)
case_nid=$(printf '%s' "$row" | cut -d, -f2)
case_role=$(printf '%s' "$row" | cut -d, -f3)
case_arrest=$(printf '%s' "$row" | cut -d, -f4)
run "$PCMT_BIN" --db "$db" person search "$case_nid" --as cb.laocai --json
expect_status 0
case_person=$(printf '%s' "$OUT" | jq '.[0].id')
CHECKS=$((CHECKS + 1))
[ -n "$case_no" ] && [ "$case_person" -gt 0 ] 2>/dev/null || fail "no case person in the data: '$row' '$case_person'"
signin cb.laocai
check "province officer to enrolment" "$(hdr "$T/h" Location)" /xac-thuc/dang-ky
get /xac-thuc/dang-ky
csrf_of_page
secret=$(sed -n 's|.*<code class="secret">\([A-Z2-7]*\)</code>.*|\1|p' "$T/p")
post /xac-thuc/dang-ky --data-urlencode "code=$(oathtool --totp -b "$secret")"
check "province officer enrolled" "$(status_of "$T/h")" 200
get "/nguoi/$case_person"
csrf_of_page
post /muc-dich --data-urlencode "muc-dich=report" --data-urlencode "tiep=/nguoi/$case_person"
get "/nguoi/$case_person"
check "the case person's record" "$(status_of "$T/h")" 200
has "linked cases heading" "<h2>Vụ án liên quan</h2>"
has "the case's number" "<td>$case_no</td>"
has "the role and arrest date" "<td>$case_role (bắt ngày $case_arrest)</td>"
# the API's show carries it too
tk_province=$("$PCMT_BIN" --db "$db" token create cb.laocai 2>/dev/null)
check "province API show" "$(api "$tk_province" GET "/api/v1/persons/$case_person")" 200
check "the case in the JSON" "$(jq -r --arg n "$case_no" '[.links[] | select(.kind == "case" and .record_no == $n)] | length' "$T/b")" 1
# the commune officer of Sa Pa sees Sa Pa's files only: none of another unit
signin cb.sapa
get "/nguoi/$id_a"
csrf_of_page
post /muc-dich --data-urlencode "muc-dich=report" --data-urlencode "tiep=/nguoi/$id_a"
get "/nguoi/$id_a"
has "no case for a person in none" "Không có vụ án nào trong địa bàn của bạn."

kill "$pid"
wait "$pid"
# the edits kept every person row's keyed digest: nothing edited behind the audit's back
run "$PCMT_BIN" --db "$db" audit verify
expect_status 0
finish
