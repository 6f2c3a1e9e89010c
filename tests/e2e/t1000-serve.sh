#!/bin/sh
# t1000-serve.sh: the real web server on a free loopback port — health, the
# headers every answer carries, 404/405/413/400, invalid UTF-8 and malformed
# cookies, gzip, the assets' ETag and
# 304, an access log without query strings, and SIGTERM ending it cleanly.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/web.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0

. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
web_serve

# code ARGS...: the status curl gets
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

run curl -s "$U/healthz"
expect_status 0
expect_out "ok"

# the headers every answer carries, on a page
curl -s -D "$T/h" -o "$T/page" "$U/dang-nhap?login=secretquery"
CHECKS=$((CHECKS + 1))
case "$(hdr "$T/h" Content-Security-Policy)" in
  *"default-src 'self'"*"frame-ancestors 'none'"*) ;;
  *) fail "CSP: $(hdr "$T/h" Content-Security-Policy)" ;;
esac
CHECKS=$((CHECKS + 1))
hdr "$T/h" Content-Security-Policy | grep -q "unsafe-inline\|http" && fail "CSP allows inline or another origin"
CHECKS=$((CHECKS + 1))
[ "$(hdr "$T/h" X-Content-Type-Options)" = nosniff ] || fail "nosniff missing"
CHECKS=$((CHECKS + 1))
[ "$(hdr "$T/h" Referrer-Policy)" = no-referrer ] || fail "Referrer-Policy missing"
CHECKS=$((CHECKS + 1))
[ "$(hdr "$T/h" Content-Type)" = "text/html; charset=utf-8" ] || fail "Content-Type: $(hdr "$T/h" Content-Type)"
CHECKS=$((CHECKS + 1))
[ "$(hdr "$T/h" Cache-Control)" = no-store ] || fail "page Cache-Control: $(hdr "$T/h" Cache-Control)"
CHECKS=$((CHECKS + 1))
grep -q '<label for="password">Mật khẩu</label>' "$T/page" || fail "sign-in page lacks its labelled password field"
# no inline script: every <script> has a src
CHECKS=$((CHECKS + 1))
grep -q '<script>' "$T/page" && fail "inline script on the page"

# 404 (with the security headers), 405 with Allow, 413, 400
curl -s -D "$T/h" -o /dev/null "$U/khong-co/12345?cccd=001099012345"
CHECKS=$((CHECKS + 1))
head -1 "$T/h" | grep -q ' 404' || fail "unknown path: $(head -1 "$T/h")"
CHECKS=$((CHECKS + 1))
[ "$(hdr "$T/h" X-Content-Type-Options)" = nosniff ] || fail "404 without security headers"
curl -s -D "$T/h" -o /dev/null -X POST "$U/healthz"
CHECKS=$((CHECKS + 1))
head -1 "$T/h" | grep -q ' 405' || fail "POST /healthz: $(head -1 "$T/h")"
CHECKS=$((CHECKS + 1))
[ "$(hdr "$T/h" Allow)" = "GET, HEAD" ] || fail "Allow: $(hdr "$T/h" Allow)"
head -c 11000000 /dev/zero >"$T/big"
CHECKS=$((CHECKS + 1))
[ "$(code --data-binary @"$T/big" "$U/dang-nhap")" = 413 ] || fail "an 11 MB body is not refused with 413"
CHECKS=$((CHECKS + 1))
[ "$(code --request-target 'no-slash' "$U/")" = 400 ] || fail "a malformed request target is not 400"
big=$(head -c 20000 /dev/zero | tr '\0' a)
CHECKS=$((CHECKS + 1))
[ "$(code -H "X-Big: $big" "$U/healthz")" = 400 ] || fail "20 KB of headers is not refused"
# invalid UTF-8 in a form body, raw or percent-encoded (an overlong NUL too)
CHECKS=$((CHECKS + 1))
[ "$(code --data-binary "$(printf 'login=\377\376&password=x')" "$U/dang-nhap")" = 400 ] ||
  fail "a form body with raw invalid UTF-8 is not 400"
CHECKS=$((CHECKS + 1))
[ "$(code --data 'login=%FF%FE&password=%C0%80' "$U/dang-nhap")" = 400 ] ||
  fail "a form body with encoded invalid UTF-8 is not 400"
# malformed cookies are no session: sent to sign in, never a 5xx
for ck in '__Host-pcmt=%zz;;;=; __Host-pcmt' "__Host-pcmt=$(head -c 3000 /dev/zero | tr '\0' f)" \
  '__Host-pcmt="unterminated' "$(printf '__Host-pcmt=\377\376')"; do
  CHECKS=$((CHECKS + 1))
  [ "$(code -H "Cookie: $ck" "$U/")" = 303 ] || fail "malformed cookie '$ck' is not sent to sign in"
