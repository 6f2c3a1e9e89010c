#!/bin/sh
# install-deps.sh: install the Debian packages PCMT needs to build, test and run.
# Safe to run twice: it asks dpkg what is present and installs only what is missing,
# non-interactively. Needs root (or sudo) only when something is actually missing.
# --bench: also the packages only `make bench` needs (the web benchmark's load
# generator and the server it is compared with), so that `make check` never
# installs them.
set -eu

PACKAGES="
build-essential cmake pkg-config clang clang-format
libsqlite3-dev libutf8proc-dev libsodium-dev libjansson-dev libcmocka-dev
libevent-dev libzip-dev libxml2-dev libxlsxwriter-dev libpq-dev zlib1g-dev
liboath-dev libqrencode-dev oathtool
poppler-utils sqlite3 curl
chromium fonts-dejavu-core
libreoffice-calc-nogui libreoffice-writer-nogui python3-openpyxl
"

# only for `make bench` (bench/web.sh)
BENCH_PACKAGES="wrk nginx"

if [ "${1:-}" = "--bench" ]; then
  PACKAGES="$PACKAGES $BENCH_PACKAGES"
fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi

echo "install-deps: installing:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: missing packages and not root; install them:$missing" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
