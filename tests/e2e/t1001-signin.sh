#!/bin/sh
# t1001-signin.sh: signing in on the real server — `pcmt user add` reading
# the password from stdin (weak ones refused), the same answer for a wrong
# login and a wrong password, the session cookie's attributes, a database
# that holds no usable token, CSRF on sign-out, sign-out ending the session
# on the server, the lockout after repeated failures, and the password change
# page (current password checked and counted, the other sessions ended).
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/web.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
# commune officers: no second factor required (t1002 covers it)
run "$PCMT_BIN" --db "$db" units import
expect_status 0
pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
run sh -c "'$PCMT_BIN' --db '$db' user add cb.web --role officer --unit 03006 <'$T/pw'"
expect_status 0
printf 'ngắn\n' >"$T/short"
run sh -c "'$PCMT_BIN' --db '$db' user add cb.short --role officer <'$T/short'"
expect_status 2
expect_err "ít nhất 10 ký tự"
printf 'Password123\n' >"$T/common"
run sh -c "'$PCMT_BIN' --db '$db' user add cb.common --role officer <'$T/common'"
expect_status 2
expect_err "phổ biến"

. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
web_serve
# the error summary's message of the last sign-in page
message() { sed -n 's|.*<a href="#login">\([^<]*\)</a>.*|\1|p' "$T/p"; }

# a wrong password and an unknown login: one answer
signin cb.web 'mật khẩu sai hẳn rồi'
CHECKS=$((CHECKS + 1))
[ "$(status_of "$T/h")" = 403 ] || fail "wrong password: status $(status_of "$T/h")"
m1=$(message)
signin khong.ai.ca 'mật khẩu sai hẳn rồi'
m2=$(message)
CHECKS=$((CHECKS + 1))
[ "$m1" = "Tên đăng nhập hoặc mật khẩu không đúng." ] || fail "wrong password message: $m1"
CHECKS=$((CHECKS + 1))
[ "$m1" = "$m2" ] || fail "unknown login told apart: '$m2' vs '$m1'"
CHECKS=$((CHECKS + 1))
grep -q 'value="khong.ai.ca"' "$T/p" || fail "the login typed is not kept in the form"

# the right password: a session cookie, HttpOnly, SameSite=Strict, Secure, __Host-
signin cb.web "$pw"
CHECKS=$((CHECKS + 1))
[ "$(status_of "$T/h")" = 303 ] && [ "$(hdr "$T/h" Location)" = / ] || fail "sign-in: $(head -1 "$T/h")"
cookie=$(hdr "$T/h" Set-Cookie)
CHECKS=$((CHECKS + 1))
case "$cookie" in
  __Host-pcmt=*"; Path=/; HttpOnly; SameSite=Strict; Secure") ;;
  *) fail "cookie attributes: $cookie" ;;
