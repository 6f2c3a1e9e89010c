#!/bin/sh
# t1002-second-factor.sh: the second factor on the real server — a
# province officer sent to enrolment right after the password and reaching
# nothing else until enrolled; the QR code, URI and key on the enrolment
# page; a wrong code; codes computed here by oathtool; replay refused; a
# recovery code accepted once; `pcmt user reset-mfa` (administrator only,
# audited) ending the sessions; a commune officer not asked; and wrong
# codes counted by the sign-in rate limit.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

command -v oathtool >/dev/null || { echo "SKIP: oathtool not installed"; exit 77; }
db="$T/web.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
# unit 15: the province of Lào Cai (a second factor required); 03006: a commune (offered)
run sh -c "'$PCMT_BIN' --db '$db' user add ql.tinh --role officer --unit 15 <'$T/pw'"
expect_status 0
run sh -c "'$PCMT_BIN' --db '$db' user add cb.xa --role officer --unit 03006 <'$T/pw'"
expect_status 0

. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
web_serve
message() { sed -n 's|.*<a href="#code">\([^<]*\)</a>.*|\1|p' "$T/p"; }
now() { date +%s; }

# a province officer: after the password, enrolment and nothing else
signin ql.tinh
check "sign-in status" "$(status_of "$T/h")" 303
check "sent to enrolment" "$(hdr "$T/h" Location)" /xac-thuc/dang-ky
get /
check "home before enrolment" "$(status_of "$T/h"):$(hdr "$T/h" Location)" 303:/xac-thuc/dang-ky
get /xac-thuc/dang-ky
check "enrolment page" "$(status_of "$T/h")" 200
csrf_of_page
secret=$(sed -n 's|.*<code class="secret">\([A-Z2-7]*\)</code>.*|\1|p' "$T/p")
check "base32 secret of 20 bytes" "${#secret}" 32
CHECKS=$((CHECKS + 1))
grep -q "otpauth://totp/PCMT:ql.tinh?secret=$secret&amp;issuer=PCMT" "$T/p" || fail "no otpauth URI"
CHECKS=$((CHECKS + 1))
grep -q '<svg class="qr"' "$T/p" && grep -q '<path fill="#000" d="M4 4h1v1h-1z' "$T/p" ||
  fail "no QR code as inline SVG (a QR code's finder pattern starts at the quiet zone's corner)"
CHECKS=$((CHECKS + 1))
grep -qi '<script>' "$T/p" && fail "inline script on the enrolment page"

