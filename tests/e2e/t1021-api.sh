#!/bin/sh
# t1021-api.sh: the JSON API on the real server over a generated province —
# every endpoint with every role (bearer tokens of users made by `pcmt user
# add`), the cross-territory matrix (an officer of one commune against a
# person, a plan and a case of another commune, another district, another
# province, by every endpoint that takes their id: 404 each, the body of a
# missing id), no / revoked / expired / disabled-user token
# = 401, and a cookie call without X-CSRF-Token = 403.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/api.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
# old Lào Cai (10): people live in communes of the old tree
run "$PCMT_BIN" --db "$db" gen --scale province --province 10 --seed 7 --people 300 --cases 50 \
  --places 20 --networks 3 --licit 3 --activities 50
expect_status 0

q() { sqlite3 "$db" "$1"; }
qr() { sqlite3 "$db.reads" "$1"; } # the reads' audit rows (person.read, searches)
# the commune with the most people, its district, its province
home=$(q "SELECT u.code FROM person p JOIN unit u ON u.id = p.unit_id WHERE u.tree = 'pre2025'
          GROUP BY u.id ORDER BY count(*) DESC, u.code LIMIT 1")
home_district=$(q "SELECT d.id FROM unit u JOIN unit d ON d.id = u.parent_id
                   WHERE u.tree = 'pre2025' AND u.code = '$home'")
# a person of the commune, of another commune of its district, of another district
p_home=$(q "SELECT min(p.id) FROM person p JOIN unit u ON u.id = p.unit_id
            WHERE u.tree = 'pre2025' AND u.code = '$home'")
p_commune=$(q "SELECT min(p.id) FROM person p JOIN unit u ON u.id = p.unit_id
               WHERE u.tree = 'pre2025' AND u.code <> '$home' AND u.parent_id = $home_district")
p_district=$(q "SELECT min(p.id) FROM person p JOIN unit u ON u.id = p.unit_id
                WHERE u.tree = 'pre2025' AND u.parent_id <> $home_district")
# and one of another province: Hà Nội's phường Phúc Xá (00001)
run "$PCMT_BIN" --db "$db" person add --name "Trần Văn Tỉnh Khác" --dob 1985-02-03 --sex nam \
  --unit 00001 --tree pre2025
expect_status 0
p_province=$(q "SELECT max(id) FROM person")
missing=$(($(q "SELECT max(id) FROM person") + 1000))
# a plan of the province (a real document), imported by the administrator
run "$PCMT_BIN" --db "$db" plan import "$PCMT_SOURCE_DIR/tests/fixtures/plans/004_91f2c84d0a0eb75f.txt"
expect_status 0
plan=$OUT
CHECKS=$((CHECKS + 1))
[ -n "$p_home" ] && [ -n "$p_commune" ] && [ -n "$p_district" ] && [ -n "$p_province" ] ||
  { fail "fixture people: '$p_home' '$p_commune' '$p_district' '$p_province'"; finish; }

pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
adduser() { # LOGIN ROLE UNIT [--agency KIND]
  l=$1 r=$2 u=$3
  shift 3
  run sh -c "'$PCMT_BIN' --db '$db' user add $l --role $r --unit $u --tree pre2025 $* <'$T/pw'"
  expect_status 0
}
adduser cb.xa officer "$home"
adduser yt.tinh agency 10 --agency health
adduser ld.tinh leader 10
# plans and cases of another commune, another district, another province:
# each plan imported by an officer of its unit (a document that names no
# territory belongs to its importer's), the cases by the administrator
code_of() { q "SELECT u.code FROM person p JOIN unit u ON u.id = p.unit_id WHERE p.id = $1"; }
c_commune=$(code_of "$p_commune")
c_district=$(code_of "$p_district")
c_province=00001
printf 'Số vụ,Ngày phát hiện,Mã đơn vị,Hệ đơn vị,Lực lượng phát hiện,Điều BLHS\n' >"$T/cases.csv"
for case in commune:$c_commune district:$c_district province:$c_province; do
  where=${case%%:*} code=${case#*:}
  adduser cb.$where officer "$code"
  run "$PCMT_BIN" --db "$db" plan import "$PCMT_SOURCE_DIR/tests/fixtures/plans/001_c4b8e8f3bf85f38b.txt" \
    --again --as cb.$where
  expect_status 0
  eval "plan_$where=\$OUT"
  printf '%s/2025/NGOAI.%s,05/05/2025,%s,pre2025,Công an,249\n' "$where" "$code" "$code" >>"$T/cases.csv"
done
run "$PCMT_BIN" --db "$db" import cases "$T/cases.csv"
expect_status 0
CHECKS=$((CHECKS + 1))
[ "$(q "SELECT count(*) FROM drug_case WHERE record_no LIKE '%/2025/NGOAI.%'")" = 3 ] ||
  fail "foreign cases: $ERR"
token() { "$PCMT_BIN" --db "$db" token create "$1" 2>/dev/null; }
tk_admin=$(token admin)
tk_officer=$(token cb.xa)
tk_agency=$(token yt.tinh)
tk_leader=$(token ld.tinh)
CHECKS=$((CHECKS + 1))
[ ${#tk_admin} = 64 ] && [ ${#tk_officer} = 64 ] && [ ${#tk_leader} = 64 ] ||
  fail "tokens: '$tk_admin' '$tk_officer'"

. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
web_serve

# call TOKEN METHOD PATH [BODY]: the status; the body in $T/b, headers in $T/h
call() {
  if [ $# -ge 4 ]; then
    curl -s -D "$T/h" -o "$T/b" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" \
      -H 'X-Purpose: kiểm tra API' -H 'Content-Type: application/json' --data-binary "$4" "$U$3"
  else
    curl -s -D "$T/h" -o "$T/b" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" \
      -H 'X-Purpose: kiểm tra API' "$U$3"
  fi
}
# expect WANT TOKEN METHOD PATH [BODY]
expect() {
  want=$1
  shift
  got=$(call "$@")
  CHECKS=$((CHECKS + 1))
  [ "$got" = "$want" ] || fail "$2 $3 as ${1%"${1#????????}"}…: $got, want $want: $(head -c 300 "$T/b")"
}

new_person='{"full_name": "Lê Thị Thêm", "birth_date": "12/03/1992", "sex": "nữ",
             "unit_tree": "pre2025", "unit_code": "'"$home"'"}'
event='{"kind": "classified", "date": "2026-01-05", "value": "user"}'
# the expected status of each endpoint for each role, worked out from the
# roles' rules: units are public reference data; the people register is for
# administrators and officers (a member agency and a leader see aggregates
# only: 403)
for role in admin officer agency leader; do
  eval "tk=\$tk_$role"
  case $role in admin | officer) pp=200 pc=201 ;; *) pp=403 pc=403 ;; esac
  expect 200 "$tk" GET "/api/v1/units?q=lao%20cai"
  expect 200 "$tk" GET "/api/v1/units/pre2025/$home"
  expect 200 "$tk" GET "/api/v1/units/pre2025/080?children=tree"
  expect 200 "$tk" GET "/api/v1/units/pre2025/080/successors"
  expect 404 "$tk" GET "/api/v1/units/pre2025/99999"
  # aggregates and plan lists: every role; the audit: administrators only
  expect 200 "$tk" GET "/api/v1/indicators?period=2025"
  expect 400 "$tk" GET "/api/v1/indicators?period=quy%205"
  expect 200 "$tk" GET "/api/v1/plans"
  case $role in admin) pa=200 ;; *) pa=403 ;; esac
  expect $pa "$tk" GET "/api/v1/audit?limit=3"
  expect $pp "$tk" GET "/api/v1/persons?q=a&limit=5"
  expect $pp "$tk" GET "/api/v1/persons/$p_home"
  expect $pc "$tk" POST "/api/v1/persons" "$new_person"
  if [ "$pc" = 201 ]; then
    id=$(jq -r .id "$T/b")
    expect 201 "$tk" POST "/api/v1/persons/$id/events" "$event"
    CHECKS=$((CHECKS + 1))
    jq -e '.event_id > 0' "$T/b" >/dev/null || fail "event answer: $(cat "$T/b")"
  else
    expect 403 "$tk" POST "/api/v1/persons/$p_home/events" "$event"
  fi
  # an edit, the duplicates and their merge and dismissal: the same rule (an
  # edit from a version that is not the record's is refused, 409, for those
  # who may edit)
  case $role in admin | officer) pv=409 pm=404 ;; *) pv=403 pm=403 ;; esac
  expect $pv "$tk" PATCH "/api/v1/persons/$p_home" '{"version": "0", "address": "Tổ 1"}'
  expect $pp "$tk" GET "/api/v1/persons/duplicates"
  expect $pm "$tk" POST "/api/v1/persons/$p_home/merge" '{"other": 99999999}'
  expect $pm "$tk" POST "/api/v1/persons/duplicates/dismiss" '{"a": '"$p_home"', "b": 99999999}'
done

# the plan itself and its status, for the administrator who imported it
expect 200 "$tk_admin" GET "/api/v1/plans/$plan"
CHECKS=$((CHECKS + 1))
[ "$(jq -r .id "$T/b")" = "$plan" ] || fail "plan show: $(head -c 200 "$T/b")"
expect 200 "$tk_admin" GET "/api/v1/plans/$plan/status"
CHECKS=$((CHECKS + 1))
[ "$(jq -r .plan_id "$T/b")" = "$plan" ] && jq -e '.targets | length > 0' "$T/b" >/dev/null ||
  fail "plan status: $(head -c 200 "$T/b")"
expect 404 "$tk_admin" GET "/api/v1/plans/$((plan + 100))"
expect 404 "$tk_admin" GET "/api/v1/plans/abc"
# the audit, newest first (by time; both chains, each row marked with its own)
call "$tk_admin" GET "/api/v1/audit?limit=2" >/dev/null
CHECKS=$((CHECKS + 1))
[ "$(jq '.items | length' "$T/b")" = 2 ] && [ "$(jq '.items[0].at >= .items[1].at' "$T/b")" = true ] &&
  [ "$(jq '[.items[].chain | IN("changes", "reads")] | all' "$T/b")" = true ] ||
  fail "audit page: $(head -c 300 "$T/b")"

# every answer is JSON, not cached; errors have exactly code and message
call "$tk_officer" GET "/api/v1/persons/$missing" >/dev/null
CHECKS=$((CHECKS + 1))
tr -d '\r' <"$T/h" | grep -qi '^Cache-Control: no-store$' || fail "no Cache-Control: no-store"
CHECKS=$((CHECKS + 1))
tr -d '\r' <"$T/h" | grep -qi '^Content-Type: application/json' || fail "not JSON"
CHECKS=$((CHECKS + 1))
[ "$(jq -c '[.error | keys[]], .error.code' "$T/b" | tr -d '\n')" = '["code","message"]"not_found"' ] ||
  fail "error shape: $(cat "$T/b")"

# a read of personal data without a purpose: 400 saying so
CHECKS=$((CHECKS + 1))
got=$(curl -s -o "$T/b" -w '%{http_code}' -H "Authorization: Bearer $tk_officer" "$U/api/v1/persons/$p_home")
[ "$got" = 400 ] && jq -r .error.message "$T/b" | grep -q "mục đích" ||
  fail "no purpose: $got $(cat "$T/b")"
# ... given as a query parameter instead of the header: read and audited with it
CHECKS=$((CHECKS + 1))
got=$(curl -s -o "$T/b" -w '%{http_code}' -H "Authorization: Bearer $tk_officer" \
  "$U/api/v1/persons/$p_home?purpose=r%C3%A0%20so%C3%A1t%20h%E1%BB%93%20s%C6%A1")
[ "$got" = 200 ] && [ "$(jq -r .id "$T/b")" = "$p_home" ] || fail "purpose in the query: $got"
CHECKS=$((CHECKS + 1))
[ "$(qr "SELECT purpose FROM audit_log WHERE action = 'person.read' ORDER BY id DESC LIMIT 1")" = "rà soát hồ sơ" ] ||
  fail "the purpose is not in the audit row"

# the cross-territory matrix: the officer of $home against people outside
# it; each answers 404 with the body of an id that does not exist (the id
# itself aside)
call "$tk_officer" GET "/api/v1/persons/$missing" >/dev/null
miss_body=$(sed "s/$missing/ID/g" "$T/b")
leaks=0
cells=0
for case in commune:$p_commune district:$p_district province:$p_province; do
  where=${case%%:*} id=${case#*:}
  cells=$((cells + 1))
  got=$(call "$tk_officer" GET "/api/v1/persons/$id")
  body=$(sed "s/$id/ID/g" "$T/b")
  CHECKS=$((CHECKS + 1))
  if [ "$got" != 404 ] || [ "$body" != "$miss_body" ]; then
    leaks=$((leaks + 1))
    fail "officer of $home reads a person of another $where ($id): $got $body"
  fi
  # the search does not find that person either (by national ID or name)
  name=$(q "SELECT full_name FROM person WHERE id = $id")
  enc=$(jq -rn --arg s "$name" '$s|@uri')
  cells=$((cells + 1))
  got=$(call "$tk_officer" GET "/api/v1/persons?q=$enc&limit=100")
  CHECKS=$((CHECKS + 1))
  if [ "$got" != 200 ] || jq -e --argjson id "$id" '.items | map(.id) | index($id)' "$T/b" >/dev/null; then
    leaks=$((leaks + 1))
    fail "officer of $home finds a person of another $where ($id) by name: $got"
  fi
  # nor may it add an event to that person
  cells=$((cells + 1))
  got=$(call "$tk_officer" POST "/api/v1/persons/$id/events" "$event")
  CHECKS=$((CHECKS + 1))
  [ "$got" = 404 ] || { leaks=$((leaks + 1)); fail "event on a person of another $where: $got"; }
  # nor edit that person, merge it or dismiss a pair with it
  for call_ in "PATCH /api/v1/persons/$id {\"version\":\"0\",\"address\":\"X\"}" \
    "POST /api/v1/persons/$p_home/merge {\"other\":$id}" \
    "POST /api/v1/persons/duplicates/dismiss {\"a\":$p_home,\"b\":$id}"; do
    set -- $call_
    cells=$((cells + 1))
    got=$(call "$tk_officer" "$1" "$2" "$3")
    CHECKS=$((CHECKS + 1))
    [ "$got" = 404 ] || { leaks=$((leaks + 1)); fail "$1 $2 with a person of another $where: $got"; }
  done
done
# nor reach a plan of another territory, by any endpoint that takes its
# id: each answers as the plan that does not exist (the ids aside)
missing_plan=$(($(q "SELECT max(id) FROM plan") + 1000))
plan_calls='GET /api/v1/plans/ID
GET /api/v1/plans/ID/status
GET /api/v1/plans/ID/check
GET /api/v1/plans/ID/history
PATCH /api/v1/plans/ID {"field": "title", "value": "Đổi tên"}
POST /api/v1/plans/ID/tasks {"text": "Nhiệm vụ chen vào"}
DELETE /api/v1/plans/ID/tasks/TASK
POST /api/v1/plans/ID/publish
POST /api/v1/plans/ID/close'
# plan_call ID TASK LINE: the status of the line's call on plan ID
plan_call() {
  m=${3%% *} rest=${3#* }
  pth=$(printf '%s' "${rest%% *}" | sed "s/ID/$1/; s/TASK/$2/")
  case $rest in *' '*) call "$tk_officer" "$m" "$pth" "${rest#* }" ;; *) call "$tk_officer" "$m" "$pth" ;; esac
}
printf '%s\n' "$plan_calls" >"$T/plan_calls"
while IFS= read -r line; do
  plan_call "$missing_plan" 999999 "$line" >/dev/null
  miss=$(sed "s/$missing_plan/ID/g; s/999999/TASK/g" "$T/b")
  for where in commune district province; do
    eval "id=\$plan_$where"
    task=$(q "SELECT min(id) FROM plan_task WHERE plan_id = $id")
    cells=$((cells + 1))
    got=$(plan_call "$id" "$task" "$line")
    body=$(sed "s/$id/ID/g; s/$task/TASK/g" "$T/b")
    CHECKS=$((CHECKS + 1))
    if [ "$got" != 404 ] || [ "$body" != "$miss" ]; then
      leaks=$((leaks + 1))
      fail "officer of $home: $line on the plan of another $where ($id): $got $body (missing: $miss)"
    fi
  done
done <"$T/plan_calls"
# ... nor its plans in the list
call "$tk_officer" GET "/api/v1/plans" >/dev/null
for where in commune district province; do
  eval "id=\$plan_$where"
  cells=$((cells + 1))
  CHECKS=$((CHECKS + 1))
  if jq -e --argjson id "$id" '.items | map(.id) | index($id)' "$T/b" >/dev/null; then
    leaks=$((leaks + 1))
    fail "the plan list of $home shows the plan of another $where"
  fi
done
# nor a case of another territory: read, changed, its people read, listed
case_put='{"Ngày phát hiện": "06/05/2025", "Mã đơn vị": "'"$home"'", "Hệ đơn vị": "pre2025", "Lực lượng phát hiện": "Công an", "Điều BLHS": "249"}'
call "$tk_officer" GET "/api/v1/registers/cases?limit=100" >/dev/null
cp "$T/b" "$T/cases_page"
for where in commune district province; do
  eval "code=\$c_$where"
  no="$where%2F2025%2FNGOAI.$code"
  for req in "GET /api/v1/registers/cases/$no" "GET /api/v1/registers/case-people/$no" \
    "PUT /api/v1/registers/cases/$no"; do
    m=${req%% *} pth=${req#* }
    missno=$(printf '%s' "$pth" | sed "s|/$no\$|/9%2F1999%2FKHONG|")
    if [ "$m" = PUT ]; then call "$tk_officer" PUT "$missno" "$case_put" >/dev/null; else call "$tk_officer" GET "$missno" >/dev/null; fi
    miss=$(cat "$T/b")
    cells=$((cells + 1))
    if [ "$m" = PUT ]; then got=$(call "$tk_officer" PUT "$pth" "$case_put"); else got=$(call "$tk_officer" GET "$pth"); fi
    CHECKS=$((CHECKS + 1))
    if [ "$got" != 404 ] || [ "$(cat "$T/b")" != "$miss" ]; then
      leaks=$((leaks + 1))
      fail "officer of $home: $m the case of another $where: $got $(cat "$T/b")"
    fi
  done
  cells=$((cells + 1))
  CHECKS=$((CHECKS + 1))
  if grep -q "NGOAI" "$T/cases_page"; then
    leaks=$((leaks + 1))
    fail "the case list of $home shows a case of another $where"
  fi
done
CHECKS=$((CHECKS + 1))
[ "$(q "SELECT count(*) FROM drug_case WHERE record_no LIKE '%/2025/NGOAI.%' AND detected_on <> '2025-05-05'")" = 0 ] ||
  fail "a case of another territory was changed"
# ... nor create a person outside its commune
cells=$((cells + 1))
got=$(call "$tk_officer" POST "/api/v1/persons" '{"full_name": "Ngoài Địa Bàn", "birth_date": "1990-01-01", "sex": "nam", "unit_tree": "pre2025", "unit_code": "00001"}')
CHECKS=$((CHECKS + 1))
[ "$got" = 403 ] || { leaks=$((leaks + 1)); fail "create outside the territory: $got"; }
echo "cross-territory matrix: $cells cells, $leaks leaks"

# pagination: pages of 2 walk the officer's commune without overlap; a
# changed cursor is 400
call "$tk_officer" GET "/api/v1/persons?limit=2" >/dev/null
next=$(jq -r .next "$T/b")
first=$(jq -c '[.items[].id]' "$T/b")
CHECKS=$((CHECKS + 1))
[ "$next" != null ] && [ "$(jq '.items | length' "$T/b")" = 2 ] || fail "first page: $(cat "$T/b")"
call "$tk_officer" GET "/api/v1/persons?limit=2&cursor=$next" >/dev/null
second=$(jq -c '[.items[].id]' "$T/b")
CHECKS=$((CHECKS + 1))
[ "$(jq -n --argjson a "$first" --argjson b "$second" '$a - $b | length')" = 2 ] ||
  fail "pages overlap: $first $second"
case "$next" in *A) bad="${next%?}B" ;; *) bad="${next%?}A" ;; esac
expect 400 "$tk_officer" GET "/api/v1/persons?limit=2&cursor=$bad"
expect 400 "$tk_officer" GET "/api/v1/persons?q=khac&limit=2&cursor=$next"
expect 400 "$tk_officer" GET "/api/v1/persons?limit=0"

# no token, a made-up one, a revoked one, an expired one, a disabled user's: 401
CHECKS=$((CHECKS + 1))
[ "$(curl -s -o "$T/b" -w '%{http_code}' "$U/api/v1/units?q=lao")" = 401 ] || fail "no token"
CHECKS=$((CHECKS + 1))
[ "$(jq -r .error.code "$T/b")" = unauthenticated ] || fail "no token: $(cat "$T/b")"
expect 401 "$(printf '%064d' 7)" GET "/api/v1/units?q=lao"
tk_rev=$(token cb.xa)
expect 200 "$tk_rev" GET "/api/v1/units?q=lao"
rev_id=$(q "SELECT max(id) FROM api_token")
run "$PCMT_BIN" --db "$db" token revoke "$rev_id"
expect_status 0
expect 401 "$tk_rev" GET "/api/v1/units?q=lao"
tomorrow=$(date -u -d '+2 days' +%Y-%m-%d)
tk_exp=$("$PCMT_BIN" --db "$db" token create cb.xa --expires "$tomorrow" 2>/dev/null)
expect 200 "$tk_exp" GET "/api/v1/units?q=lao"
# the clock moves past the end of the day: set it back in the row
q "UPDATE api_token SET expires_at = strftime('%s', 'now') - 1 WHERE id = (SELECT max(id) FROM api_token)"
expect 401 "$tk_exp" GET "/api/v1/units?q=lao"
run "$PCMT_BIN" --db "$db" user disable ld.tinh
expect_status 0
expect 401 "$tk_leader" GET "/api/v1/units?q=lao"
run "$PCMT_BIN" --db "$db" user enable ld.tinh
expect 200 "$tk_leader" GET "/api/v1/units?q=lao"
# a bearer token outside /api/v1/ opens nothing
CHECKS=$((CHECKS + 1))
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tk_admin" "$U/")" = 303 ] ||
  fail "a bearer token opened a page"

# a session cookie on the API: reads work; a POST without X-CSRF-Token (or
# with a wrong one) is 403, with it the call goes through
curl -s -D "$T/h" -o /dev/null --data-urlencode "login=cb.xa" --data-urlencode "password=$pw" "$U/dang-nhap"
cookie=$(tr -d '\r' <"$T/h" | sed -n 's/^Set-Cookie: __Host-pcmt=\([0-9a-f]*\);.*/\1/Ip')
curl -s -o "$T/p" -H "Cookie: __Host-pcmt=$cookie" "$U/"
csrf=$(sed -n 's|.*name="csrf" value="\([0-9a-f]*\)".*|\1|p' "$T/p")
CHECKS=$((CHECKS + 1))
[ ${#cookie} = 64 ] && [ ${#csrf} = 64 ] || { fail "sign-in: cookie '$cookie' csrf '$csrf'"; finish; }
ck() { # METHOD PATH [EXTRA HEADER]: status
  curl -s -o "$T/b" -w '%{http_code}' -X "$1" -H "Cookie: __Host-pcmt=$cookie" \
    -H 'X-Purpose: kiểm tra' ${3:+-H "$3"} ${4:+--data-binary "$4"} "$U$2"
}
CHECKS=$((CHECKS + 1))
[ "$(ck GET "/api/v1/persons/$p_home")" = 200 ] || fail "cookie read: $(cat "$T/b")"
CHECKS=$((CHECKS + 1))
[ "$(ck POST /api/v1/persons '' "$new_person")" = 403 ] || fail "cookie POST without X-CSRF-Token: $(cat "$T/b")"
CHECKS=$((CHECKS + 1))
[ "$(jq -r .error.code "$T/b")" = denied ] || fail "CSRF refusal: $(cat "$T/b")"
case "$csrf" in *0) wrong="${csrf%?}1" ;; *) wrong="${csrf%?}0" ;; esac
CHECKS=$((CHECKS + 1))
[ "$(ck POST /api/v1/persons "X-CSRF-Token: $wrong" "$new_person")" = 403 ] || fail "cookie POST with a wrong token"
CHECKS=$((CHECKS + 1))
[ "$(ck POST /api/v1/persons "X-CSRF-Token: $csrf" "$new_person")" = 201 ] ||
  fail "cookie POST with X-CSRF-Token: $(cat "$T/b")"

kill "$pid"
wait "$pid"
finish
