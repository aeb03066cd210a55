#!/usr/bin/env bash
# Brings the database up to date: public schema, the base schema new customers are cloned from,
# then every customer schema; then the staff roles and the per-customer summaries (a summary a release
# adds is filled before its pages are served). Every deploy runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
$PY manage.py migrate_schemas --shared -v0
$PY manage.py prepare_base_schema -v0
$PY manage.py migrate_schemas --tenant -v0
$PY manage.py sync_roles -v0
$PY manage.py rollups_reconcile -v0
$PY manage.py beat_schedule_sync -v0