esac
token=$(printf '%s' "$cookie" | sed 's/^__Host-pcmt=\([0-9a-f]*\);.*/\1/')
CHECKS=$((CHECKS + 1))
[ ${#token} = 64 ] || fail "token of ${#token} hex digits, want 64 (256 bits)"

# the database keeps no usable token: not the token, only its hash
CHECKS=$((CHECKS + 1))
n=$(sqlite3 "$db" "SELECT count(*) FROM web_session WHERE lower(hex(token_hash)) = '$token'")
[ "$n" = 0 ] || fail "the token itself is stored"
CHECKS=$((CHECKS + 1))
cat "$db" "$db-wal" 2>/dev/null | grep -q "$token" && fail "the token's text is in the database file"
CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$db" 'SELECT count(*) FROM web_session WHERE ended_at IS NULL')" = 1 ] ||
  fail "no open session row"

# signed in: the home page names the user and carries the CSRF token
curl -s -D "$T/h" -o "$T/p" -H "Cookie: __Host-pcmt=$token" "$U/"
CHECKS=$((CHECKS + 1))
[ "$(status_of "$T/h")" = 200 ] || fail "home page with the cookie: $(head -1 "$T/h")"
CHECKS=$((CHECKS + 1))
grep -q 'cb.web' "$T/p" || fail "home page does not name the user"
csrf=$(sed -n 's|.*name="csrf" value="\([0-9a-f]*\)".*|\1|p' "$T/p")
CHECKS=$((CHECKS + 1))
[ ${#csrf} = 64 ] && [ "$csrf" != "$token" ] || fail "CSRF token: '$csrf'"

# sign-out without the CSRF token, with a wrong one, from another origin: refused
CHECKS=$((CHECKS + 1))
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: __Host-pcmt=$token" -d '' "$U/dang-xuat")" = 403 ] ||
  fail "sign-out without a CSRF token is not refused"
# the wrong token differs from the real one in its last digit, whatever that digit is
case "$csrf" in *0) wrong="${csrf%?}1" ;; *) wrong="${csrf%?}0" ;; esac
CHECKS=$((CHECKS + 1))
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: __Host-pcmt=$token" -d "csrf=$wrong" "$U/dang-xuat")" = 403 ] ||
  fail "sign-out with a wrong CSRF token is not refused"
CHECKS=$((CHECKS + 1))
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: __Host-pcmt=$token" -H 'Origin: http://evil.example' -d "csrf=$csrf" "$U/dang-xuat")" = 403 ] ||
  fail "sign-out from another origin is not refused"
# the session survived the refused attempts; now sign out properly
curl -s -D "$T/h" -o /dev/null -H "Cookie: __Host-pcmt=$token" -d "csrf=$csrf" "$U/dang-xuat"
CHECKS=$((CHECKS + 1))
[ "$(status_of "$T/h")" = 303 ] || fail "sign-out: $(head -1 "$T/h")"
CHECKS=$((CHECKS + 1))
case "$(hdr "$T/h" Set-Cookie)" in *"Max-Age=0"*) ;; *) fail "sign-out does not clear the cookie" ;; esac
# the old cookie opens nothing: the session ended on the server
curl -s -D "$T/h" -o /dev/null -H "Cookie: __Host-pcmt=$token" "$U/"
CHECKS=$((CHECKS + 1))
[ "$(status_of "$T/h")" = 303 ] && [ "$(hdr "$T/h" Location)" = /dang-nhap ] ||
  fail "the signed-out cookie still opens the home page"
CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action IN ('session.signin','session.signout') AND actor = 'cb.web'")" = 2 ] ||
  fail "sign-in and sign-out are not both audited"

# five wrong passwords lock the login; then even the right one is refused
for k in 1 2 3 4 5; do signin cb.web "sai lần thứ $k rồi nhé"; done
signin cb.web "$pw"
CHECKS=$((CHECKS + 1))
[ "$(status_of "$T/h")" = 403 ] || fail "locked login signed in: $(head -1 "$T/h")"
CHECKS=$((CHECKS + 1))
message | grep -q "quá nhiều lần" || fail "lockout message: $(message)"

# a new password (pcmt user passwd, from stdin) ends the user's sessions
printf '%s\n' "$pw" >"$T/pw2"
run sh -c "'$PCMT_BIN' --db '$db' user add cb.hai --role officer --unit 03006 <'$T/pw2'"
expect_status 0
signin cb.hai "$pw"
token2=$(hdr "$T/h" Set-Cookie | sed 's/^__Host-pcmt=\([0-9a-f]*\);.*/\1/')
CHECKS=$((CHECKS + 1))
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: __Host-pcmt=$token2" "$U/")" = 200 ] ||
  fail "second user's session does not open the home page"
printf 'mật khẩu mới của cb.hai\n' >"$T/pw3"
run sh -c "'$PCMT_BIN' --db '$db' user passwd cb.hai <'$T/pw3'"
expect_status 0
CHECKS=$((CHECKS + 1))
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: __Host-pcmt=$token2" "$U/")" = 303 ] ||
  fail "the session survived a password change"
