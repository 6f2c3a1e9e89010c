#!/bin/sh
# npm-deps.sh: install the browser tests' npm packages (package-lock.json)
# into tests/browser/node_modules with `npm ci`, only when they are missing or
# the lock file changed since the last install (a stamp holds its SHA-256).
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
stamp="$dir/node_modules/.pcmt-lock.sha256"
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm-deps: npm is not installed (Node.js 20 or later)" >&2; exit 1; }
echo "npm-deps: npm ci in $dir"
(cd "$dir" && npm ci --no-audit --no-fund)
echo "$want" >"$stamp"
