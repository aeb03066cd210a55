import datetime as dt
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from monitoring.models import Slo
from monitoring.services import slo_defaults_ensure
from tenants.choices import Status
from tenants.models import PilotCustomer

RIYADH = dt.timezone(dt.timedelta(hours=3))


@pytest.fixture
def tenant_a(tenant_a: PilotCustomer) -> PilotCustomer:
    """Metrics are pulled for live customers; the shared fixture's customers are only provisioned."""
    return _live(tenant_a)


@pytest.fixture
def tenant_b(tenant_b: PilotCustomer) -> PilotCustomer:
    return _live(tenant_b)


def _live(customer: PilotCustomer) -> PilotCustomer:
    PilotCustomer.objects.filter(pk=customer.pk).update(status=Status.LIVE)
    customer.status = Status.LIVE
    return customer


@pytest.fixture
def slos(db: None) -> dict[str, Slo]:
    slo_defaults_ensure()
    return {slo.key: slo for slo in Slo.objects.all()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _install_prometheus() -> None:
    """The suite installs what it needs: Debian's prometheus package brings promtool with it."""
    if shutil.which("prometheus") and shutil.which("promtool"):
        return
    subprocess.run(["apt-get", "install", "-y", "-q", "prometheus"], check=True, capture_output=True, timeout=300)


def prometheus_launch(openmetrics: str, folder: Path) -> tuple[str, subprocess.Popen]:
    """Back-fills a TSDB in `folder` with promtool and starts Prometheus over it on a free port."""
    _install_prometheus()
    source, data = folder / "synthetic.om", folder / "data"
    source.write_text(openmetrics)
    subprocess.run(
        ["promtool", "tsdb", "create-blocks-from", "openmetrics", str(source), str(data)],
        check=True,
        capture_output=True,
    )
    config = folder / "prometheus.yml"
    config.write_text("global:\n  scrape_interval: 1m\n")
    port = free_port()
    process = subprocess.Popen(
        [
            "prometheus",
            f"--config.file={config}",
            f"--storage.tsdb.path={data}",
            "--storage.tsdb.retention.time=3650d",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    _wait_ready(url)
    return url, process


@pytest.fixture
def prometheus_server(tmp_path: Path) -> Iterator[callable]:
    """Returns start(openmetrics_text) -> base URL: back-fills a TSDB with promtool, starts Prometheus
    on a free 127.0.0.1 port over it, and stops it after the test."""
    processes: list[subprocess.Popen] = []

    def start(openmetrics: str) -> str:
        url, process = prometheus_launch(openmetrics, tmp_path)
        processes.append(process)
        return url

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def _wait_ready(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/-/ready", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError("Prometheus did not become ready")
