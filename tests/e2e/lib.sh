# lib.sh: helpers for the end-to-end shell tests. Source it; it makes $T, a
# temporary folder removed at exit, and counts failures.
T=$(mktemp -d "${TMPDIR:-/tmp}/pcmt-e2e-XXXXXX")
trap 'rm -rf "$T"' EXIT
FAILS=0
CHECKS=0
OUT=""
ERR=""
STATUS=0

# run CMD...: run a command, keeping its stdout, stderr and status.
run() {
  "$@" >"$T/.out" 2>"$T/.err"
  STATUS=$?
  OUT=$(cat "$T/.out")
  ERR=$(cat "$T/.err")
  LAST="$*"
}

fail() {
  FAILS=$((FAILS + 1))
  echo "FAIL: $*" >&2
  echo "  command: $LAST" >&2
}

expect_status() {
  CHECKS=$((CHECKS + 1))
  [ "$STATUS" = "$1" ] || fail "status $STATUS, want $1; stderr: $ERR"
}

expect_out() {
  CHECKS=$((CHECKS + 1))
  printf '%s\n' "$OUT" | grep -qF -- "$1" || fail "stdout lacks: $1"
}

expect_err() {
  CHECKS=$((CHECKS + 1))
  printf '%s\n' "$ERR" | grep -qF -- "$1" || fail "stderr lacks: $1"
}

finish() {
  echo "$CHECKS checks, $FAILS failed"
  [ "$FAILS" = 0 ]
  exit $?
}
