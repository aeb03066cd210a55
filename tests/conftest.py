"""Shared fixtures: two customer tenants (A and B), the four personas, and clients bound to hosts.

Personas (STYLE.md): a program manager and a support engineer (staff, public schema), a customer
user of tenant A and one of tenant B who must see nothing of A.

The two customer schemas are created once per test session. Tests using `db` roll back their rows
(schema switches included); tests using `transactional_db` get the customer rows re-created and
the customer schemas emptied afterwards.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery._state import _set_task_join_will_block
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import translation
from django_redis.util import CacheKey
from django_tenants.utils import schema_exists, tenant_context

from core.figures import KEY_PREFIX as FIGURES_KEY_PREFIX
from ops.models import OutgoingMessage
from pilot.celery import app as celery_app
from tenants.choices import Status
from tenants.cities import region_for_city
from tenants.models import CustomerTenant, Domain, PilotCustomer
from tenants.roles import PROGRAM_MANAGER, SUPPORT_STAFF, staff_roles_sync
from tenants.services.customers import CandidateInput
from tenants.services.provisioning import customer_onboard, domain_for, schema_name_for

# The `browser` fixture (Debian's Chromium through Playwright) for every browser test.
pytest_plugins = ["tests.browser"]

PASSWORD = "correct-horse-battery-staple"
PUBLIC_HOST = "localhost"
TENANT_A = CandidateInput(
    slug="alpha",
    name_en="Alpha Fish Farm",
    name_ar="مزرعة ألفا السمكية",
    city="Riyadh",
    ponds=3,
    contact_name="Ali A",
    contact_email="admin@alpha.example",
)
TENANT_B = CandidateInput(
    slug="beta",
    name_en="Beta Aquaculture",
    name_ar="بيتا للاستزراع",
    city="Jeddah",
    ponds=2,
    contact_name="Badr B",
    contact_email="admin@beta.example",
    preferred_language="en",
)
ROOT = Path(__file__).resolve().parent.parent


class TenantClient(Client):
    """A test client bound to one host; the connection's schema is restored after each request,
    so ORM calls in the test body are not silently run in the schema of the last request."""

    def __init__(self, host: str, **kwargs: object) -> None:
        super().__init__(HTTP_HOST=host, **kwargs)
        self.host = host

    def request(self, **request: object):
        schema, include_public = connection.schema_name, connection.include_public_schema
        tenant = getattr(connection, "tenant", None)
        try:
            return super().request(**request)
        finally:
            if tenant is not None and schema != connection.schema_name:
                connection.set_tenant(tenant, include_public=include_public)
            elif schema != connection.schema_name:
                connection.set_schema(schema, include_public=include_public)


def _customer_rows_ensure(data: CandidateInput) -> PilotCustomer:
    """The test customer's public rows, re-created when a transactional test flushed them."""
    customer, _created = PilotCustomer.objects.get_or_create(
        slug=data.slug,
        defaults={
            "name_en": data.name_en,
            "name_ar": data.name_ar,
            "city": data.city,
            "region": region_for_city(data.city),
            "ponds": data.ponds,
            "contact_name": data.contact_name,
            "contact_email": data.contact_email,
            "preferred_language": data.preferred_language,
            "willing": True,
            "status": Status.LIVE,
        },
    )
    tenant, _created = CustomerTenant.objects.get_or_create(
        schema_name=schema_name_for(data.slug), defaults={"customer": customer}
    )
    Domain.objects.get_or_create(domain=domain_for(data.slug), defaults={"tenant": tenant, "is_primary": True})
    return PilotCustomer.objects.select_related("tenant").get(pk=customer.pk)


def _customer_schema_empty(schema: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename <> 'django_migrations'", [schema]
        )
        tables = ", ".join(f'"{schema}"."{name}"' for (name,) in cursor.fetchall())
        if tables:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """After pytest-django migrated the public schema: the base schema and the two test customers."""
    with django_db_blocker.unblock():
        call_command("prepare_base_schema", verbosity=0)
        for data in (TENANT_A, TENANT_B):
            if not schema_exists(schema_name_for(data.slug)):
                customer_onboard(data=data, admin_email=data.contact_email)
        # Their welcome e-mails are not part of any test: tests count the outbox from empty.
        OutgoingMessage.objects.all().delete()
    yield
    # Threads of the concurrency tests and the live server may still hold connections; the test
    # database can only be dropped once they are gone.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _public_schema_after_test(request: pytest.FixtureRequest, django_db_blocker) -> Iterator[None]:
    yield
    connection.set_schema_to_public()
    transactional = request.node.get_closest_marker("django_db") is not None and (
        request.node.get_closest_marker("django_db").kwargs.get("transaction")
    )
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        with django_db_blocker.unblock():
            for data in (TENANT_A, TENANT_B):
                _customer_schema_empty(schema_name_for(data.slug))


@pytest.fixture(autouse=True)
def _permissions_forgotten() -> None:
    """Each test from no kept permission sets (core/permissions.py): tenant schemas are emptied between tests and
    number their users from 1 again, under frozen clocks at the same date_joined."""
    cache.delete_pattern(CacheKey("*:permissions:*"))  # as is: a plain pattern would get this schema's prefix


