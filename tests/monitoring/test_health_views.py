"""The customer health page, the errors page (Prometheus off, Loki through a local stub), the staff
health API, the dashboard card, and the band-drop alert that fires once per drop."""

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.test import override_settings

from backoffice.navigation import NAV_MAX_QUERIES
from monitoring.choices import HealthStatus
from monitoring.definitions import USAGE_FEATURE_DEFAULTS
from monitoring.models import ActiveUsersDaily, CustomerHealth, FeatureUsageDaily, HealthAlert, HealthSnapshot
from monitoring.selectors.health import measured_adoption_program
from monitoring.services.health import health_refresh
from ops.models import OutgoingMessage
from tenants.choices import Status
from tenants.models import PilotCustomer

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
FEATURES = [key for key, _en, _ar in USAGE_FEATURE_DEFAULTS]
API = "/api/v1/customers/{}/health/"
# session, user, permissions, customer, SLOs and their window reads, incidents (2), feedback (schema
# switch + 4 grouped reads + churn), features, usage, active users — each behind a SET search_path
API_MAX_QUERIES = 54
PAGE_MAX_QUERIES = 118 + NAV_MAX_QUERIES


def _usage(customer, *, days: range, features: list[str], users: float) -> None:
    today = NOW.date()
    for offset in days:
        day = today - dt.timedelta(days=offset)
        ActiveUsersDaily.objects.update_or_create(customer=customer, day=day, defaults={"users": users})
        for feature in features:
            FeatureUsageDaily.objects.update_or_create(customer=customer, feature=feature, day=day,
                                                       defaults={"events": 10.0})  # fmt: skip


def test_api_answers_score_components_and_usage(slos, tenant_a, pm_client, django_assert_max_num_queries) -> None:
    _usage(tenant_a, days=range(0, 7), features=FEATURES[:4], users=6)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(API_MAX_QUERIES):
        response = pm_client.get(API.format("alpha"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) >= {"score", "status", "components", "feature_usage", "active_users_avg",
                         "measured_adoption_pct", "as_of"}  # fmt: skip
    assert body["feature_usage"] == dict.fromkeys(FEATURES[:4], 70.0)
    assert body["measured_adoption_pct"] == "80.00"
    assert body["active_users_avg"] == "6.00"
    assert body["components"]["usage"] == {"weight": 25, "points": 90}  # adoption 80, steady trend 100
    assert body["status"] == HealthStatus.HEALTHY


def test_api_window_is_given_in_days(slos, tenant_a, pm_client) -> None:
    _usage(tenant_a, days=range(0, 30), features=FEATURES[:1], users=3)
    with time_machine.travel(NOW, tick=False):
        body = pm_client.get(API.format("alpha"), {"start": "2026-03-01", "end": "2026-03-03"}).json()
    assert body["feature_usage"] == {FEATURES[0]: 20.0}
    assert body["as_of"].startswith("2026-03-03T00:00:00")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "yesterday"}, "start"),
        ({"start": "2026-03-05", "end": "2026-03-01"}, "end"),
        ({"start": "2024-01-01", "end": "2026-01-01"}, "end"),
        ({"end": "1900-01-01"}, "end"),
        ({"start": "2026-04-01"}, "start"),
    ],
)
def test_api_refuses_bad_windows_with_a_message_on_the_field(slos, tenant_a, pm_client, params, field) -> None:
    with time_machine.travel(NOW, tick=False):
        response = pm_client.get(API.format("alpha"), params)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_api_unknown_customer_is_404_and_customers_get_nothing(
    slos, tenant_a, pm_client, public_client, customer_a_client, customer_b_client
) -> None:
    assert pm_client.get(API.format("nobody")).status_code == 404
    assert public_client.get(API.format("alpha")).status_code in (401, 403)
    assert customer_a_client.get(API.format("alpha")).status_code == 404
    assert customer_b_client.get(API.format("alpha")).status_code == 404


