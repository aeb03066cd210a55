#!/usr/bin/env bash
# The test suite; fails when it fails and also when it collected nothing (pytest's exit code 5).
# It runs in PYTEST_WORKERS processes (pytest-xdist, default 2: this machine's cores). Most of the suite's time is
# spent waiting on real processes (gunicorn, Celery, Chromium, Prometheus), so two processes halve the wait on 2
# cores. Each worker has its own test database (pytest-django) and its own Redis database (tests/parallel.py);
# `worksteal` hands a slow test's neighbours to the idle worker. PYTEST_WORKERS=0 runs in this process alone.
set -uo pipefail
cd "$(dirname "$0")/.."
workers="${PYTEST_WORKERS:-2}"
parallel=()
if [ "$workers" != "0" ]; then parallel=(-n "$workers" --dist worksteal); fi
PYTHONPATH=. .venv/bin/pytest -p tests.parallel "${parallel[@]}" "$@"
code=$?
if [ $code -eq 5 ]; then echo "no tests were collected: failing" >&2; exit 1; fi
exit $code
