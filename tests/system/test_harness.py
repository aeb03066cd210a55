"""The system tests' process harness restarts a process that exits by itself, as Kubernetes restarts a pod's
container: the Redis-down test depends on it when Celery's worker exits on kombu's "Unrecoverable error"."""

import sys
import time

import pytest

from tests.system.conftest import System, wait_for

pytestmark = pytest.mark.system


def test_a_process_that_exits_by_itself_is_started_again_and_a_stopped_one_is_not(system: System) -> None:
    system._start("short-lived", [sys.executable, "-c", "print('ran')"])
    wait_for("a restart", lambda: system.restarts.get("short-lived", 0) >= 2, timeout=20)
    assert (system.workdir / "short-lived.log").read_text().count("ran") >= 2  # each run's output kept
    system.stop("short-lived")
    stopped_at = system.restarts["short-lived"]
    time.sleep(1.5)  # three of the watcher's rounds
    assert "short-lived" not in system.processes and system.restarts["short-lived"] == stopped_at
