"""Loaded by scripts/pytest.sh (`-p tests.parallel`) before Django reads its settings.

Under pytest-xdist the suite runs in worker processes gw0, gw1, …; pytest-django gives each its own test
database (test_pilot_gw0, …). This gives each its own Redis database too, so that one worker's cache.clear(),
Celery queue, locks and throttle counters are not another's. The processes a test starts (gunicorn, Celery
worker and beat) inherit the adjusted REDIS_URL.
"""

import os
from urllib.parse import urlsplit, urlunsplit

REDIS_DATABASES = 16  # redis-server's default


def _redis_url_of_worker(url: str, worker: str) -> str:
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = (base + 1 + int(worker.removeprefix("gw"))) % REDIS_DATABASES
    return urlunsplit(parts._replace(path=f"/{database}"))


CONFIGURED_REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker:
    os.environ["REDIS_URL"] = _redis_url_of_worker(CONFIGURED_REDIS_URL, _worker)