def test_health_page_shows_components_usage_and_timeline(
    slos, tenant_a, pm_client, django_assert_max_num_queries
) -> None:
    _usage(tenant_a, days=range(0, 20), features=FEATURES, users=4)
    with time_machine.travel(NOW, tick=False):
        health_refresh(customer=tenant_a)
        with django_assert_max_num_queries(PAGE_MAX_QUERIES):
            response = pm_client.get("/admin/monitoring/customers/alpha/health/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="health-score"' in body and "Healthy" in body
    assert "Usage (measured adoption, active-users trend)" in body and "25 %" in body
    assert "Water-quality readings" in body and "<svg" in body and "health-timeline" in body
    assert "/admin/monitoring/customers/alpha/errors/" in body


def test_health_pages_are_staff_only(slos, tenant_a, pm_client, public_client, customer_a_client) -> None:
    for page in ("health", "errors"):
        assert pm_client.get(f"/admin/monitoring/customers/nobody/{page}/").status_code == 404
        assert public_client.get(f"/admin/monitoring/customers/alpha/{page}/").status_code == 302
        assert customer_a_client.get(f"/admin/monitoring/customers/alpha/{page}/").status_code == 404


class _LokiStub(BaseHTTPRequestHandler):
    """Answers /loki/api/v1/query in Loki's documented format (a vector of {metric, value})."""

    queries: list[dict] = []

    def do_GET(self) -> None:
        url = urlparse(self.path)
        _LokiStub.queries.append({"path": url.path, **{k: v[0] for k, v in parse_qs(url.query).items()}})
        result = [
            {"metric": {"message": "pond sensor timeout"}, "value": [1773133200.0, "12"]},
            {"metric": {"message": "invoice PDF failed"}, "value": [1773133200.0, "3"]},
        ]
        body = json.dumps({"status": "success", "data": {"resultType": "vector", "result": result}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loki_url() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _LokiStub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_errors_page_lists_top_messages_from_loki(slos, tenant_a, pm_client, loki_url) -> None:
    """Loki does not run here: a local HTTP stub serves Loki's documented response format."""
    _LokiStub.queries.clear()
    with override_settings(PROMETHEUS_URL="", LOKI_URL=loki_url), time_machine.travel(NOW, tick=False):
        body = pm_client.get("/admin/monitoring/customers/alpha/errors/").content.decode()
    assert body.index("pond sensor timeout") < body.index("invoice PDF failed")
    assert "Prometheus is not configured" in body
    [query] = _LokiStub.queries
    assert query["path"] == "/loki/api/v1/query"
    assert 'count_over_time({tenant="alpha"}' in query["query"] and query["time"] == str(int(NOW.timestamp()) * 10**9)


def test_errors_page_without_loki_says_so(slos, tenant_a, pm_client) -> None:
    with override_settings(PROMETHEUS_URL="", LOKI_URL=""):
        body = pm_client.get("/admin/monitoring/customers/alpha/errors/").content.decode()
    assert "Loki is not configured" in body


def test_a_band_drop_alerts_once_per_drop(slos, tenant_a, program_manager) -> None:
    """Healthy → at risk alerts once, however often it is recomputed; at risk → critical alerts again."""
    _usage(tenant_a, days=range(0, 7), features=FEATURES, users=10)
    with time_machine.travel(NOW, tick=False):
        assert health_refresh(customer=tenant_a) is None  # first score: no band to drop from
    assert CustomerHealth.objects.get(customer=tenant_a).status == HealthStatus.HEALTHY
    later = NOW + dt.timedelta(days=8)  # a window that no longer holds the healthy week
    _usage(tenant_a, days=range(-3, 0), features=FEATURES[:1], users=10)  # one feature used, then fewer users
    _usage(tenant_a, days=range(-7, -3), features=FEATURES[:1], users=2)
    for hour in range(3):
        with time_machine.travel(later + dt.timedelta(hours=hour), tick=False):
            health_refresh(customer=tenant_a)
    alerts = list(HealthAlert.objects.filter(customer=tenant_a))
    assert [(a.from_status, a.to_status) for a in alerts] in (
        [(HealthStatus.HEALTHY, HealthStatus.AT_RISK)],
        [(HealthStatus.HEALTHY, HealthStatus.CRITICAL)],
    )
    assert OutgoingMessage.objects.filter(kind="health_drop", recipient=program_manager.email).count() == 1
    assert HealthSnapshot.objects.filter(customer=tenant_a).count() == 2  # one per day


def test_dashboard_lists_customers_by_health_with_open_drops(slos, tenant_a, tenant_b, pm_client) -> None:
    CustomerHealth.objects.create(customer=tenant_a, score=90, status=HealthStatus.HEALTHY, computed_at=NOW)
    CustomerHealth.objects.create(customer=tenant_b, score=40, status=HealthStatus.CRITICAL, computed_at=NOW)
    HealthAlert.objects.create(customer=tenant_b, opened_at=NOW, from_status=HealthStatus.AT_RISK,
                               to_status=HealthStatus.CRITICAL, score=40)  # fmt: skip
    body = pm_client.get("/admin/").content.decode()
    card = body[body.index('id="health-card"') :]
    assert card.index("Beta Aquaculture") < card.index("Alpha Fish Farm")  # worst first
    assert "health-alert" in card


def test_program_measured_adoption_is_the_mean_over_live_customers_with_usage(slos, tenant_a, tenant_b) -> None:
    PilotCustomer.objects.filter(pk__in=[tenant_a.pk, tenant_b.pk]).update(status=Status.LIVE)
    _usage(tenant_a, days=range(0, 3), features=FEATURES[:4], users=3)  # 80 %
    _usage(tenant_b, days=range(0, 3), features=FEATURES[:2], users=3)  # 40 %
    start = NOW - dt.timedelta(days=7)
    assert str(measured_adoption_program(start=start, end=NOW + dt.timedelta(hours=1))) == "60.00"