done
# a path with invalid UTF-8: refused before any page (no session here)
CHECKS=$((CHECKS + 1))
[ "$(code --request-target "$(printf '/nguoi/\377\376')" "$U/")" = 303 ] ||
  fail "a raw invalid UTF-8 path is not answered"
CHECKS=$((CHECKS + 1))
[ "$(code "$U/api/v1/persons?q=%FF")" = 401 ] || fail "an API call without a token is not 401"
CHECKS=$((CHECKS + 1))
[ "$(code "$U/healthz")" = 200 ] || fail "the server stopped serving after bad requests"

# a page that is not public sends the visitor to sign in
curl -s -D "$T/h" -o /dev/null "$U/"
CHECKS=$((CHECKS + 1))
head -1 "$T/h" | grep -q ' 303' && [ "$(hdr "$T/h" Location)" = /dang-nhap ] ||
  fail "home page without a session: $(head -1 "$T/h")"

# gzip when accepted, identity otherwise
curl -s -D "$T/h" -o "$T/page.gz" -H 'Accept-Encoding: gzip' "$U/dang-nhap"
CHECKS=$((CHECKS + 1))
[ "$(hdr "$T/h" Content-Encoding)" = gzip ] || fail "no gzip with Accept-Encoding: gzip"
CHECKS=$((CHECKS + 1))
gzip -dc "$T/page.gz" | cmp -s - "$T/page" || fail "the gzipped page differs from the plain one"
curl -s -D "$T/h" -o /dev/null -H 'Accept-Encoding: gzip;q=0, br' "$U/dang-nhap"
CHECKS=$((CHECKS + 1))
[ -z "$(hdr "$T/h" Content-Encoding)" ] || fail "gzip sent to a client that refused it"

# the stylesheet: hashed name, strong ETag, a year immutable, 304 on a match
css=$(grep -o '/static/style\.[0-9a-f]*\.css' "$T/page")
CHECKS=$((CHECKS + 1))
[ -n "$css" ] || fail "no hashed stylesheet link"
curl -s -D "$T/h" -o "$T/style.css" "$U$css"
CHECKS=$((CHECKS + 1))
cmp -s "$T/style.css" "$PCMT_SOURCE_DIR/web/static/style.css" || fail "served stylesheet differs from web/static"
hash=$(sha256sum "$PCMT_SOURCE_DIR/web/static/style.css" | cut -c1-16)
CHECKS=$((CHECKS + 1))
[ "$css" = "/static/style.$hash.css" ] || fail "stylesheet name $css, want the SHA-256 prefix $hash"
etag=$(hdr "$T/h" ETag)
CHECKS=$((CHECKS + 1))
[ "$etag" = "\"$hash\"" ] || fail "ETag $etag, want \"$hash\""
CHECKS=$((CHECKS + 1))
[ "$(hdr "$T/h" Cache-Control)" = "public, max-age=31536000, immutable" ] || fail "asset Cache-Control"
CHECKS=$((CHECKS + 1))
[ "$(code -H "If-None-Match: $etag" "$U$css")" = 304 ] || fail "If-None-Match is not answered 304"
CHECKS=$((CHECKS + 1))
[ "$(code -H 'If-None-Match: "other"' "$U$css")" = 200 ] || fail "a stale ETag is not answered 200"

# a keep-alive client that stays connected: it gets its answer, and the
# shutdown closes its idle connection instead of waiting for it
cat >"$T/idle.py" <<PY
import socket, sys
s = socket.create_connection(("127.0.0.1", $port))
s.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
got = b""
while b"ok" not in got:
    got += s.recv(4096)
open("$T/idle.ready", "w").write("ready")
while s.recv(4096):
    pass
open("$T/idle.closed", "w").write("closed")
PY
python3 "$T/idle.py" &
idle=$!
i=0
while [ ! -f "$T/idle.ready" ] && [ $i -lt 200 ]; do i=$((i + 1)); sleep 0.05; done
CHECKS=$((CHECKS + 1))
[ -f "$T/idle.ready" ] || fail "the keep-alive client got no answer"

# SIGTERM: the server ends with status 0 and says so
kill -TERM "$pid"
wait "$pid"
STATUS=$?
LAST="pcmt serve (SIGTERM)"
expect_status 0
CHECKS=$((CHECKS + 1))
grep -q 'pcmt serve: stopped' "$log" || fail "no clean stop in the log"
wait "$idle"
CHECKS=$((CHECKS + 1))
[ -f "$T/idle.closed" ] || fail "the idle keep-alive connection was not closed at shutdown"

# the access log: route patterns, never the query string or the path's values
CHECKS=$((CHECKS + 1))
grep -q 'access: GET /static/{file} 304' "$log" || fail "access log lacks the asset's pattern"
CHECKS=$((CHECKS + 1))
grep -q 'secretquery\|001099012345\|12345\|login=' "$log" && fail "access log holds a query string or a path value: $(grep 'secretquery\|12345' "$log")"
finish
