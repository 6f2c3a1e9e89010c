#!/bin/sh
# check-style.sh FILE...: fail if any C file differs from the committed .clang-format.
set -eu
[ $# -gt 0 ] || { echo "style: no files"; exit 0; }
if ! clang-format --dry-run --Werror "$@"; then
  echo "style: the files above differ from .clang-format; run 'make format'" >&2
  exit 1
fi
echo "style: $# files match .clang-format"
