#!/bin/sh
# check-layers.sh: fail when an #include crosses the layers the wrong way, two
# folders include each other, or SQLite-only SQL leaves the SQLite backend
# (docs/architecture.md, "Layers" and "The store").
#
# Each folder of src/ has a rank; a file may include headers of its own
# folder and of folders ranked below it, plus the few exceptions listed in
# ALLOW (a front end opening the store). Folders of one rank (domain, ingest,
# output) may include each other only one way: a pair that includes both
# ways is a cycle and fails. Front ends include only app, output, types and
# base (and store/store.h).
set -eu
cd "$(dirname "$0")/.."

rank() {
  case "$1" in
    base) echo 0 ;;
    types) echo 1 ;;
    store) echo 2 ;;
    domain | ingest | output) echo 3 ;;
    app) echo 4 ;;
    cli | web) echo 5 ;;
    *) echo 99 ;;
  esac
}

# Includes allowed against the ranks: "from-folder header".
ALLOW="
cli store/store.h
web store/store.h
"

edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
bad=0
for f in $(find src -name '*.[ch]' | sort); do
  from=$(echo "$f" | cut -d/ -f2)
  rf=$(rank "$from")
  if [ "$rf" = 99 ]; then
    echo "layers: $f: folder src/$from has no rank in scripts/check-layers.sh" >&2
    bad=1
    continue
  fi
  grep -n '^#include "' "$f" | sed 's/^\([0-9]*\):#include "\([^"]*\)".*/\1 \2/' |
    while read -r line hdr; do
      to=$(echo "$hdr" | cut -d/ -f1)
      [ "$to" = "$from" ] && continue
      if echo "$ALLOW" | grep -qx "$from $hdr"; then continue; fi
      rt=$(rank "$to")
      if [ "$rt" -gt "$rf" ]; then
        echo "layers: $f:$line: src/$from (rank $rf) includes $hdr (src/$to, rank $rt)" >&2
        echo x
      fi
      [ "$rt" = "$rf" ] && echo "$from $to" >>"$edges"
    done >>"$edges.bad" || true
done
if [ -s "$edges.bad" ]; then bad=1; fi
rm -f "$edges.bad"
# The front ends are thin: they call the operations layer and print with the
# writers, so they include app/, output/, types/, base/, their own folder and
# store/store.h (opening the database) only, never domain/, ingest/ or the
# rest of the store: a rule or a step there would be one the web lacks.
for f in $(find src/cli src/web -name '*.[ch]' 2>/dev/null | sort); do
  grep -n '^#include "' "$f" | sed 's/^\([0-9]*\):#include "\([^"]*\)".*/\1 \2/' |
    while read -r line hdr; do
      case "$hdr" in
        app/* | output/* | types/* | base/* | cli/* | web/* | store/store.h) ;;
        *) echo "layers: $f:$line: a front end includes $hdr (thin front ends: app, output, types, base)" >&2
           echo x ;;
      esac
    done
done | grep -q x && bad=1
# same-rank folders: a pair in both directions is a cycle
sort -u "$edges" | while read -r a b; do
  if sort -u "$edges" | grep -qx "$b $a"; then
    echo "layers: src/$a and src/$b include each other (a cycle)" >&2
    echo x
  fi
done | grep -q x && bad=1
# SQLite's own dialect stays in the SQLite backend, so a second backend can
# run every other store file unchanged (docs/architecture.md, "The store").
if grep -nE 'INSERT OR (IGNORE|REPLACE)|sqlite_(schema|master)|last_insert_rowid|\browid\b|PRAGMA ' \
  $(find src/store -name 'store_*.c' ! -name store_sqlite.c) >&2; then
  echo "layers: SQLite-only SQL above outside src/store/store_sqlite.c" >&2
  bad=1
fi
if [ "$bad" = 0 ]; then
  echo "layers: every include points down ($(find src -name '*.[ch]' | wc -l) files)"
fi
exit "$bad"