signin cb.hai 'mật khẩu mới của cb.hai'
CHECKS=$((CHECKS + 1))
[ "$(status_of "$T/h")" = 303 ] || fail "the new password does not sign in"

# --- the password change page: a user changes its own -------------------------------
run sh -c "'$PCMT_BIN' --db '$db' user add cb.ba --role officer --unit 03006 <'$T/pw'"
expect_status 0
signin cb.ba "$pw"
other=$token # a second session of the same user, on another computer
signin cb.ba "$pw"
get /doi-mat-khau
check "password page" "$(status_of "$T/h")" 200
has "header: role and territory" 'Cán bộ cơ quan thường trực · phường Sa Pa'
has "current password labelled" '<label for="mat-khau">Mật khẩu hiện tại</label>'
csrf_of_page
# without the CSRF token: refused, nothing changed
postraw /doi-mat-khau --data-urlencode "mat-khau=$pw" --data-urlencode "mat-khau-moi=mưa rơi trên phố cổ" \
  --data-urlencode "nhap-lai=mưa rơi trên phố cổ"
check "password change without CSRF" "$(status_of "$T/h")" 403
# a wrong current password: 403, named above its field, counted as a failure
post /doi-mat-khau --data-urlencode "mat-khau=không phải nó" \
  --data-urlencode "mat-khau-moi=mưa rơi trên phố cổ" --data-urlencode "nhap-lai=mưa rơi trên phố cổ"
check "wrong current password" "$(status_of "$T/h")" 403
has "wrong current password named" '<a href="#mat-khau">Mật khẩu hiện tại không đúng.</a>'
lacks "no password sent back" 'mưa rơi'
check "the failure counted" "$(sqlite3 "$db" "SELECT count(*) FROM signin_failure WHERE name = 'cb.ba'")" 1
# the two new ones differ; then a new one too short
post /doi-mat-khau --data-urlencode "mat-khau=$pw" --data-urlencode "mat-khau-moi=mưa rơi trên phố cổ" \
  --data-urlencode "nhap-lai=mưa rơi trên phố"
check "new passwords differ" "$(status_of "$T/h")" 400
has "mismatch named" '<a href="#nhap-lai">'
post /doi-mat-khau --data-urlencode "mat-khau=$pw" --data-urlencode "mat-khau-moi=ngắn" \
  --data-urlencode "nhap-lai=ngắn"
check "short new password" "$(status_of "$T/h")" 400
has "short named" '<a href="#mat-khau-moi">'
# the change: this session goes on, the other one ends, the old password stops
post /doi-mat-khau --data-urlencode "mat-khau=$pw" --data-urlencode "mat-khau-moi=mưa rơi trên phố cổ" \
  --data-urlencode "nhap-lai=mưa rơi trên phố cổ"
check "password changed" "$(status_of "$T/h")" 303
check "back to the page" "$(hdr "$T/h" Location)" "/doi-mat-khau?da-doi=1"
get "/doi-mat-khau?da-doi=1"
check "this session goes on" "$(status_of "$T/h")" 200
has "change confirmed" 'Đã đổi mật khẩu.'
CHECKS=$((CHECKS + 1))
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: __Host-pcmt=$other" "$U/")" = 303 ] ||
  fail "the other session survived the password change"
check "audited" "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'user.password' AND actor = 'cb.ba'")" 1
signin cb.ba "$pw"
check "old password refused" "$(status_of "$T/h")" 403
signin cb.ba 'mưa rơi trên phố cổ'
check "new password signs in" "$(status_of "$T/h")" 303

# the access log names no login, password, token or CSRF value
CHECKS=$((CHECKS + 1))
grep -q "cb.web\|$token\|$csrf\|ngõ" "$log" && fail "access log holds personal or secret data"
kill -TERM "$pid"
wait "$pid"
STATUS=$?
expect_status 0
finish
