"""Print DB_HOST/DB_PORT/REDIS_HOST/REDIS_PORT (shell syntax) from DATABASE_URL and REDIS_URL."""

import os
from urllib.parse import urlsplit

import environ

db = environ.Env.db_url_config(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilot"))
redis = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
print(f"DB_HOST={db.get('HOST') or '127.0.0.1'} DB_PORT={db.get('PORT') or 5432}")
print(f"REDIS_HOST={redis.hostname or '127.0.0.1'} REDIS_PORT={redis.port or 6379}")
