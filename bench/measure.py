"""Timing a call in a benchmark: median and p95 over runs, and the statements of the last run. Import after
django.setup()."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.gates import percentile
from tenants.roles import PROGRAM_MANAGER
from tests.queries import statements


@dataclass(frozen=True)
class Timing:
    median_ms: float
    p95_ms: float
    statements: int
    status: int | None  # the HTTP status when the call answered a response


def timing(call: Callable[[], object], runs: int) -> Timing:
    walls: list[float] = []
    result: object = None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = call()
            walls.append((time.perf_counter() - started) * 1000)
    status = getattr(result, "status_code", None)
    return Timing(statistics.median(walls), percentile(walls, 95), len(statements(captured.captured_queries)), status)


def timing_print(label: str, call: Callable[[], object], runs: int) -> Timing:
    measured = timing(call, runs)
    http = f"HTTP {measured.status}, " if measured.status is not None else ""
    print(
        f"{label}: {http}median {measured.median_ms:.0f} ms, p95 {measured.p95_ms:.0f} ms, "
        f"{measured.statements} statements"
    )
    return measured


def program_manager_client(username: str) -> Client:
    """A signed-in program manager on the public domain."""
    user, _created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=PROGRAM_MANAGER))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client
