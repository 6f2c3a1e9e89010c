#!/bin/sh
# demo.sh PCMT_BINARY DB [HOST:PORT]: the demo — a database with the official
# administrative units, the three sample plans imported as drafts, a generated
# province (Lào Cai: people and their histories, cases, places, networks,
# licit entities, activities) and one user per role and level; then the web
# server on HOST:PORT (default 127.0.0.1:8080) until Ctrl-C.
#
# The users are made on the first run, each with a random password, and the
# ones whose role requires a second factor (administrators, province roles)
# are enrolled through the real enrolment page; the sign-ins are kept in
# DB.signins (owner-only) and printed on every run, so a second run serves
# within seconds with the same sign-ins. PCMT_DEMO_ONCE=1 stops the server
# right after printing them (the demo's own test).
set -eu
pcmt=${1:-build/pcmt}
db=${2:-demo.db}
listen=${3:-127.0.0.1:8080}
here=$(cd "$(dirname "$0")/.." && pwd)
signins="$db.signins"
log="$db.serve.log"

"$pcmt" init --db "$db"
"$pcmt" units import --db "$db"
if [ -z "$("$pcmt" --db "$db" plan list 2>/dev/null)" ]; then
  for f in "$here"/tests/fixtures/plans/*.txt; do
    "$pcmt" --db "$db" plan import "$f" >/dev/null
  done
fi
# exit status 4: the data was generated on an earlier run
status=0
"$pcmt" --db "$db" gen --scale province --province 10 --seed 1 >/dev/null 2>"$db.gen.err" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 4 ]; then
  cat "$db.gen.err" >&2
  exit 1
fi
rm -f "$db.gen.err"

# One user per role and level: LOGIN ROLE UNIT AGENCY ("-": none). Unit 15 is
# today's Lào Cai (a province: second factor required), 02905 its commune
# xã Bảo Thắng (a second factor offered, not required).
USERS="qt.quocgia admin - -
cb.tinh officer 15 -
cb.xa officer 02905 -
yt.tinh agency 15 health
ld.tinh leader 15 -
ld.xa leader 02905 -"

# A random password of 16 letters and digits.
password() {
  tr -dc 'A-Za-z0-9' </dev/urandom | head -c 16
}

start_server() {
  "$pcmt" --db "$db" serve --listen "$listen" 2>"$log" &
  pid=$!
  i=0
  while ! grep -q 'listening on' "$log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2
      echo "demo: the server did not start (is $listen in use? make demo DEMO_LISTEN=127.0.0.1:8081)" >&2
      exit 1
    fi
    i=$((i + 1))
    [ $i -lt 600 ] || { echo "demo: the server did not start in 30 s" >&2; kill "$pid"; exit 1; }
    sleep 0.05
  done
  url=$(sed -n 's|.*listening on \(http://[^ ]*\).*|\1|p' "$log" | head -1)
}

# enrol LOGIN PASSWORD: the second factor through the enrolment page, as a
# person with an authenticator app would; prints the key.
enrol() {
  tmp=$(mktemp -d)
  curl -s -D "$tmp/h" -o /dev/null --data-urlencode "login=$1" --data-urlencode "password=$2" \
    "$url/dang-nhap"
  token=$(tr -d '\r' <"$tmp/h" | sed -n 's/^[Ss]et-[Cc]ookie: __Host-pcmt=\([0-9a-f]*\);.*/\1/p')
  curl -s -o "$tmp/p" -H "Cookie: __Host-pcmt=$token" "$url/xac-thuc/dang-ky"
  secret=$(sed -n 's|.*<code class="secret">\([A-Z2-7]*\)</code>.*|\1|p' "$tmp/p")
  csrf=$(sed -n 's|.*name="csrf" value="\([0-9a-f]*\)".*|\1|p' "$tmp/p" | head -1)
  curl -s -o /dev/null -H "Cookie: __Host-pcmt=$token" --data-urlencode "csrf=$csrf" \
    --data-urlencode "code=$(oathtool --totp -b "$secret")" "$url/xac-thuc/dang-ky"
  curl -s -o /dev/null -H "Cookie: __Host-pcmt=$token" --data-urlencode "csrf=$csrf" \
    "$url/dang-xuat"
  rm -rf "$tmp"
  printf '%s' "$secret"
}

stop_server() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

start_server
trap 'stop_server' EXIT
trap 'exit 0' INT TERM

if [ ! -s "$signins" ]; then
  (umask 077 && : >"$signins.new")
  printf '%s\n' "$USERS" | while read -r login role unit agency; do
    pw=$(password)
    set -- user add "$login" --role "$role"
    [ "$unit" = - ] || set -- "$@" --unit "$unit"
    [ "$agency" = - ] || set -- "$@" --agency "$agency"
    printf '%s\n' "$pw" | "$pcmt" --db "$db" "$@" >/dev/null
    secret=-
    case "$role:$unit" in admin:* | *:15) secret=$(enrol "$login" "$pw") ;; esac
    printf '%s %s %s %s %s\n' "$login" "$role" "$unit" "$pw" "$secret" >>"$signins.new"
  done
  mv "$signins.new" "$signins"
fi

cat <<MSG

PCMT demo: $url  (database $db; server log $log)

Sign-ins (also in $signins). Where a key is given, the role requires a second factor: add the
key to an authenticator app, or get the current code with: oathtool --totp -b KEY

MSG
printf '  %-12s %-8s %-6s %-18s %s\n' "login" "role" "unit" "password" "second-factor key"
while read -r login role unit pw secret; do
  printf '  %-12s %-8s %-6s %-18s %s\n' "$login" "$role" "$unit" "$pw" "$secret"
done <"$signins"
cat <<MSG

The command line works beside it, e.g.:
  $pcmt --db $db plan list
  $pcmt --db $db person search "giang a" --unit 15
  $pcmt --db $db indicators --unit 15 --period 2026-Q3 --compare last-year
  $pcmt --db $db report consolidated 3 --period 2024-Q3 --format docx -o bao-cao.docx
(docs/cli.md lists every command.)

Ctrl-C stops the server.
MSG

[ "${PCMT_DEMO_ONCE:-0}" = 1 ] && exit 0
wait "$pid" || true
