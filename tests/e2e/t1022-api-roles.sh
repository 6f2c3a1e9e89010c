#!/bin/sh
# t1022-api-roles.sh: every route under /api/v1 with every role, at commune
# and at province level, on the real server over a generated province.
#
# The routes are read from src/web/routes.c at run time and each must have
# a row in the table below (a new route without one fails the test). The
# expected status of each cell is worked out from the role rules
# (docs/access.md, docs/plans.md "Roles", docs/api.md): units, agencies,
# plan lists, indicators and the non-personal registers are every role's;
# personal data (persons, personal registers) and every change (plans,
# persons, registers) are for administrators and officers (others 403); the
# audit trail is the national administrator's alone (a territory's
# administrator only verifies the chain: 403); a plan is read by its
# territory (a province's draft is not a commune's: 404). The callers: each
# of the four roles at a commune and at the province, and the national
# administrator. The system has four roles; a "register officer" is an
# officer (`officer`), whose rights it shares.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/roles.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" gen --scale province --province 10 --seed 7 --people 300 --cases 50 \
  --places 20 --networks 3 --licit 3 --activities 50
expect_status 0
q() { sqlite3 "$db" "$1"; }
qr() { sqlite3 "$db.reads" "$1"; } # the reads' audit rows (register.read, exports)
home=$(q "SELECT u.code FROM person p JOIN unit u ON u.id = p.unit_id WHERE u.tree = 'pre2025'
          GROUP BY u.id ORDER BY count(*) DESC, u.code LIMIT 1")
p_home=$(q "SELECT min(p.id) FROM person p JOIN unit u ON u.id = p.unit_id
            WHERE u.tree = 'pre2025' AND u.code = '$home'")
# the province's plan (a real document), a draft of Lào Cai
run "$PCMT_BIN" --db "$db" plan import "$PCMT_SOURCE_DIR/tests/fixtures/plans/004_91f2c84d0a0eb75f.txt"
expect_status 0
plan=$OUT
plan_task=$(q "SELECT min(id) FROM plan_task WHERE plan_id = $plan")
# a case of the commune, imported as a file
printf 'Số vụ,Ngày phát hiện,Mã đơn vị,Hệ đơn vị,Lực lượng phát hiện,Điều BLHS,Tóm tắt\n1/2025/KT.10,05/05/2025,%s,pre2025,Công an thành phố Lào Cai,249,vụ kiểm thử\n' \
  "$home" >"$T/case.csv"
run "$PCMT_BIN" --db "$db" import cases "$T/case.csv"
expect_status 0
case_no='1%2F2025%2FKT.10'
CHECKS=$((CHECKS + 1))
[ -n "$home" ] && [ -n "$p_home" ] && [ -n "$plan_task" ] || { fail "fixtures: '$home' '$p_home' '$plan_task'"; finish; }

pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
roles="admin officer agency leader"
for lvl in xa tinh; do
  case $lvl in xa) unit=$home ;; tinh) unit=10 ;; esac
  for r in $roles; do
    extra=
    [ "$r" = agency ] && extra="--agency health"
    run sh -c "'$PCMT_BIN' --db '$db' user add $r.$lvl --role $r --unit $unit --tree pre2025 $extra <'$T/pw'"
    expect_status 0
    tk=$("$PCMT_BIN" --db "$db" token create "$r.$lvl" 2>/dev/null)
    CHECKS=$((CHECKS + 1))
    [ ${#tk} = 64 ] || fail "token of $r.$lvl: '$tk'"
    eval "tk_${r}_$lvl=\$tk"
  done
done
# and the national administrator that `pcmt init` makes
tk_admin_tq=$("$PCMT_BIN" --db "$db" token create admin 2>/dev/null)
callers="admin.xa officer.xa agency.xa leader.xa admin.tinh officer.tinh agency.tinh leader.tinh admin.tq"
n_callers=9

mkdir "$T/tmp"
. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
TMPDIR="$T/tmp" web_serve

# call TOKEN METHOD PATH [BODY|@FILE]: the status; the body in $T/b
call() {
  if [ $# -ge 4 ]; then
    case $4 in
    @*) curl -s -o "$T/b" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" \
          -H 'X-Purpose: kiểm tra API' -H 'X-File-Name: ke-hoach.txt' --data-binary "$4" "$U$3" ;;
    *) curl -s -o "$T/b" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" \
         -H 'X-Purpose: kiểm tra API' -H 'Content-Type: application/json' --data-binary "$4" "$U$3" ;;
    esac
  else
    curl -s -o "$T/b" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" \
      -H 'X-Purpose: kiểm tra API' "$U$3"
  fi
}

# The table: every /api/v1 route, in an order where a change comes after
# what it changes is made. Each row is "METHOD PATTERN".
table='GET /api/v1/units
GET /api/v1/units/{tree}/{code}
GET /api/v1/units/{tree}/{code}/successors
GET /api/v1/agencies/resolve
GET /api/v1/agencies/kinds
GET /api/v1/indicators
GET /api/v1/audit
GET /api/v1/persons
GET /api/v1/persons/{id}
POST /api/v1/persons
POST /api/v1/persons/{id}/events
PATCH /api/v1/persons/{id}
GET /api/v1/persons/duplicates
POST /api/v1/persons/{id}/merge
POST /api/v1/persons/duplicates/dismiss
GET /api/v1/plans
POST /api/v1/plans/read
POST /api/v1/plans
GET /api/v1/plans/{id}
GET /api/v1/plans/{id}/status
GET /api/v1/plans/{id}/check
PATCH /api/v1/plans/{id}
POST /api/v1/plans/{id}/tasks
DELETE /api/v1/plans/{id}/tasks/{task}
POST /api/v1/plans/{id}/publish
POST /api/v1/plans/{id}/close
GET /api/v1/plans/{id}/history
GET /api/v1/registers
GET /api/v1/registers/{reg}
POST /api/v1/registers/{reg}
GET /api/v1/registers/{reg}/{record_no}
PUT /api/v1/registers/{reg}/{record_no}
POST /api/v1/imports/{register}
GET /api/v1/exports/{register}'

# every route of routes.c has a row, and every row is a route
sed -n 's/^ *{"\([A-Z]*\)", "\(\/api\/v1[^"]*\)".*/\1 \2/p' "$PCMT_SOURCE_DIR/src/web/routes.c" |
  sort >"$T/routes"
printf '%s\n' "$table" | sort >"$T/table"
CHECKS=$((CHECKS + 1))
[ "$(wc -l <"$T/routes")" -ge 28 ] || fail "routes.c read: $(cat "$T/routes")"
CHECKS=$((CHECKS + 1))
comm -3 "$T/routes" "$T/table" >"$T/missing"
[ ! -s "$T/missing" ] || fail "routes without a row of the table (left) or rows without a route (right):
$(cat "$T/missing")"

"$PCMT_BIN" --db "$db" export cases -o "$T/cases.csv" >/dev/null 2>&1 ||
  fail "the cases could not be exported for the import row"
person='{"full_name": "Lê Thị Thêm", "birth_date": "12/03/1992", "sex": "nữ", "unit_tree": "pre2025", "unit_code": "'"$home"'"}'
event='{"kind": "classified", "date": "2026-01-05", "value": "user"}'
n_case=0
n_pair=0
# pair: two records of one person in the home commune, made by the national
# administrator (so flagged as a possible duplicate); their ids in $pa, $pb
pair() {
  n_pair=$((n_pair + 1))
  d='{"full_name": "Đào Văn Kép", "birth_date": "01/01/'"$((1950 + n_pair))"'", "sex": "nam", "unit_tree": "pre2025", "unit_code": "'"$home"'"}'
  pa=$(curl -s -H "Authorization: Bearer $tk_admin_tq" -H 'Content-Type: application/json' -d "$d" "$U/api/v1/persons" | jq .id)
  pb=$(curl -s -H "Authorization: Bearer $tk_admin_tq" -H 'Content-Type: application/json' -d "$d" "$U/api/v1/persons" | jq .id)
}
# probe ROUTE: sets method, path, body and want for role $r at level $lvl
probe() {
  body=
  writer=0 admin=0
  case $r in admin | officer) writer=1 ;; esac
  [ "$r" = admin ] && admin=1
  w_read=200 w_people=403 w_new=403 w_change=403
  [ $writer = 1 ] && w_people=200 w_new=201 w_change=200
  # a plan: the role's own import for a writer, else the province's draft
  # (read by the province, not found by a commune)
  if [ $writer = 1 ]; then w_plan=200; else w_plan=$([ $lvl = xa ] && echo 404 || echo 200); fi
  case $1 in
  'GET /api/v1/units') path="/api/v1/units?q=lao%20cai"; want=200 ;;
  'GET /api/v1/units/{tree}/{code}') path="/api/v1/units/pre2025/$home"; want=200 ;;
  'GET /api/v1/units/{tree}/{code}/successors') path=/api/v1/units/pre2025/080/successors; want=200 ;;
  'GET /api/v1/agencies/resolve') path="/api/v1/agencies/resolve?name=C%C3%B4ng%20an%20t%E1%BB%89nh&unit=10&tree=pre2025"; want=200 ;;
  'GET /api/v1/agencies/kinds') path=/api/v1/agencies/kinds; want=200 ;;
  'GET /api/v1/indicators') path="/api/v1/indicators?period=2025"; want=200 ;;
  'GET /api/v1/audit') path="/api/v1/audit?limit=2"; want=$([ $admin = 1 ] && [ $lvl = tq ] && echo 200 || echo 403) ;;
  'GET /api/v1/persons') path="/api/v1/persons?q=a&limit=2"; want=$w_people ;;
  'GET /api/v1/persons/{id}') path="/api/v1/persons/$p_home"; want=$w_people ;;
  'POST /api/v1/persons') path=/api/v1/persons; body=$person; want=$w_new ;;
  'POST /api/v1/persons/{id}/events') path="/api/v1/persons/$p_home/events"; body=$event; want=$w_new ;;
  'PATCH /api/v1/persons/{id}')
    # the version read by the national administrator; a second writer
    # sends the value the first set: 200 with nothing changed
    v=$(curl -s -H "Authorization: Bearer $tk_admin_tq" -H 'X-Purpose: kiểm tra API' \
      "$U/api/v1/persons/$p_home" | jq -r .version)
    path="/api/v1/persons/$p_home"; body='{"version": "'"$v"'", "occupation": "Thợ xây"}'
    want=$w_change ;;
  'GET /api/v1/persons/duplicates') path="/api/v1/persons/duplicates?limit=2"; want=$w_people ;;
  'POST /api/v1/persons/{id}/merge')
    pair; path="/api/v1/persons/$pa/merge"; body='{"other": '"$pb"'}'; want=$w_change ;;
  'POST /api/v1/persons/duplicates/dismiss')
    pair; path=/api/v1/persons/duplicates/dismiss; body='{"a": '"$pa"', "b": '"$pb"'}'
    want=$w_change ;;
  'GET /api/v1/plans') path=/api/v1/plans; want=200 ;;
  'POST /api/v1/plans/read') path=/api/v1/plans/read; body="@$PCMT_SOURCE_DIR/tests/fixtures/plans/001_c4b8e8f3bf85f38b.txt"; want=200 ;;
  'POST /api/v1/plans') path="/api/v1/plans?again=1"; body="@$PCMT_SOURCE_DIR/tests/fixtures/plans/001_c4b8e8f3bf85f38b.txt"; want=$w_new ;;
  'GET /api/v1/plans/{id}') path="/api/v1/plans/$my_plan"; want=$w_plan ;;
  'GET /api/v1/plans/{id}/status') path="/api/v1/plans/$my_plan/status"; want=$w_plan ;;
  'GET /api/v1/plans/{id}/check') path="/api/v1/plans/$my_plan/check"; want=$w_plan ;;
  'PATCH /api/v1/plans/{id}') path="/api/v1/plans/$my_plan"; body='{"field": "title", "value": "Kế hoạch kiểm thử"}'; want=$w_change ;;
  'POST /api/v1/plans/{id}/tasks') path="/api/v1/plans/$my_plan/tasks"; body='{"text": "Nhiệm vụ kiểm thử"}'; want=$w_new ;;
  'DELETE /api/v1/plans/{id}/tasks/{task}') path="/api/v1/plans/$my_plan/tasks/$my_task"; want=$w_change ;;
  'POST /api/v1/plans/{id}/publish') path="/api/v1/plans/$my_plan/publish"; want=$w_change ;;
  'POST /api/v1/plans/{id}/close') path="/api/v1/plans/$my_plan/close"; want=$w_change ;;
  'GET /api/v1/plans/{id}/history') path="/api/v1/plans/$my_plan/history"; want=$w_plan ;;
  'GET /api/v1/registers') path=/api/v1/registers; want=200 ;;
  'GET /api/v1/registers/{reg}') path="/api/v1/registers/case-people?limit=5"; want=$w_people ;;
  'POST /api/v1/registers/{reg}')
    n_case=$((n_case + 1))
    eval "my_case_$r$lvl=$n_case%2F2025%2FAPI.10"
    path=/api/v1/registers/cases
    body='{"Số vụ": "'"$n_case"'/2025/API.10", "Ngày phát hiện": "05/05/2025", "Mã đơn vị": "'"$home"'", "Hệ đơn vị": "pre2025", "Lực lượng phát hiện": "Công an thành phố Lào Cai", "Điều BLHS": "249"}'
    want=$w_new ;;
  'GET /api/v1/registers/{reg}/{record_no}') path="/api/v1/registers/cases/$case_no"; want=200 ;;
  'PUT /api/v1/registers/{reg}/{record_no}')
    eval "my_case=\${my_case_$r$lvl:-$case_no}"
    [ $writer = 1 ] || my_case=$case_no
    path="/api/v1/registers/cases/$my_case"
    body='{"Ngày phát hiện": "06/05/2025", "Mã đơn vị": "'"$home"'", "Hệ đơn vị": "pre2025", "Lực lượng phát hiện": "Công an thành phố Lào Cai", "Điều BLHS": "249"}'
    want=$w_change ;;
  'POST /api/v1/imports/{register}')
    # a check of the cases file the CLI exported: a writer's dry run
    path="/api/v1/imports/cases?dry_run=1"; body="@$T/cases.csv"; want=$w_people ;;
  'GET /api/v1/exports/{register}') path=/api/v1/exports/people; want=$w_people ;;
  *) path=; want=none ;;
  esac
  method=${1%% *}
}

