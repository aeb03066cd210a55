"""Create the database named in DATABASE_URL when it does not exist (used by `make run`/`make test`)."""

import os
import sys

import environ
import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pilot"


def main() -> int:
    config = environ.Env.db_url_config(os.environ.get("DATABASE_URL", DEFAULT_URL))
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "connect_timeout": 3,
        "autocommit": True,
    }
    try:
        with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
                print(f"created database {config['NAME']}")
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not reachable: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
