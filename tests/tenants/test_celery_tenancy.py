"""Tasks run in the schema of the request that queued them, on a real worker over the real Redis."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django_tenants.utils import tenant_context

from tenants.tasks import schema_probe


@pytest.mark.worker
def test_task_sent_from_a_tenant_runs_in_that_tenant_on_a_real_worker(celery_worker_process, tenant_a, tenant_b):
    with tenant_context(tenant_a.tenant):
        get_user_model().objects.create_user("worker-check@alpha.example")
        users_a = get_user_model().objects.count()
        result_a = schema_probe.delay()
    with tenant_context(tenant_b.tenant):
        users_b = get_user_model().objects.count()
        result_b = schema_probe.delay()
    public = schema_probe.delay()

    assert result_a.get(timeout=30) == {"schema": "alpha", "users": users_a}
    assert result_b.get(timeout=30) == {"schema": "beta", "users": users_b}
    assert users_a != users_b
    assert public.get(timeout=30)["schema"] == "public"


def test_eager_task_keeps_the_senders_schema(tenant_a) -> None:
    with tenant_context(tenant_a.tenant):
        assert schema_probe.delay().get()["schema"] == "alpha"
    assert connection.schema_name == "public"
