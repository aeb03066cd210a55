#!/usr/bin/env bash
# Web + Celery worker + beat in the foreground; Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8000}
# Links in e-mails (survey invitations, password resets) name the port this serves on, not 8000 whatever PORT says.
export PORTAL_PORT=${PORTAL_PORT:-$PORT}
pids=()
stop() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT

$PY manage.py runserver "0.0.0.0:$PORT" --noreload & pids+=($!)
$PY -m celery -A pilot worker -l INFO --concurrency 2 -Q celery,reports & pids+=($!)
$PY -m celery -A pilot beat -l INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler \
  --pidfile= & pids+=($!)

# The URLs are printed only once the web process answers: a link that works when it is shown.
for _ in $(seq 1 120); do
  if $PY -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=1)" 2>/dev/null; then
    break
  fi
  kill -0 "${pids[0]}" 2>/dev/null || { echo "the web process stopped; see the messages above" >&2; exit 1; }
  sleep 0.5
done

base=${BASE_DOMAIN:-localhost}
cat <<TXT

  AquaFarm Pilot Portal is running.
  Back office:   http://$base:$PORT/admin/     (API: http://$base:$PORT/api/v1/, docs: /api/docs/)
    admin / pilot-demo-2026      superuser
    pm / pilot-demo-2026         Program manager
    support / pilot-demo-2026    Support staff
  Customer portals (login with the customer admin):
    http://riyadh.$base:$PORT/   admin@riyadh.example / pilot-demo-2026
    http://jeddah.$base:$PORT/   admin@jeddah.example / pilot-demo-2026
    http://dammam.$base:$PORT/   admin@dammam.example / pilot-demo-2026
  Beat runs the timers (incidents every minute, outbox every 30 s, metric pulls every 5 min, survey
  rounds on Sundays 09:00 and reminders daily 10:00); see /admin/django_celery_beat/periodictask/.
  Ctrl-C stops web, worker and beat.

TXT
wait -n "${pids[@]}"
