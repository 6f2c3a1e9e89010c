#!/bin/sh
# t1040-admin-pages.sh: the administration pages on the real server — an
# officer refused on every /quan-tri page; a national administrator (second
# factor by oathtool) adding a user through the form (then `pcmt user
# list` has it), a bad form kept with its field error, a form without the
# CSRF token refused, a disabled user unable to sign in; the audit page
# listing and filtering the rows, its CSV export, the chain's verdict, and
# the break after an audit row is edited in the database.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

command -v oathtool >/dev/null || { echo "SKIP: oathtool not installed"; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 not installed"; exit 77; }
db="$T/web.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
# a national administrator (a second factor required) and a commune officer
run sh -c "'$PCMT_BIN' --db '$db' user add qt.tw --role admin <'$T/pw'"
expect_status 0
run sh -c "'$PCMT_BIN' --db '$db' user add cb.xa --role officer --unit 03006 <'$T/pw'"
expect_status 0

. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
web_serve

# the administrator: password, then enrolment with a code from oathtool
signin qt.tw
check "admin sent to enrolment" "$(hdr "$T/h" Location)" /xac-thuc/dang-ky
get /xac-thuc/dang-ky
csrf_of_page
secret=$(sed -n 's|.*<code class="secret">\([A-Z2-7]*\)</code>.*|\1|p' "$T/p")
post /xac-thuc/dang-ky --data-urlencode "code=$(oathtool --totp -b "$secret")"
check "admin enrolled" "$(status_of "$T/h")" 200
admin=$token

# the officer: every administration page refused
signin cb.xa
officer=$token
check "officer signed in" "$(hdr "$T/h" Location)" /
get /
csrf_of_page
CHECKS=$((CHECKS + 1))
grep -q 'href="/quan-tri/' "$T/p" && fail "the officer's pages link to /quan-tri"
for path in /quan-tri/nguoi-dung /quan-tri/nhat-ky /quan-tri/nhat-ky.csv \
  '/quan-tri/nhat-ky?hanh-dong=user.create'; do
  get "$path"
  check "officer GET $path" "$(status_of "$T/h")" 403
done
for path in /quan-tri/nguoi-dung /quan-tri/nguoi-dung/cb.xa/khoa /quan-tri/nguoi-dung/qt.tw/khoa \
  /quan-tri/nguoi-dung/qt.tw/mo-khoa /quan-tri/nguoi-dung/qt.tw/dat-lai-xac-thuc; do
  post "$path" --data-urlencode "login=x"
  check "officer POST $path" "$(status_of "$T/h")" 403
done
check "officer changed nothing" \
  "$(sqlite3 "$db" "SELECT count(*) FROM app_user WHERE disabled_at IS NOT NULL")" 0

# the administrator's users page: both users, the navigation link
token=$admin
get /quan-tri/nguoi-dung
check "users page" "$(status_of "$T/h")" 200
has "navigation" 'href="/quan-tri/nguoi-dung">Quản trị</a>'
has "officer row" '<th scope="row">cb.xa</th>'
has "admin row" '<th scope="row">qt.tw</th>'
has "officer's territory" "(03006)"
has "admin enrolled, national" '<th scope="row">qt.tw</th><td></td><td>Quản trị hệ thống</td><td>Toàn quốc</td><td><strong class="tag tag-green">Đã đăng ký</strong>'
CHECKS=$((CHECKS + 1))
grep '<th scope="row">cb.xa</th>' "$T/p" | grep -q 'Chưa đăng ký</strong></td><td><strong class="tag tag-blue">Đang hoạt động' ||
  fail "the officer's row: no second factor, active"
csrf_of_page

# without the CSRF token: refused, nothing added
postraw /quan-tri/nguoi-dung --data-urlencode "login=cb.moi" --data-urlencode "role=officer" \
  --data-urlencode "unit=03006" --data-urlencode "password=$pw"
check "add without CSRF" "$(status_of "$T/h")" 403
check "nothing added" "$(sqlite3 "$db" "SELECT count(*) FROM app_user WHERE login = 'cb.moi'")" 0

# a password of 9 characters: the form again, values kept, the error at the password
post /quan-tri/nguoi-dung --data-urlencode "login=cb.moi" --data-urlencode "full_name=Lê Thị Hoa" \
  --data-urlencode "role=officer" --data-urlencode "unit=03006" --data-urlencode "password=ngõ nhỏ 9"
check "short password" "$(status_of "$T/h")" 400
has "login kept" 'id="login" name="login" type="text" spellcheck="false" autocomplete="off" aria-describedby="login-hint" value="cb.moi"'
has "name kept" 'value="Lê Thị Hoa"'
has "role kept" '<option value="officer" selected>'
has "password error at its field" 'id="password-error"><span class="visually-hidden">Lỗi:</span> mật khẩu phải có ít nhất 10 ký tự'
has "summary links to the field" '<a href="#password">mật khẩu phải có ít nhất 10 ký tự</a>'
lacks "password not echoed" 'ngõ nhỏ 9'
# a unit that does not exist: the error at the unit
post /quan-tri/nguoi-dung --data-urlencode "login=cb.moi" --data-urlencode "role=officer" \
  --data-urlencode "unit=99999" --data-urlencode "password=$pw"
check "unknown unit" "$(status_of "$T/h")" 400
has "unit error at its field" 'id="unit-error"'
# an empty form: each required field named
post /quan-tri/nguoi-dung --data-urlencode "login="
check "empty form" "$(status_of "$T/h")" 400
has "login required" '<a href="#login">Hãy nhập tên đăng nhập.</a>'
has "role required" '<a href="#role">Hãy chọn vai trò.</a>'
has "password required" '<a href="#password">Hãy nhập mật khẩu ban đầu'
check "nothing added by bad forms" "$(sqlite3 "$db" "SELECT count(*) FROM app_user WHERE login = 'cb.moi'")" 0

# the right form: 303 back with the notice; the CLI lists the user
post /quan-tri/nguoi-dung --data-urlencode "login=cb.moi" --data-urlencode "full_name=Lê Thị Hoa" \
  --data-urlencode "role=officer" --data-urlencode "unit=03006" --data-urlencode "password=$pw"
check "add" "$(status_of "$T/h"):$(hdr "$T/h" Location)" "303:/quan-tri/nguoi-dung?thong-bao=da-them&ten=cb.moi"
get "$(hdr "$T/h" Location)"
has "notice" 'Đã thêm người dùng <strong>cb.moi</strong>.'
has "new row" '<th scope="row">cb.moi</th>'
run "$PCMT_BIN" --db "$db" user list
expect_status 0
expect_out "cb.moi"
# the same login again: the error at the login
csrf_of_page
post /quan-tri/nguoi-dung --data-urlencode "login=cb.moi" --data-urlencode "role=officer" \
  --data-urlencode "unit=03006" --data-urlencode "password=$pw"
check "login taken" "$(status_of "$T/h")" 409
has "login error" 'id="login-error"'

# the new user signs in; disabled, it cannot any more
signin cb.moi
check "new user signs in" "$(status_of "$T/h"):$(hdr "$T/h" Location)" 303:/
moi=$token
token=$admin
post /quan-tri/nguoi-dung/cb.moi/khoa
check "disable" "$(status_of "$T/h"):$(hdr "$T/h" Location)" "303:/quan-tri/nguoi-dung?thong-bao=da-khoa&ten=cb.moi"
get /quan-tri/nguoi-dung
has "disabled shown" 'Đã khóa</strong> từ'
token=$moi
get /
check "disabled user's session" "$(status_of "$T/h"):$(hdr "$T/h" Location)" 303:/dang-nhap
signin cb.moi
check "disabled user cannot sign in" "$(status_of "$T/h")" 403
token=$admin
get /quan-tri/nguoi-dung
csrf_of_page
post /quan-tri/nguoi-dung/cb.moi/mo-khoa
check "enable" "$(status_of "$T/h")" 303
signin cb.moi
check "enabled user signs in" "$(status_of "$T/h"):$(hdr "$T/h" Location)" 303:/
# an administrator cannot disable itself
token=$admin
post /quan-tri/nguoi-dung/qt.tw/khoa
check "disable oneself" "$(status_of "$T/h")" 400
# reset of the second factor (through the app operation, audited)
post /quan-tri/nguoi-dung/qt.tw/dat-lai-xac-thuc
check "reset own factor" "$(status_of "$T/h")" 303
check "factor removed" "$(sqlite3 "$db" 'SELECT count(*) FROM user_totp')" 0
check "reset audited" "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'mfa.reset' AND actor = 'qt.tw'")" 1
# the reset ended the administrator's sessions: sign in and enrol again
signin qt.tw
get /xac-thuc/dang-ky
csrf_of_page
secret=$(sed -n 's|.*<code class="secret">\([A-Z2-7]*\)</code>.*|\1|p' "$T/p")
post /xac-thuc/dang-ky --data-urlencode "code=$(oathtool --totp -b "$secret")"
check "admin enrolled again" "$(status_of "$T/h")" 200
admin=$token
check "audit of the users page" \
  "$(sqlite3 "$db" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log WHERE actor = 'qt.tw' AND action LIKE 'user.%' ORDER BY id)")" \
  "user.create user.disable user.enable"

