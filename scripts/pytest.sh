#!/usr/bin/env bash
# The test suite; fails when it fails and also when it collected nothing (pytest's exit code 5).
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pytest "$@"
code=$?
if [ $code -eq 5 ]; then echo "no tests were collected: failing" >&2; exit 1; fi
exit $code