cells=0 wrong=0
printf '%-44s' route >"$T/matrix"
for c in $callers; do printf ' %-12s' "$c" >>"$T/matrix"; done
echo >>"$T/matrix"
# per caller: its own plan (a writer imports one), task and case
for c in $callers; do
  r=${c%.*} lvl=${c#*.}
  eval "my_plan_$r$lvl=$plan my_task_$r$lvl=$plan_task"
done
printf '%s\n' "$table" | while IFS= read -r route; do
  printf '%-44s' "$route"
  for c in $callers; do
    r=${c%.*} lvl=${c#*.}
    {
      eval "tk=\$tk_${r}_$lvl my_plan=\$my_plan_$r$lvl my_task=\$my_task_$r$lvl"
      probe "$route"
      if [ -n "$body" ]; then got=$(call "$tk" "$method" "$path" "$body"); else got=$(call "$tk" "$method" "$path"); fi
      mark=' '
      if [ "$got" != "$want" ]; then
        mark='!'
        echo "FAIL: $route as $r.$lvl: $got, want $want: $(head -c 300 "$T/b")" >&2
        echo x >>"$T/wrong"
      fi
      echo x >>"$T/cells"
      printf ' %-12s' "$got$mark" 
      # what later rows act on
      case "$route:$got" in
      'POST /api/v1/plans:201') eval "my_plan_$r$lvl=$(jq .id "$T/b")" ;;
      'POST /api/v1/plans/{id}/tasks:201') eval "my_task_$r$lvl=$(jq .task_id "$T/b")" ;;
      esac
    }
  done
  echo
