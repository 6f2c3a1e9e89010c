#!/bin/sh
# t1020-api-docs.sh: every example of docs/api.md runs. Each ```sh block
# (a curl command) is run against the real server over a generated
# province; its status must be the "Answer `NNN`" that follows it, and its
# answer must have the keys of the ```json example after that (arrays cut
# to their first element on both sides, as the document shows them).
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

doc="$PCMT_SOURCE_DIR/docs/api.md"
db="$T/docs.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" gen --scale province --province 10 --seed 7 --people 300 --cases 50 \
  --places 20 --networks 3 --licit 3 --activities 50
expect_status 0
# what the document's variables name
run "$PCMT_BIN" --db "$db" plan import "$PCMT_SOURCE_DIR/tests/fixtures/plans/004_91f2c84d0a0eb75f.txt"
expect_status 0
PLAN=$OUT
run "$PCMT_BIN" --db "$db" person add --name "Phạm Văn Mẫu" --dob 1988-04-09 --sex nam \
  --unit 02656 --tree pre2025
expect_status 0
PERSON=$OUT
TOKEN=$("$PCMT_BIN" --db "$db" token create admin 2>/dev/null)
export PLAN PERSON TOKEN

. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
web_serve
PCMT="http://127.0.0.1:$port"
export PCMT

# Split the document: example N's command into $T/ex/N.sh, its status into
# N.status, its answer into N.json.
mkdir "$T/ex"
awk -v dir="$T/ex" '
  /^```sh$/ { n++; mode = "sh"; next }
  /^```json$/ && n { mode = "json"; next }
  /^```$/ { mode = ""; next }
  mode == "sh" { print > (dir "/" n ".sh") }
  mode == "json" { print > (dir "/" n ".json") }
  /^Answer `[0-9][0-9][0-9]`:$/ && n { s = $0; gsub(/[^0-9]/, "", s); print s > (dir "/" n ".status") }
' "$doc"
count=$(ls "$T/ex" | grep -c '\.sh$')
CHECKS=$((CHECKS + 1))
[ "$count" -ge 15 ] || fail "only $count examples in docs/api.md"

# the keys of a JSON value: every path, array indices as 0, arrays cut to
# their first element
keys() {
  jq -c 'def trim: if type == "array" then (if length > 0 then [.[0] | trim] else [] end)
         elif type == "object" then map_values(trim) else . end;
         [trim | paths | map(tostring)] | unique' "$1"
}
k=1
while [ "$k" -le "$count" ]; do
  cmd=$(cat "$T/ex/$k.sh")
  CHECKS=$((CHECKS + 1))
  if [ ! -f "$T/ex/$k.status" ] || [ ! -f "$T/ex/$k.json" ]; then
    fail "example $k has no documented answer: $cmd"
    k=$((k + 1)); continue
  fi
  got=$(sh -c "$cmd -o '$T/ans.json' -w '%{http_code}'")
  want=$(cat "$T/ex/$k.status")
  CHECKS=$((CHECKS + 1))
  [ "$got" = "$want" ] || fail "example $k: status $got, documented $want: $cmd: $(head -c 300 "$T/ans.json")"
  CHECKS=$((CHECKS + 1))
  kd=$(keys "$T/ex/$k.json") || fail "example $k: the documented answer is not JSON"
  ka=$(keys "$T/ans.json") || fail "example $k: the answer is not JSON"
  [ "$kd" = "$ka" ] || fail "example $k: keys differ: $cmd
  documented: $kd
  answered:   $ka"
  k=$((k + 1))
done
echo "$count examples of docs/api.md run"

kill "$pid"
wait "$pid"
finish
