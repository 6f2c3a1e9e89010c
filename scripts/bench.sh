#!/bin/sh
# bench.sh BUILD_DIR: run every benchmark binary in BUILD_DIR/bench, then the
# web server's benchmarks (bench/web.sh; bench/read_during_write.sh, person
# reads during a long import), and print their figures. Benchmarks print;
# they do not pass or fail on time.
set -eu
build=${1:-build}
status=0
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" || { echo "   (failed with status $?)"; status=1; }
done
echo "== web (bench/web.sh)"
sh "$(dirname "$0")/../bench/web.sh" "$build" || { echo "   (failed with status $?)"; status=1; }
echo "== reads during a write (bench/read_during_write.sh)"
sh "$(dirname "$0")/../bench/read_during_write.sh" "$build" || {
  echo "   (failed with status $?)"
  status=1
}
exit $status
