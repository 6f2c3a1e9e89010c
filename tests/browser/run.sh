#!/bin/sh
# run.sh FILE: run one browser test file (tests/browser/FILE) with node's own
# test runner, its npm packages installed first when missing. Exits 77
# (skipped) when Chromium or oathtool is not installed (scripts/install-deps.sh
# installs both).
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
[ -x "${PCMT_CHROMIUM:-/usr/bin/chromium}" ] || { echo "SKIP: Chromium not installed"; exit 77; }
command -v oathtool >/dev/null || { echo "SKIP: oathtool not installed"; exit 77; }
sh "$dir/npm-deps.sh"
exec node --test --test-reporter=spec "$dir/$1"