# a wrong code (the code of an hour ago) is refused, the right one enrols
post /xac-thuc/dang-ky --data-urlencode "code=$(oathtool --totp -b "$secret" -N "@$(($(now) - 3600))")"
check "wrong enrolment code" "$(status_of "$T/h")" 403
check "wrong code message" "$(message)" "Mã xác thực không đúng."
enrol_code=$(oathtool --totp -b "$secret")
post /xac-thuc/dang-ky --data-urlencode "code=$enrol_code"
check "enrolment" "$(status_of "$T/h")" 200
sed -n 's|^<li><code>\([a-z2-7-]*\)</code></li>$|\1|p' "$T/p" >"$T/codes"
check "recovery codes shown" "$(wc -l <"$T/codes" | tr -d ' ')" 10
check "recovery codes distinct" "$(sort -u "$T/codes" | wc -l | tr -d ' ')" 10
get /
check "home after enrolment" "$(status_of "$T/h")" 200
# the secret is never shown again, and the codes are kept only hashed
get /xac-thuc/dang-ky
CHECKS=$((CHECKS + 1))
grep -q "$secret" "$T/p" && fail "the secret is shown after enrolment"
CHECKS=$((CHECKS + 1))
grep -q "đã có xác thực hai bước" "$T/p" || fail "enrolled user not told so"
code1=$(sed -n 1p "$T/codes")
CHECKS=$((CHECKS + 1))
cat "$db" "$db-wal" 2>/dev/null | grep -qa "$code1" && fail "a recovery code's text is in the database"
check "hashes stored" "$(sqlite3 "$db" 'SELECT count(*) FROM user_recovery_code WHERE used_at IS NULL')" 10
csrf_of_page
post /dang-xuat --data-urlencode "x=1"
# signing in again asks for the code; the enrolment's code again is a replay
signin ql.tinh
check "second sign-in" "$(hdr "$T/h" Location)" /xac-thuc
get /
check "home before the code" "$(hdr "$T/h" Location)" /xac-thuc
get /xac-thuc
check "code page" "$(status_of "$T/h")" 200
csrf_of_page
post /xac-thuc --data-urlencode "code=$enrol_code"
check "replayed code" "$(status_of "$T/h")" 403
# the code of the next step (within the window of one step) is accepted
post /xac-thuc --data-urlencode "code=$(oathtool --totp -b "$secret" -N "@$(($(now) + 30))")"
check "next step's code" "$(status_of "$T/h"):$(hdr "$T/h" Location)" 303:/
get /
check "home after the code" "$(status_of "$T/h")" 200
csrf_of_page
post /dang-xuat --data-urlencode "x=1"
# a recovery code instead of the app's code: once
signin ql.tinh
get /xac-thuc
csrf_of_page
post /xac-thuc --data-urlencode "code=$code1"
check "recovery code" "$(status_of "$T/h")" 200
CHECKS=$((CHECKS + 1))
grep -q "Còn 9 mã khôi phục" "$T/p" || fail "recovery codes left not told"
get /
check "home after a recovery code" "$(status_of "$T/h")" 200
csrf_of_page
post /dang-xuat --data-urlencode "x=1"
signin ql.tinh
get /xac-thuc
csrf_of_page
post /xac-thuc --data-urlencode "code=$code1"
check "recovery code used twice" "$(status_of "$T/h")" 403
# typed in capitals with spaces: still a recovery code
post /xac-thuc --data-urlencode "code=$(sed -n 2p "$T/codes" | tr 'a-z-' 'A-Z ')"
check "second recovery code" "$(status_of "$T/h")" 200
check "audit of the second step" \
  "$(sqlite3 "$db" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log WHERE action LIKE 'mfa.%' ORDER BY id)")" \
  "mfa.enrol mfa.verify mfa.recovery mfa.recovery"

# reset-mfa: refused to an officer, done by the administrator, ends the sessions
run "$PCMT_BIN" --db "$db" user reset-mfa ql.tinh --as cb.xa
CHECKS=$((CHECKS + 1))
[ "$STATUS" != 0 ] || fail "an officer reset a second factor"
run "$PCMT_BIN" --db "$db" user reset-mfa ql.tinh
expect_status 0
get /
check "session after reset-mfa" "$(status_of "$T/h"):$(hdr "$T/h" Location)" 303:/dang-nhap
check "factor removed" "$(sqlite3 "$db" 'SELECT (SELECT count(*) FROM user_totp) + (SELECT count(*) FROM user_recovery_code)')" 0
check "reset audited" "$(sqlite3 "$db" "SELECT actor FROM audit_log WHERE action = 'mfa.reset'")" admin
signin ql.tinh
check "after reset: enrol again" "$(hdr "$T/h" Location)" /xac-thuc/dang-ky

# wrong codes count like wrong passwords: five lock the login
get /xac-thuc/dang-ky
csrf_of_page
secret=$(sed -n 's|.*<code class="secret">\([A-Z2-7]*\)</code>.*|\1|p' "$T/p")
for k in 1 2 3 4 5; do
  post /xac-thuc/dang-ky --data-urlencode "code=$(oathtool --totp -b "$secret" -N "@$(($(now) - 3600 * k))")"
done
post /xac-thuc/dang-ky --data-urlencode "code=$(oathtool --totp -b "$secret")"
check "right code while locked" "$(status_of "$T/h")" 403
CHECKS=$((CHECKS + 1))
message | grep -q "quá nhiều lần" || fail "lockout message: $(message)"
signin ql.tinh
check "password while locked" "$(status_of "$T/h")" 403

# a commune officer is not asked for a second factor
signin cb.xa
check "commune officer" "$(status_of "$T/h"):$(hdr "$T/h" Location)" 303:/
finish
