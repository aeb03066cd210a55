"""The running system: gunicorn, Celery worker(s) and Celery beat as separate processes, as production runs
them, against the test database and a private Redis that a test may stop and start again.

Nothing here calls a task or a service to make something happen: beat's own schedule does (intervals
shortened through the `BEAT_INTERVAL_OVERRIDES` setting), and the test waits for the effect.
"""

import email
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import TypeVar

import pytest
import redis
import requests
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from rest_framework.authtoken.models import Token

from tenants.models import PilotCustomer
from tenants.roles import PROGRAM_MANAGER, SUPPORT_STAFF
from tests.conftest import ROOT, _staff_user, _test_database_url
from tests.monitoring.conftest import _live, free_port, prometheus_server  # noqa: F401 - a fixture for the pull test

pytestmark = pytest.mark.system
T = TypeVar("T")
# Every schedule entry runs every few seconds: the suite waits seconds, not minutes.
FAST_SCHEDULE = {
    "incidents-timers": 2,
    "ops-outbox-flush": 2,
    "feedback-weekly-survey-round": 3,
    "feedback-survey-reminders": 3,
    "rollups-reconcile": 3,
    "monitoring-pull-metrics": 3,
}


def wait_for(what: str, probe: Callable[[], T], timeout: float = 90.0, every: float = 0.5) -> T:
    """Poll `probe` until it returns something truthy; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class PrivateRedis:
    """A redis-server of the test's own, so stopping it harms nobody else."""

    def __init__(self, workdir: Path) -> None:
        self.port, self.workdir, self.process = free_port(), workdir, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, cwd=self.workdir, stdout=subprocess.DEVNULL)
        wait_for("redis to answer", self._answers, timeout=10, every=0.1)

    def _answers(self) -> bool:
        try:
            return bool(redis.Redis.from_url(self.url, socket_timeout=0.5).ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@dataclass
class System:
    """The portal's processes for one test; `mails()` reads what the file e-mail backend wrote."""

    workdir: Path
    redis: PrivateRedis
    port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    extra_env: dict[str, str] = field(default_factory=dict)
    commands: dict[str, list[str]] = field(default_factory=dict)
    restarts: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _watching: threading.Event = field(default_factory=threading.Event)

    @property
    def mail_dir(self) -> Path:
        return self.workdir / "mail"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": _test_database_url(),
            "REDIS_URL": self.redis.url,
            "EMAIL_URL": f"filemail:///{self.mail_dir}",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "OUTBOX_RETRY_BASE_SECONDS": "2",
            # Sunday 00:00: the week's round is due whatever the day the suite runs.
            "FEEDBACK_ROUND_OPENS_HOUR": "0",
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": "2",
            **self.extra_env,
        }

    def _start(self, name: str, command: list[str]) -> subprocess.Popen:
        with self._lock:
            process = self._spawn(name, command)
        if not self._watching.is_set():
            self._watching.set()
            threading.Thread(target=self._restart_exited, daemon=True).start()
        return process

    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - kept open for the process's life
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes[name], self.commands[name] = process, command
        return process

    def _restart_exited(self) -> None:
        """Start again a process that exited by itself, as the platform does (Kubernetes restarts a container
        whose process ends). Celery's worker exits on an "Unrecoverable error" when Redis goes away at the wrong
        moment of its consumer (a kombu bug: AttributeError in the Redis transport's _connparams while closing;
        celery/celery#10205): production's restarted pod reconnects once Redis is back, and so must this one."""
        while self._watching.is_set():
            time.sleep(0.5)
            with self._lock:
                for name, process in list(self.processes.items()):
                    if process.poll() is not None and self._watching.is_set():
                        self.restarts[name] = self.restarts.get(name, 0) + 1
                        self._spawn(name, self.commands[name])

    def start_web(self) -> None:
        # The production configuration (gthread, timeouts, JSON access log); only the address and the
        # number of processes (this machine's 2 cores are shared) are the test's own.
        self._start(
            "web",
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{self.port}", "pilot.wsgi"],
        )
        wait_for("gunicorn to answer", lambda: self._get_ok("/healthz"), timeout=30, every=0.2)

    def start_worker(self, name: str = "worker") -> None:
        command = [sys.executable, "-m", "celery", "-A", "pilot", "worker", "-c", "2", "-l", "WARNING", "-n", name]
        # As every production worker: the default queue and the reports queue (settings.REPORTS_QUEUE).
        command += ["-Q", "celery,reports"]
        self._start(name, [*command, "--without-gossip", "--without-mingle"])

    def start_beat(self, name: str = "beat") -> None:
        scheduler = "django_celery_beat.schedulers:DatabaseScheduler"
        command = [sys.executable, "-m", "celery", "-A", "pilot", "beat", "-l", "INFO", "-S", scheduler]
        self._start(name, [*command, "--pidfile=", "--max-interval", "1"])

    def start_all(self) -> None:
        self.start_worker()
        self.start_beat()
        self.start_web()

    def stop(self, name: str) -> None:
        with self._lock:  # not restarted: it is stopped on purpose
            process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop_all(self) -> None:
        self._watching.clear()
        for name in list(self.processes):
            self.stop(name)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _get_ok(self, path: str) -> bool:
        try:
            return requests.get(self.url(path), timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def mails(self) -> list[Message]:
        """Every e-mail written so far (the file backend writes one file per connection)."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_text(encoding="utf-8").split("-" * 79):
                if chunk.strip():
                    messages.append(email.message_from_string(chunk.strip()))
        return messages

    def mails_to(self, address: str) -> list[Message]:
        return [message for message in self.mails() if address in message.get("To", "")]

    def log_tail(self) -> str:
        return "\n".join(
            f"--- {path.name} ---\n" + path.read_text(errors="replace")[-3000:] for path in self.workdir.glob("*.log")
        )


def schedule_register() -> None:
    """What `scripts/migrate.sh` does at deploy, with every interval shortened."""
    with override_settings(BEAT_INTERVAL_OVERRIDES=FAST_SCHEDULE):
        call_command("beat_schedule_sync", verbosity=0)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def system(transactional_db: None, tmp_path: Path, private_redis: PrivateRedis, request) -> Iterator[System]:
    """The processes are started by the test (after its data exist); all are stopped afterwards."""
    (tmp_path / "mail").mkdir()
    running = System(workdir=tmp_path, redis=private_redis)
    schedule_register()
    yield running
    running.stop_all()
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        print(running.log_tail())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def tenant_a(tenant_a: PilotCustomer) -> PilotCustomer:
    """Live: the rounds, reminders and pulls are for live customers (the session's rows are only provisioned)."""
    return _live(tenant_a)


@dataclass
class Staff:
    support: object
    manager: object
    token: str

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.token}", "Host": "localhost"}


@pytest.fixture
def staff(transactional_db: None) -> Staff:
    support = _staff_user("support-sys", SUPPORT_STAFF)
    manager = _staff_user("pm-sys", PROGRAM_MANAGER)
    get_user_model().objects.filter(pk=manager.pk).update(is_superuser=False)
    return Staff(support=support, manager=manager, token=Token.objects.create(user=manager).key)