@pytest.fixture(autouse=True)
def _figures_live(settings) -> None:
    """Cross-customer figures computed on every read (core/figures.py), so that a test's write shows in its
    next read; tests/core/test_figures.py covers the cache itself."""
    settings.FIGURES_CACHE_SECONDS = 0


@pytest.fixture
def figures_cached(settings) -> Iterator[None]:
    """Cross-customer figures kept for a minute, as in production, from an empty cache."""
    settings.FIGURES_CACHE_SECONDS = 60
    cache.delete_pattern(f"*{FIGURES_KEY_PREFIX}*")
    yield
    cache.delete_pattern(f"*{FIGURES_KEY_PREFIX}*")


@pytest.fixture(autouse=True)
def _site_language_after_test() -> Iterator[None]:
    """A request in Arabic leaves Arabic active in the test's thread (the locale middlewares activate,
    nothing resets): each test starts again in the site's language."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _celery_eager() -> Iterator[None]:
    """Tasks run in-process unless a test starts a real worker (`celery_worker_process`)."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    # Eager tasks applied from two threads at once (the concurrency tests) can leave Celery's global
    # "inside a task" flag set, and then result.get() refuses to wait in every later test.
    _set_task_join_will_block(False)


@pytest.fixture
def tenant_a(db: None) -> PilotCustomer:
    return _customer_rows_ensure(TENANT_A)


@pytest.fixture
def tenant_b(db: None) -> PilotCustomer:
    return _customer_rows_ensure(TENANT_B)


def _staff_user(username: str, group: str):
    staff_roles_sync()
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@aquafarm.example", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def _customer_user(customer: PilotCustomer, username: str):
    with tenant_context(customer.tenant):
        return get_user_model().objects.create_user(username=username, email=username, password=PASSWORD)


@pytest.fixture
def program_manager(db: None):
    return _staff_user("pm-test", PROGRAM_MANAGER)


@pytest.fixture
def support_engineer(db: None):
    return _staff_user("support-test", SUPPORT_STAFF)


@pytest.fixture
def customer_a_user(tenant_a: PilotCustomer):
    return _customer_user(tenant_a, "user@alpha.example")


@pytest.fixture
def customer_b_user(tenant_b: PilotCustomer):
    return _customer_user(tenant_b, "user@beta.example")


def tenant_host(customer: PilotCustomer) -> str:
    return domain_for(customer.slug)


@pytest.fixture
def public_client() -> TenantClient:
    return TenantClient(PUBLIC_HOST)


@pytest.fixture
def pm_client(program_manager) -> TenantClient:
    client = TenantClient(PUBLIC_HOST)
    client.force_login(program_manager)
    return client


@pytest.fixture
def support_client(support_engineer) -> TenantClient:
    client = TenantClient(PUBLIC_HOST)
    client.force_login(support_engineer)
    return client


def _logged_in_tenant_client(customer: PilotCustomer, user) -> TenantClient:
    client = TenantClient(tenant_host(customer))
    with tenant_context(customer.tenant):
        client.force_login(user)
    return client


@pytest.fixture
def customer_a_client(tenant_a: PilotCustomer, customer_a_user) -> TenantClient:
    return _logged_in_tenant_client(tenant_a, customer_a_user)


@pytest.fixture
def customer_b_client(tenant_b: PilotCustomer, customer_b_user) -> TenantClient:
    return _logged_in_tenant_client(tenant_b, customer_b_user)


@pytest.fixture
def anon_a_client(tenant_a: PilotCustomer) -> TenantClient:
    return TenantClient(tenant_host(tenant_a))


@pytest.fixture
def celery_worker_process(transactional_db: None, tmp_path: Path) -> Iterator[subprocess.Popen]:
    """A real Celery worker process on the real Redis, against the test database. What it writes is in
    `process.log_path` (and printed at teardown, so a failing test shows it)."""
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "CELERY_TASK_ALWAYS_EAGER": "false"}
    log_path = tmp_path / "celery-worker.log"
    log = open(log_path, "wb")  # noqa: SIM115 - the worker writes to it for its whole life
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "pilot",
            "worker",
            "-P",
            "solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "WARNING",
            "-Q",
            f"{_worker_queue()},{_reports_queue()}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log_path = log_path
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = _worker_queue()
    settings.REPORTS_QUEUE = _reports_queue()  # read at each send by pilot.celery.task_route
    _wait_for_worker(_worker_queue())
    yield process
    with contextlib.suppress(ProcessLookupError):  # a test may have killed the worker itself
        os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)
    log.close()
    celery_app.conf.task_default_queue = "celery"
    settings.REPORTS_QUEUE = "reports"
    print(log_path.read_text(errors="replace")[-5000:])


def _worker_queue() -> str:
    """A default queue of this test run's own, so runs sharing one Redis never take each other's tasks."""
    return f"test-{os.getpid()}"


def _reports_queue() -> str:
    """The reports queue of this test run, consumed by the same test worker (as production's `-Q celery,reports`)."""
    return f"{_worker_queue()}-reports"


def _wait_for_worker(queue: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replies = celery_app.control.inspect(timeout=1).active_queues() or {}
        if any(q["name"] == queue for queues in replies.values() for q in queues):
            return
    raise RuntimeError("the Celery worker did not start")


def _test_database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
