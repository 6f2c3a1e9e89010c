#!/bin/sh
# t0900-demo.sh: `make demo`'s script on a fresh database — it must run through (the sample
# plans imported as drafts by the local administrator, one province generated, one user per
# role and level, the server started and its address and sign-ins printed) and run again
# over the same database without harm, as a person trying PCMT twice would. The printed
# sign-ins work on the real server: a password alone for a commune officer, the password
# and a code from the printed key for the roles that require a second factor.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

command -v oathtool >/dev/null || { echo "SKIP: oathtool not installed"; exit 77; }
db="$T/demo.db"
run env PCMT_DEMO_ONCE=1 sh "$PCMT_SOURCE_DIR/scripts/demo.sh" "$PCMT_BIN" "$db" 127.0.0.1:0
expect_status 0
expect_out "PCMT demo: http://127.0.0.1:"
expect_out "Ctrl-C stops the server."
grep -q 'pcmt serve: stopped' "$db.serve.log" || fail "the demo's server did not stop cleanly"
[ "$(stat -c %a "$db.signins")" = 600 ] || fail "the sign-ins file is not owner-only"
# six users; a key exactly for the administrator and the three province roles
[ "$(wc -l <"$db.signins")" = 6 ] || fail "want 6 sign-ins: $(cat "$db.signins")"
keys=$(awk '$5 != "-" {print $1}' "$db.signins" | sort | tr '\n' ' ')
[ "$keys" = "cb.tinh ld.tinh qt.quocgia yt.tinh " ] || fail "second factor keys for: $keys"
for login in qt.quocgia cb.tinh cb.xa yt.tinh ld.tinh ld.xa; do
  CHECKS=$((CHECKS + 1))
  printf '%s\n' "$OUT" | grep -q "^  $login " || fail "sign-in of $login not printed"
done

# the three sample plans of tests/fixtures/plans, stored as drafts, by admin
run "$PCMT_BIN" --db "$db" plan list --json
expect_status 0
n=$(printf '%s\n' "$OUT" | grep -c '"status": "draft"')
[ "$n" = 3 ] || fail "want 3 draft plans, got $n"
run "$PCMT_BIN" --db "$db" audit log --json
expect_status 0
n=$(printf '%s\n' "$OUT" | grep -c '"action": "plan.import"')
[ "$n" = 3 ] || fail "want 3 plan.import audit rows, got $n"
expect_out '"action": "gen.run"'

# the generated province is there: Lào Cai has people on its register
run "$PCMT_BIN" --db "$db" person search "a" --unit 15 --json
expect_status 0
expect_out '"id"'

# the printed sign-ins work on the real server
log="$T/serve.log"
"$PCMT_BIN" --db "$db" serve --listen 127.0.0.1:0 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
i=0
while ! grep -q 'listening on' "$log" && kill -0 "$pid" 2>/dev/null && [ $i -lt 400 ]; do
  i=$((i + 1)); sleep 0.05
done
U=$(sed -n 's|.*listening on \(http://[^ ]*\).*|\1|p' "$log")
signin() { # signin LOGIN: the status and Location of the password step in $step, the cookie in $token
  pw=$(awk -v l="$1" '$1 == l {print $4}' "$db.signins")
  curl -s -D "$T/h" -o /dev/null --data-urlencode "login=$1" --data-urlencode "password=$pw" "$U/dang-nhap"
  token=$(tr -d '\r' <"$T/h" | sed -n 's/^[Ss]et-[Cc]ookie: __Host-pcmt=\([0-9a-f]*\);.*/\1/p')
  step=$(tr -d '\r' <"$T/h" | awk '/^HTTP/ {s = $2} tolower($1) == "location:" {l = $2} END {print s " " l}')
}
signin cb.xa
CHECKS=$((CHECKS + 1))
[ "$step" = "303 /" ] || fail "the commune officer's printed password does not sign in: $step"
signin qt.quocgia
CHECKS=$((CHECKS + 1))
[ "$step" = "303 /xac-thuc" ] || fail "the administrator is not asked for the second factor: $step"
key=$(awk '$1 == "qt.quocgia" {print $5}' "$db.signins")
curl -s -o "$T/p" -H "Cookie: __Host-pcmt=$token" "$U/xac-thuc"
csrf=$(sed -n 's|.*name="csrf" value="\([0-9a-f]*\)".*|\1|p' "$T/p" | head -1)
# the next 30-second step's code (the window takes it): the demo's enrolment used this
# step's code seconds ago, and a code is never accepted twice
code=$(oathtool --totp -b "$key" -N "@$(($(date +%s) + 30))")
curl -s -D "$T/h" -o /dev/null -H "Cookie: __Host-pcmt=$token" --data-urlencode "csrf=$csrf" \
  --data-urlencode "code=$code" "$U/xac-thuc"
CHECKS=$((CHECKS + 1))
[ "$(head -1 "$T/h" | cut -d' ' -f2)" = 303 ] || fail "the printed key's code is refused: $(head -1 "$T/h")"
kill "$pid"
wait "$pid"

# a second run keeps what is there (no second copy of the plans, the data or the users)
cp "$db.signins" "$T/signins.first"
run env PCMT_DEMO_ONCE=1 sh "$PCMT_SOURCE_DIR/scripts/demo.sh" "$PCMT_BIN" "$db" 127.0.0.1:0
expect_status 0
cmp -s "$db.signins" "$T/signins.first" || fail "a second run changed the sign-ins"
run "$PCMT_BIN" --db "$db" plan list --json
n=$(printf '%s\n' "$OUT" | grep -c '"status": "draft"')
[ "$n" = 3 ] || fail "a second run: want 3 draft plans, got $n"
finish
