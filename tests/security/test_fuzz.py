"""Schemathesis against both live OpenAPI schemas (the staff API with a token, the customer API with a
customer's session): whatever it sends, no answer is a server error and no documented answer breaks
its schema. Bounded per operation so the whole run stays within a minute or two."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django_tenants.utils import tenant_context
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from pilot.wsgi import application
from tests.conftest import PUBLIC_HOST, tenant_host

EXAMPLES = 12
FUZZ = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@contextmanager
def _connection_kept() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request; the test's transaction lives
    on that connection, so do what Django's test client does and keep it open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def staff_schema(db: None, program_manager, tenant_a, no_api_throttle):
    token = Token.objects.create(user=program_manager)
    headers = {"Authorization": f"Token {token.key}"}
    document = Client(HTTP_HOST=PUBLIC_HOST, headers=headers).get("/api/schema/?format=json").json()
    schema = schemathesis.openapi.from_dict(document)
    schema.app = application
    schema.test_headers, schema.test_base_url, schema.test_cookies = headers, None, {}
    return schema


@pytest.fixture
def customer_schema(db: None, tenant_a, customer_a_user, no_api_throttle):
    client = Client(HTTP_HOST=tenant_host(tenant_a))
    with tenant_context(tenant_a.tenant):
        client.force_login(customer_a_user)
    # Fetched with Django's client (it carries the session cookie); the cases then run on the WSGI app.
    document = client.get("/api/v1/schema/?format=json").json()
    schema = schemathesis.openapi.from_dict(document)
    schema.app = application
    schema.test_headers, schema.test_base_url = {}, f"http://{tenant_host(tenant_a)}"
    schema.test_cookies = {"sessionid": client.cookies["sessionid"].value}
    return schema


def _fuzz(schema) -> tuple[int, list[str]]:
    """Every operation with positive and negative cases; returns the number of cases and the failures
    (a 5xx, or a documented answer that violates its schema).
    (Driven by hand, not by schemathesis' pytest plugin: that plugin does not run under pytest 9.)"""
    cases, errors = 0, []
    for result in schema.get_all_operations():
        operation = result.ok()
        strategy = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
        )

        @FUZZ
        @given(case=strategy)
        def run(case) -> None:
            nonlocal cases
            cases += 1
            response = case.call(
                base_url=schema.test_base_url, headers=schema.test_headers, cookies=schema.test_cookies
            )
            if response.status_code >= 500:
                errors.append(f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}")
            try:
                case.validate_response(response, checks=[response_schema_conformance])
            except FailureGroup as failure:  # the answer breaks its documented schema
                errors.append(f"{case.method} {case.formatted_path} {response.status_code}: {str(failure)[:300]}")

        with _connection_kept():
            run()
    print(f"schemathesis: {cases} cases, {len(errors)} server errors or schema violations")
    return cases, errors


@pytest.mark.fuzz
def test_staff_api_never_answers_5xx(staff_schema) -> None:
    cases, errors = _fuzz(staff_schema)
    assert cases > 0
    assert errors == []


@pytest.mark.fuzz
def test_customer_api_never_answers_5xx(customer_schema) -> None:
    cases, errors = _fuzz(customer_schema)
    assert cases > 0
    assert errors == []