# the audit page: the verdict, the rows, the filters
rows() { grep -c '^<tr><td>[0-9]' "$T/p"; }
get /quan-tri/nhat-ky
check "audit page" "$(status_of "$T/h")" 200
has "chain holds" '<strong>Chuỗi nhật ký toàn vẹn</strong>'
has "user.create row" '<td>Thêm người dùng</td>'
has "its detail" 'thêm người dùng cb.moi, vai trò officer, địa bàn'
check "only the header's form posts" "$(grep -c 'method="post"' "$T/p")" 1
get '/quan-tri/nhat-ky?hanh-dong=user.disable'
check "filter by action" "$(rows)" 1
has "disable row" '<td>Khóa người dùng</td>'
lacks "no other action" '<td>Thêm người dùng</td>'
get '/quan-tri/nhat-ky?nguoi-dung=qt.tw&hanh-dong=user.create'
check "filter by user and action" "$(rows)" 1
# dates in Vietnam time (UTC+7): today holds the rows, yesterday none
today=$(date -u -d '+7 hours' +%d/%m/%Y)
yesterday=$(date -u -d '-17 hours' +%d/%m/%Y)
get "/quan-tri/nhat-ky?hanh-dong=user.create&nguoi-dung=qt.tw&tu=$today&den=$today"
check "today" "$(rows)" 1
get "/quan-tri/nhat-ky?hanh-dong=user.create&den=$yesterday"
check "up to yesterday" "$(rows)" 0
has "nothing matches" 'Không có dòng nhật ký nào khớp bộ lọc.'
get '/quan-tri/nhat-ky?tu=31/02/2026&ho-so=abc'
check "bad filters" "$(status_of "$T/h")" 400
has "date error" '<a href="#tu">Từ ngày phải có dạng ngày/tháng/năm'
has "record error" '<a href="#ho-so">Số hồ sơ phải là một số nguyên dương.</a>'
has "values kept" 'value="31/02/2026"'

