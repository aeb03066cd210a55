"""Two provisioning requests at the same moment, as real HTTP requests against a live server.

RACE_RUNS (default 2) repeats each race; the README's figures come from RACE_RUNS=20.
"""

import os
import threading
from collections import Counter
from collections.abc import Callable

import pytest
import requests
from django.db import connection
from django_tenants.utils import schema_exists, tenant_context
from rest_framework.authtoken.models import Token

from farms.models import Pond
from tenants.choices import Status
from tenants.models import CustomerTenant, Domain, PilotCustomer
from tenants.services.customers import CandidateInput, customer_candidate_create, customer_status_change

RUNS = int(os.environ.get("RACE_RUNS", "2"))


def _candidate(slug: str) -> dict:
    return {"slug": slug, "name_en": f"Race {slug}", "city": "Dammam", "ponds": 2, "contact_email": f"o@{slug}.example"}


def _race(send: Callable[[], requests.Response]) -> list[int]:
    barrier = threading.Barrier(2)
    codes: list[int] = []

    def worker() -> None:
        barrier.wait()
        codes.append(send().status_code)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(codes)


def _drop(slug: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{slug}" CASCADE')


def _provisioned_once(slug: str) -> None:
    customer = PilotCustomer.objects.get(slug=slug)
    assert customer.status == Status.PROVISIONED
    assert CustomerTenant.objects.filter(customer=customer).count() == 1
    assert Domain.objects.filter(tenant__customer=customer).count() == 1
    assert schema_exists(slug)
    with tenant_context(customer.tenant):
        assert Pond.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_provision_requests_at_once_give_one_schema(live_server, program_manager) -> None:
    headers = {"Authorization": f"Token {Token.objects.create(user=program_manager).key}"}
    outcomes: Counter = Counter()
    for run in range(RUNS):
        slug = f"race{run}"
        customer = customer_candidate_create(data=CandidateInput(**_candidate(slug)))
        customer_status_change(customer=customer, to_status=Status.SELECTED)
        url = f"{live_server.url}/api/v1/customers/{slug}/provision/"
        try:
            codes = _race(lambda url=url: requests.post(url, headers=headers, timeout=60))
            outcomes[tuple(codes)] += 1
            assert codes == [200, 201]
            _provisioned_once(slug)
        finally:
            _drop(slug)
    print(f"provision race outcomes over {RUNS} runs: {dict(outcomes)}")


@pytest.mark.django_db(transaction=True)
def test_two_onboarding_requests_at_once_give_one_customer(live_server, program_manager) -> None:
    headers = {"Authorization": f"Token {Token.objects.create(user=program_manager).key}"}
    outcomes: Counter = Counter()
    for run in range(RUNS):
        slug = f"onrace{run}"
        body = {**_candidate(slug), "provision": True}
        url = f"{live_server.url}/api/v1/customers/"
        try:
            codes = _race(lambda url=url, body=body: requests.post(url, json=body, headers=headers, timeout=60))
            outcomes[tuple(codes)] += 1
            assert codes == [200, 201]
            _provisioned_once(slug)
        finally:
            _drop(slug)
    print(f"onboarding race outcomes over {RUNS} runs: {dict(outcomes)}")
