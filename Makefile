# `make run` and `make test` each do all of their own set-up on a fresh Debian machine.
SHELL := /bin/bash
PY := .venv/bin/python

.PHONY: run prod-local test setup services migrate lint check-migrations pytest bench

setup:
	@scripts/setup.sh

services: setup
	@scripts/services.sh

migrate: services
	@scripts/migrate.sh

run: migrate
	@$(PY) manage.py collectstatic --noinput -v0
	@$(PY) manage.py seed_demo
	@scripts/run.sh

prod-local: migrate
	@$(PY) manage.py collectstatic --noinput -v0
	@$(PY) manage.py seed_demo
	@scripts/prod-local.sh

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports --no-cache
	.venv/bin/mypy

check-migrations: services
	$(PY) manage.py makemigrations --check --dry-run

pytest: services
	@scripts/pytest.sh

test: setup services lint check-migrations pytest

# The design point in its own database (BENCH_DATABASE_URL, default pilot_bench), served by gunicorn, under
# load at 1 and 20 users; exits non-zero past bench/gates.toml. BENCH_SCALE=0.1 for a quick run. Not in `make test`.
bench: services
	@$(PY) bench/load.py