# the CSV export: the same filter, the same rows
curl -s -D "$T/h" -o "$T/csv" -H "Cookie: __Host-pcmt=$token" "$U/quan-tri/nhat-ky.csv?hanh-dong=user.create"
check "csv status" "$(status_of "$T/h")" 200
check "csv type" "$(hdr "$T/h" Content-Type)" "text/csv; charset=utf-8"
check "csv rows" "$(tail -n +2 "$T/csv" | grep -c ',user.create,')" \
  "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'user.create'")"
CHECKS=$((CHECKS + 1))
grep -q ',qt.tw,Thêm người dùng,user.create,user #' "$T/csv" || fail "csv lacks the web's user.create row"
check "csv begins with the BOM" "$(head -c 3 "$T/csv" | od -An -tx1 | tr -d ' ')" efbbbf

# a read of a person: its row in the reads' chain (FILE.reads), numbered Đ-1 on the page and
# in the CSV, merged with the changes by time
run "$PCMT_BIN" --db "$db" person add --name "Sùng Thị Mỷ" --dob 12/07/1994 --sex nữ --unit 03006
expect_status 0
pid_read=$OUT
# (read as the commune officer, so that the local administrator's rows paged below are
# the database chain's alone)
run "$PCMT_BIN" --db "$db" person show "$pid_read" --as cb.xa --purpose "rà soát hồ sơ"
expect_status 0
get "/quan-tri/nhat-ky?ho-so=$pid_read"
check "the person's rows: its creation and its read" "$(grep -c '^<tr><td>' "$T/p")" 2
has "the read, first chain row of the reads" "<tr><td>Đ-1</td>"
has "the read's purpose" '<td>rà soát hồ sơ</td>'
check "the read is the newest" "$(sed -n 's|^<tr><td>\([^<]*\)</td>.*|\1|p' "$T/p" | head -1)" "Đ-1"
curl -s -o "$T/csv" -H "Cookie: __Host-pcmt=$token" "$U/quan-tri/nhat-ky.csv?ho-so=$pid_read"
CHECKS=$((CHECKS + 1))
grep -q "^Đ-1,.*,cb.xa,Xem hồ sơ người,person.read,person #$pid_read,rà soát hồ sơ," "$T/csv" ||
  fail "csv lacks the read's row: $(cat "$T/csv")"

