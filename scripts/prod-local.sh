#!/usr/bin/env bash
# The production topology on this machine: nginx (Debian's, an ordinary process, config in var/nginx/) as
# the ingress for BASE_DOMAIN and *.BASE_DOMAIN on PORT (default 8080) in front of two gunicorn instances,
# two Celery workers and one beat, against PostgreSQL and Redis (scripts/services.sh). Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8080}
WEB_PORTS=(${WEB_PORTS:-8081 8082})
BASE=${BASE_DOMAIN:-localhost}
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || {
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nginx >/dev/null
}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

pids=()
stop() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT

for port in "${WEB_PORTS[@]}"; do
  $PY -m gunicorn -c gunicorn.conf.py -b "127.0.0.1:$port" pilot.wsgi & pids+=($!)
done
for name in worker1 worker2; do
  $PY -m celery -A pilot worker -l INFO --concurrency 2 -n "$name@%h" & pids+=($!)
done
$PY -m celery -A pilot beat -l INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler \
  --pidfile= & pids+=($!)
conf=$($PY scripts/nginx_conf.py var/nginx "$PORT" "$BASE" "${WEB_PORTS[@]}")
"$NGINX" -p "$PWD/var/nginx" -c "$conf" -e "$PWD/var/nginx/error.log" -g 'daemon off;' & pids+=($!)

for _ in $(seq 1 120); do
  if $PY -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=1)" 2>/dev/null; then
    break
  fi
  sleep 0.5
done
cat <<TXT

  AquaFarm Pilot Portal, production topology: nginx on http://$BASE:$PORT/ (customers: http://<slug>.$BASE:$PORT/)
  → gunicorn on ${WEB_PORTS[*]}, Celery workers worker1 and worker2, one beat. Logs: stdout; nginx in var/nginx/.
  Ctrl-C stops all.

TXT
wait -n "${pids[@]}"
