"""Both logins lock after AXES_FAILURE_LIMIT wrong passwords (per account of one schema), say so in the
reader's language and open again after the cool-off; bad API tokens and password resets are limited too."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django_tenants.utils import tenant_context
from rest_framework.throttling import UserRateThrottle

from core.api import BadTokenThrottle
from tests.conftest import PASSWORD, PUBLIC_HOST, TenantClient, tenant_host


@pytest.fixture(autouse=True)
def _fresh_counters(tenant_a) -> None:
    """Throttles count in the (shared) Redis cache: each test starts from zero on its own keys only."""
    cache.delete(BadTokenThrottle.cache_format % {"scope": BadTokenThrottle.scope, "ident": "127.0.0.1"})
    with tenant_context(tenant_a.tenant):
        cache.delete("password-reset:user@alpha.example")


def _fail(client: TenantClient, path: str, username: str, times: int) -> None:
    for attempt in range(1, times + 1):
        response = client.post(path, {"username": username, "password": "wrong"})
        assert response.status_code == (429 if attempt >= settings.AXES_FAILURE_LIMIT else 200)


def test_admin_login_locks_and_the_lock_expires(program_manager) -> None:
    client = TenantClient(PUBLIC_HOST)
    _fail(client, "/admin/login/", program_manager.username, settings.AXES_FAILURE_LIMIT - 1)
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as clock:
        locked = client.post("/admin/login/", {"username": program_manager.username, "password": "wrong"})
        assert locked.status_code == 429
        right = client.post("/admin/login/", {"username": program_manager.username, "password": PASSWORD})
        assert right.status_code == 429  # the right password does not open a locked account
        assert "_auth_user_id" not in client.session
        clock.shift(settings.AXES_COOLOFF_TIME + dt.timedelta(seconds=1))
        opened = client.post("/admin/login/", {"username": program_manager.username, "password": PASSWORD})
    assert opened.status_code == 302


def test_customer_login_lockout_speaks_arabic(tenant_a, customer_a_user) -> None:
    client = TenantClient(tenant_host(tenant_a), headers={"Accept-Language": "ar"})
    _fail(client, "/accounts/login/", customer_a_user.username, settings.AXES_FAILURE_LIMIT - 1)
    client.post("/accounts/login/", {"username": customer_a_user.username, "password": "wrong"})
    response = client.post("/accounts/login/", {"username": customer_a_user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    assert "دقيقة" in response.content.decode()


def test_a_lock_on_one_customer_leaves_the_same_name_elsewhere_open(tenant_a, tenant_b, customer_a_user) -> None:
    _fail(
        TenantClient(tenant_host(tenant_b)), "/accounts/login/", customer_a_user.username, settings.AXES_FAILURE_LIMIT
    )
    client = TenantClient(tenant_host(tenant_a), REMOTE_ADDR="192.0.2.10")
    response = client.post("/accounts/login/", {"username": customer_a_user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_bad_api_tokens_are_throttled_per_client(public_client: TenantClient, db) -> None:
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["bad_token"].split("/")[0])
    answers = [
        public_client.get("/api/v1/customers/", headers={"Authorization": f"Token bad{i}"}).status_code
        for i in range(limit + 1)
    ]
    assert set(answers[:limit]) == {403}  # refused, not yet throttled
    assert answers[limit] == 429


def test_password_reset_mails_are_limited_per_address(
    anon_a_client: TenantClient, customer_a_user, django_capture_on_commit_callbacks
) -> None:
    limit = settings.PASSWORD_RESET_LIMIT_PER_HOUR
    for _ in range(limit):
        with django_capture_on_commit_callbacks(execute=True):  # the outbox delivers after commit
            answer = anon_a_client.post("/accounts/password_reset/", {"email": customer_a_user.email})
        assert answer.status_code == 302
    refused = anon_a_client.post("/accounts/password_reset/", {"email": customer_a_user.email})
    assert refused.status_code == 200
    assert "Too many reset requests" in refused.content.decode()
    assert len(mail.outbox) == limit


def test_api_schema_and_docs_are_for_staff_only(public_client: TenantClient, pm_client: TenantClient) -> None:
    for path in ("/api/schema/", "/api/docs/"):
        assert public_client.get(path).status_code in (401, 403), path
        assert pm_client.get(path).status_code == 200, path


def test_the_api_throttles_a_user_past_the_rate(pm_client: TenantClient, program_manager, monkeypatch) -> None:
    rates = {**UserRateThrottle.THROTTLE_RATES, "user": "3/minute"}
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
    cache.delete(UserRateThrottle.cache_format % {"scope": "user", "ident": program_manager.pk})
    answers = [pm_client.get("/api/v1/customers/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
