"""Every route of both URLconfs × the five personas (anonymous, support staff, program manager on the
back office; anonymous, customer member, customer admin on a customer domain), plus the objects of two
customers: the answer must be the one ROUTE_ACCESS lists, never a server error. A route added without
an entry in ROUTE_ACCESS fails the first test; the survey respondent is the anonymous persona with a link."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_tenants.utils import tenant_context

from feedback.choices import ItemKind
from feedback.services.items import feedback_item_create
from incidents.models import Incident
from ops.models import TaskHeartbeat
from reports.models import Report
from tenants.roles import CUSTOMER_ADMIN, CUSTOMER_MEMBER
from tests.conftest import PUBLIC_HOST, TenantClient, tenant_host
from tests.security.route_access import ROUTE_ACCESS
from tests.security.routes import routes, sample_path

# Who gets through, per access level (everyone else must be refused).
LEVELS = {
    "nobody": set(),
    "open": {"anonymous", "support", "pm", "member", "admin"},
    "staff": {"support", "pm"},
    "pm": {"pm"},
    "customer": {"member", "admin"},
    "customer-admin": {"admin"},
}
PERSONAS = {"public": ("anonymous", "support", "pm"), "tenant": ("anonymous", "member", "admin")}


def outcome(response) -> str:
    """`refused` (401, 403, or a redirect to a login page), `server-error`, or `through` (anything else:
    the page, a redirect elsewhere, 404 for the sample id, 405 for a POST-only route, a 400)."""
    if response.status_code >= 500:
        return "server-error"
    if response.status_code in (401, 403):
        return "refused"
    if response.status_code in (301, 302) and "login" in response.get("Location", ""):
        return "refused"
    return "through"


@pytest.fixture
def clients(tenant_a, support_client, pm_client, customer_a_client, customer_a_user, no_api_throttle) -> dict:
    with tenant_context(tenant_a.tenant):
        customer_a_user.groups.add(Group.objects.get(name=CUSTOMER_MEMBER))
        admin = get_user_model().objects.get(groups__name=CUSTOMER_ADMIN)
    admin_client = TenantClient(tenant_host(tenant_a))
    with tenant_context(tenant_a.tenant):
        admin_client.force_login(admin)
    return {
        "public": {"anonymous": TenantClient(PUBLIC_HOST), "support": support_client, "pm": pm_client},
        "tenant": {
            "anonymous": TenantClient(tenant_host(tenant_a)),
            "member": customer_a_client,
            "admin": admin_client,
        },
    }


def test_every_route_has_an_expected_answer() -> None:
    listed = set(ROUTE_ACCESS)
    present = {f"{urlconf} {route}" for urlconf, route in routes()}
    assert present - listed == set(), "add these routes to tests/security/route_access.py"
    assert listed - present == set(), "these routes are gone: remove them from tests/security/route_access.py"


def test_route_persona_matrix(clients: dict) -> None:
    # The incident timers ran a moment ago: /readyz is ready (its 503 has tests of its own).
    TaskHeartbeat.objects.update_or_create(name="incidents-timers", defaults={"last_started_at": timezone.now()})
    wrong, answered = [], 0
    for urlconf, route in routes():
        level = ROUTE_ACCESS[f"{urlconf} {route}"]
        if level.startswith("known 500"):
            continue  # listed, answered elsewhere (see the entry's reason)
        for persona in PERSONAS[urlconf]:
            got = outcome(clients[urlconf][persona].get(sample_path(route)))
            answered += 1
            expected = "through" if persona in LEVELS[level] else "refused"
            if got != expected:
                wrong.append(f"{urlconf} {route} as {persona}: {got}, expected {expected}")
    print(f"route matrix: {len(routes())} routes, {answered} route x persona answers")
    assert wrong == [], "\n".join(wrong)


def test_objects_of_customer_a_are_nothing_to_customer_b(
    tenant_a, tenant_b, customer_a_client, customer_b_client
) -> None:
    """Incidents and reports live in the public schema beside every customer; feedback items in A's schema."""
    incident = Incident.objects.create(
        title="A only", category="bug", severity=3, response_due_at=timezone.now(), resolution_due_at=timezone.now()
    )
    incident.customers.add(tenant_a)
    report = Report.objects.create(kind="customer", customer=tenant_a, language="en")
    with tenant_context(tenant_a.tenant):
        item = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="A's request")
    paths = [
        f"/incidents/{incident.pk}/",
        f"/api/v1/incidents/{incident.pk}/",
        f"/reports/{report.pk}/download/",
        f"/api/v1/reports/{report.pk}/",
        f"/api/v1/reports/{report.pk}/download/",
        f"/api/v1/feedback-items/{item.pk}/",
    ]
    assert customer_a_client.get(f"/api/v1/incidents/{incident.pk}/").status_code == 200
    for path in paths:
        response = customer_b_client.get(path)
        assert response.status_code == 404, path
    assert b"A only" not in customer_b_client.get("/api/v1/incidents/").content
    assert b"A's request" not in customer_b_client.get("/api/v1/feedback-items/").content


def test_options_on_every_api_route_is_never_a_server_error(clients: dict) -> None:
    """OPTIONS on custom actions (close, acknowledge, vote, …) describes them instead of failing."""
    failed = []
    for urlconf, route in routes():
        if route.startswith("api/"):
            client = clients[urlconf]["pm" if urlconf == "public" else "admin"]
            response = client.options(sample_path(route))
            if response.status_code >= 500:
                failed.append(f"{urlconf} {route}: {response.status_code}")
    assert failed == []