# pagination: 60 more rows by the local administrator, 50 a page
k=0
while [ $k -lt 30 ]; do
  "$PCMT_BIN" --db "$db" user disable cb.xa >/dev/null 2>&1
  "$PCMT_BIN" --db "$db" user enable cb.xa >/dev/null 2>&1
  k=$((k + 1))
done
n_admin=$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE actor = 'admin'")
get '/quan-tri/nhat-ky?nguoi-dung=admin'
check "first page" "$(rows)" 50
has "next page link" 'href="/quan-tri/nhat-ky?nguoi-dung=admin&amp;trang=2">Trang sau</a>'
get '/quan-tri/nhat-ky?nguoi-dung=admin&trang=2'
check "second page" "$(rows)" $((n_admin - 50))
check "second page starts at the 51st newest" \
  "$(sed -n 's|^<tr><td>\([0-9]*\)</td>.*|\1|p' "$T/p" | head -1)" \
  "$(sqlite3 "$db" "SELECT id FROM audit_log WHERE actor = 'admin' ORDER BY id DESC LIMIT 1 OFFSET 50")"
has "previous page link" 'href="/quan-tri/nhat-ky?nguoi-dung=admin&amp;trang=1">Trang trước</a>'

# an audit row edited before the newest signed checkpoint (the CLI commands above signed
# theirs, each after verifying the rows since the one before): the page walks from that
# checkpoint and says so; `pcmt audit verify` walks the whole chain and finds the edit
cp_id=$(tail -1 "$db.checkpoints" | cut -d' ' -f1)
bad=$(sqlite3 "$db" "SELECT id FROM audit_log WHERE action = 'user.create' AND actor = 'qt.tw'")
check "the edited row is before the checkpoint" "$([ "$bad" -lt "$cp_id" ] && echo yes)" yes
sqlite3 "$db" "UPDATE audit_log SET detail = 'thêm người dùng khác' WHERE id = $bad"
get /quan-tri/nhat-ky
check "page after the edit" "$(status_of "$T/h")" 200
has "whole from the checkpoint" '<strong>Chuỗi nhật ký toàn vẹn</strong>'
# the time is the line's next-to-last field (ID HASH [RID RHASH] AT SIGNATURE: docs/audit.md)
cp_at=$(date -u -d "$(tail -1 "$db.checkpoints" | awk '{ print $(NF - 1) }')" +%s)
cp_vn=$(date -u -d "@$((cp_at + 7 * 3600))" '+%d/%m/%Y %H:%M') # Vietnam time, UTC+7
has "the checkpoint named" "đã kiểm đến mốc ký ngày $cp_vn — dòng $cp_id —"
run "$PCMT_BIN" --db "$db" audit verify
expect_status 1
expect_err "dòng $bad đã bị sửa"
# a row written after the checkpoint (a sign-in on the server) and edited: the page shows it
signin cb.xa
after=$(sqlite3 "$db" "SELECT max(id) FROM audit_log")
check "a row after the checkpoint" "$([ "$after" -gt "$cp_id" ] && echo yes)" yes
sqlite3 "$db" "UPDATE audit_log SET detail = 'sửa' WHERE id = $after"
token=$admin
get /quan-tri/nhat-ky
check "page after the second edit" "$(status_of "$T/h")" 200
has "break shown" '<strong>Nhật ký bị sửa</strong>'
has "the broken row" "<li>Dòng $after: "
lacks "no longer whole" 'Chuỗi nhật ký toàn vẹn'
finish