done >>"$T/matrix"
cat "$T/matrix"
cells=$(wc -l <"$T/cells")
wrong=$([ -f "$T/wrong" ] && wc -l <"$T/wrong" || echo 0)
echo "role matrix: $(printf '%s\n' "$table" | wc -l) routes x $n_callers callers = $cells cells, $wrong unexpected"
CHECKS=$((CHECKS + cells))
FAILS=$((FAILS + wrong))
CHECKS=$((CHECKS + 1))
[ "$cells" = $(($(printf '%s\n' "$table" | wc -l) * n_callers)) ] || fail "cells: $cells"

# a plan document over the upload limit (16 MiB by default): 413, and the
# server goes on serving
CHECKS=$((CHECKS + 1))
got=$(head -c 17000000 /dev/zero | curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tk_officer_xa" \
  -H 'X-File-Name: lon.docx' --data-binary @- "$U/api/v1/plans/read")
[ "$got" = 413 ] || fail "a 17 MB document: $got"
CHECKS=$((CHECKS + 1))
[ "$(call "$tk_officer_xa" GET /api/v1/agencies/kinds)" = 200 ] || fail "not serving after a 413"
# a control character in the name, a document that holds no plan: 400; no private
# copy of any upload is left behind
CHECKS=$((CHECKS + 1))
got=$(curl -s -o "$T/b" -w '%{http_code}' -H "Authorization: Bearer $tk_officer_xa" \
  -H 'X-File-Name: ke%0Ahoach.txt' --data-binary 'KẾ HOẠCH' "$U/api/v1/plans/read")
[ "$got" = 400 ] || fail "a control character in the file name: $got $(cat "$T/b")"
# a path as the name: only its last segment is used, never a folder
CHECKS=$((CHECKS + 1))
got=$(curl -s -o "$T/b" -w '%{http_code}' -H "Authorization: Bearer $tk_officer_xa" \
  -H 'X-File-Name: ..%2F..%2Fke-hoach.txt' \
  --data-binary @"$PCMT_SOURCE_DIR/tests/fixtures/plans/001_c4b8e8f3bf85f38b.txt" "$U/api/v1/plans/read")
[ "$got" = 200 ] && grep -q '"title"' "$T/b" || fail "a path as the file name: $got $(head -c 300 "$T/b")"
CHECKS=$((CHECKS + 1))
got=$(curl -s -o "$T/b" -w '%{http_code}' -H "Authorization: Bearer $tk_officer_xa" \
  -H 'X-File-Name: thu-moi.txt' --data-binary 'Kính mời các đồng chí dự họp.' "$U/api/v1/plans/read")
[ "$got" = 400 ] && jq -r .error.message "$T/b" | grep -q '^tệp thu-moi.txt không chứa kế hoạch' ||
  fail "a letter: $got $(cat "$T/b")"
CHECKS=$((CHECKS + 1))
[ -z "$(ls -A "$T/tmp")" ] || fail "uploads left in TMPDIR: $(ls -A "$T/tmp")"
# a personal register's page is audited with its purpose; a register
# without personal data is not
CHECKS=$((CHECKS + 1))
[ "$(qr "SELECT count(*) FROM audit_log WHERE action = 'register.read' AND purpose = 'kiểm tra API'")" = 5 ] ||
  fail "register.read rows: $(qr "SELECT actor, detail, purpose FROM audit_log WHERE action = 'register.read'")"
# the imports of records through the API are the CSV import's: four rows
# added (the five writers), five changed
CHECKS=$((CHECKS + 1))
[ "$(q "SELECT count(*) FROM drug_case WHERE record_no LIKE '%/2025/API.10'")" = 5 ] ||
  fail "cases added: $(q "SELECT record_no, detected_on FROM drug_case WHERE record_no LIKE '%API%'")"
CHECKS=$((CHECKS + 1))
[ "$(q "SELECT count(*) FROM drug_case WHERE record_no LIKE '%/2025/API.10' AND detected_on = '2025-05-06'")" = 5 ] ||
  fail "cases changed by PUT"

kill "$pid"
wait "$pid"
finish
