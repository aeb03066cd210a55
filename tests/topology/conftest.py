"""The production topology on this machine, as `make prod-local` runs it: nginx (Debian's, an ordinary process
with the configuration of scripts/nginx_conf.py) in front of two gunicorn instances, two Celery workers and one
beat, against the test database and a private Redis. Built on tests/system's helpers."""

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from scripts.nginx_conf import nginx_conf_write
from tests.monitoring.conftest import free_port
from tests.system.conftest import (  # noqa: F401 - fixtures reused as they are
    PrivateRedis,
    System,
    private_redis,
    schedule_register,
    staff,
    tenant_a,
    wait_for,
)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Topology(System):
    """`System` with several gunicorn instances (`web1`, `web2`, …) behind an nginx on `port`."""

    web_ports: dict[str, int] = field(default_factory=dict)

    def start_gunicorn(self, name: str) -> None:
        port = self.web_ports.setdefault(name, free_port())
        command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}", "pilot.wsgi"]
        self._start(name, command)
        wait_for(f"{name} to answer", lambda: _ok(f"http://127.0.0.1:{port}/healthz"), timeout=30, every=0.2)

    def start_nginx(self) -> None:
        prefix = self.workdir / "nginx"
        conf = nginx_conf_write(
            prefix=prefix, port=self.port, domain="localhost", upstream_ports=list(self.web_ports.values())
        )
        command = [NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"), "-g", "daemon off;"]
        self._start("nginx", command)
        wait_for("nginx to answer", lambda: _ok(self.url("/healthz")), timeout=15, every=0.1)

    def kill(self, name: str) -> None:
        """SIGKILL to the instance's whole process group (master and children): a node or pod dying."""
        with self._lock:  # taken out of the restarts of System._restart_exited: the test restarts it itself
            process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _ok(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


@pytest.fixture
def topology(transactional_db: None, tmp_path: Path, private_redis: PrivateRedis) -> Iterator[Topology]:  # noqa: F811
    if not Path(NGINX).exists():
        subprocess.run(["nginx", "-v"], check=True)  # fails naming the missing binary (scripts/setup.sh installs it)
    (tmp_path / "mail").mkdir()
    running = Topology(workdir=tmp_path, redis=private_redis)
    schedule_register()
    yield running
    running.stop_all()
