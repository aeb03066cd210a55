"""tests/parallel.py: each pytest-xdist worker gets a Redis database of its own."""

import os

from django.conf import settings

from tests.parallel import CONFIGURED_REDIS_URL, _redis_url_of_worker


def test_each_worker_gets_the_next_redis_database_after_the_configured_one() -> None:
    assert _redis_url_of_worker("redis://127.0.0.1:6379/0", "gw0") == "redis://127.0.0.1:6379/1"
    assert _redis_url_of_worker("redis://127.0.0.1:6379/0", "gw1") == "redis://127.0.0.1:6379/2"
    assert _redis_url_of_worker("redis://:secret@redis:6380/13", "gw1") == "redis://:secret@redis:6380/15"
    assert _redis_url_of_worker("redis://redis:6379", "gw0") == "redis://redis:6379/1"


def test_this_process_uses_its_worker_s_redis_database() -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    wanted = CONFIGURED_REDIS_URL if worker is None else _redis_url_of_worker(CONFIGURED_REDIS_URL, worker)
    assert wanted == settings.REDIS_URL
    assert settings.CACHES["default"]["LOCATION"] == settings.CELERY_BROKER_URL == wanted
    # The processes a test starts read the same database from their environment.
    assert os.environ.get("REDIS_URL", CONFIGURED_REDIS_URL) == wanted
