#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer at DATABASE_URL and REDIS_URL. When nothing answers on a
# local address, starts private ones (Debian packages, data under var/) and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(.venv/bin/python scripts/service_addresses.py)"   # sets DB_HOST DB_PORT REDIS_HOST REDIS_PORT

answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
is_local() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" || "$1" == "::1" ]]; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if ! answers "$DB_HOST" "$DB_PORT"; then
  is_local "$DB_HOST" || { echo "PostgreSQL at $DB_HOST:$DB_PORT does not answer" >&2; exit 1; }
  echo "==> PostgreSQL does not answer on $DB_HOST:$DB_PORT: starting a private one (data in var/pgdata)"
  command -v pg_ctlcluster >/dev/null || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  mkdir -p var && chmod 777 var
  if [ ! -f var/pgdata/PG_VERSION ]; then
    $SUDO install -d -o postgres -g postgres var/pgdata
    as_postgres "$bin/initdb" -D var/pgdata -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  as_postgres "$bin/pg_ctl" -D var/pgdata -l var/pgdata/server.log -w \
    -o "-p $DB_PORT -c listen_addresses=127.0.0.1 -k /tmp" start >/dev/null
fi
if ! answers "$REDIS_HOST" "$REDIS_PORT"; then
  is_local "$REDIS_HOST" || { echo "Redis at $REDIS_HOST:$REDIS_PORT does not answer" >&2; exit 1; }
  echo "==> Redis does not answer on $REDIS_HOST:$REDIS_PORT: starting a private one"
  command -v redis-server >/dev/null || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --logfile "$PWD/var/redis.log" >/dev/null
fi
.venv/bin/python scripts/ensure_db.py
