"""The portal behind PgBouncer (Debian's, an ordinary process) in the pool mode the Helm chart names: many
concurrent requests alternating between two customers through two gunicorn processes that share two server
connections; every request reads its own customer's schema, never the other's."""

import os
import subprocess
import threading
from collections import Counter
from pathlib import Path

import pytest
import requests
import yaml
from django.conf import settings
from django_tenants.utils import tenant_context

from feedback.models import Contact, Invitation
from feedback.services.rounds import survey_round_open
from feedback.tokens import token_for
from tests.conftest import ROOT
from tests.monitoring.conftest import free_port
from tests.system.conftest import System

pytestmark = pytest.mark.pgbouncer
THREADS = 12
ROUNDS = 30  # requests per thread, alternating customers


def _chart_pool_mode() -> str:
    values = yaml.safe_load((ROOT / "infra/helm/pilot-portal/values.yaml").read_text())
    return values["pgbouncer"]["poolMode"]


def _pgbouncer(workdir: Path, pool_mode: str) -> tuple[subprocess.Popen, int]:
    db = settings.DATABASES["default"]
    port = free_port()
    ini = workdir / "pgbouncer.ini"
    ini.write_text(
        "[databases]\n"
        f"* = host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        "auth_type = any\n"
        f"pool_mode = {pool_mode}\n"
        # Two server connections for up to 2 x 4 web threads: every server connection serves both customers.
        "default_pool_size = 2\nmax_client_conn = 200\n"
        "server_reset_query = DISCARD ALL\n"
        "ignore_startup_parameters = extra_float_digits,options\n"
    )
    # PgBouncer refuses to run as root: it switches to the postgres user then (after reading the ini).
    user = ["-u", "postgres"] if os.geteuid() == 0 else []
    process = subprocess.Popen(["pgbouncer", *user, str(ini)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, port


@pytest.fixture
def pgbouncer_url(transactional_db: None, tmp_path_factory: pytest.TempPathFactory):
    workdir = tmp_path_factory.mktemp("pgbouncer")
    process, port = _pgbouncer(workdir, _chart_pool_mode())
    db = settings.DATABASES["default"]
    yield f"postgres://{db['USER']}@127.0.0.1:{port}/{db['NAME']}"
    process.terminate()
    process.wait(timeout=10)


def _survey_path(customer) -> str:
    """A survey link that exists only in the customer's own schema (its page is 404 in any other)."""
    with tenant_context(customer.tenant):
        Contact.objects.create(name="Eric", email="eric@farm.example", language="en")
        survey_round_open()
        return f"/s/{token_for(Invitation.objects.get().token_nonce)}/"


def test_behind_pgbouncer_in_the_chart_s_mode_no_request_reads_another_customer_s_schema(
    pgbouncer_url: str, tmp_path: Path, private_redis, tenant_a, tenant_b
) -> None:
    assert _chart_pool_mode() == "session"
    paths = {"alpha": _survey_path(tenant_a), "beta": _survey_path(tenant_b)}
    (tmp_path / "mail").mkdir()
    # Connections released after each request (DB_CONN_MAX_AGE=0), so that eight threads share the two server
    # connections request by request: the case where one customer's search_path could leak into another's. (With
    # connections kept, each thread would hold a server connection and the other six would wait for one: behind
    # PgBouncer, size its pool for every thread and worker, or set DB_CONN_MAX_AGE=0, as the README says.)
    env = {"DATABASE_URL": pgbouncer_url, "DB_CONN_MAX_AGE": "0"}
    web = System(workdir=tmp_path, redis=private_redis, extra_env=env)
    web.start_web()
    outcomes: Counter = Counter()

    def client(offset: int) -> None:
        session = requests.Session()
        for n in range(ROUNDS):
            slug = ("alpha", "beta")[(n + offset) % 2]
            response = session.get(web.url(paths[slug]), headers={"Host": f"{slug}.localhost"}, timeout=30)
            outcomes[(slug, response.status_code)] += 1

    try:
        threads = [threading.Thread(target=client, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        web.stop_all()
    print(f"\npgbouncer ({_chart_pool_mode()} pooling, 2 server connections): {dict(outcomes)}")
    half = THREADS * ROUNDS // 2
    assert outcomes == Counter({("alpha", 200): half, ("beta", 200): half})
