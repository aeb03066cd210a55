import datetime as dt
from decimal import Decimal

import time_machine
from django.test import override_settings

from backoffice.navigation import NAV_MAX_QUERIES
from monitoring.models import PullState, Slo
from tests.monitoring.factories import samples_fill

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
# 16 statements for the whole board (session, user, permissions, customers, SLOs, two window reads,
# series, alerts, metrics, pull state), each preceded by django-tenants' SET search_path
MAX_QUERIES = 32 + NAV_MAX_QUERIES


def _data(slos, *customers) -> None:
    for customer in customers:
        for slo in slos.values():
            samples_fill(slo=slo, customer=customer, start=NOW - dt.timedelta(days=3), end=NOW, good=999, total=1000)
    PullState.objects.create(pk=1, covered_until=NOW, last_success_at=NOW)


def test_overview_shows_every_customer_in_constant_queries(
    slos, tenant_a, tenant_b, pm_client, django_assert_max_num_queries
) -> None:
    _data(slos, tenant_a, tenant_b)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(MAX_QUERIES):
        response = pm_client.get("/admin/monitoring/slos/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alpha Fish Farm" in body and "Beta Aquaculture" in body and "<svg" in body
    assert "99.90 %" in body


def test_overview_query_count_does_not_grow_with_customers(
    slos, tenant_a, tenant_b, pm_client, django_assert_max_num_queries
) -> None:
    _data(slos, tenant_a)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(MAX_QUERIES) as one:
        pm_client.get("/admin/monitoring/slos/")
    samples_fill(slo=slos["latency"], customer=tenant_b, start=NOW - dt.timedelta(days=1), end=NOW, good=1, total=1)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(len(one.captured_queries)):
        pm_client.get("/admin/monitoring/slos/")


def test_customer_page_has_phases_and_alerts(slos, tenant_a, pm_client) -> None:
    _data(slos, tenant_a)
    with time_machine.travel(NOW, tick=False):
        response = pm_client.get("/admin/monitoring/slos/alpha/")
    assert response.status_code == 200
    assert "Compliance per pilot phase" in response.content.decode()
    assert pm_client.get("/admin/monitoring/slos/nobody/").status_code == 404


def test_back_office_refuses_customers_and_anonymous(slos, tenant_a, public_client, customer_a_client) -> None:
    assert public_client.get("/admin/monitoring/slos/").status_code == 302
    assert customer_a_client.get("/admin/monitoring/slos/").status_code == 404


def test_stale_and_unconfigured_banners(slos, pm_client) -> None:
    with override_settings(PROMETHEUS_URL=""):
        assert "Prometheus is not configured" in pm_client.get("/admin/monitoring/slos/").content.decode()
    PullState.objects.create(pk=1, stale_since=NOW, last_error="unreachable")
    with override_settings(PROMETHEUS_URL="http://127.0.0.1:9"):
        body = pm_client.get("/admin/monitoring/slos/").content.decode()
    assert "the data is stale since 2026-03-10 12:00" in body


def test_portal_status_is_the_customers_own_in_plain_words(
    slos, tenant_a, tenant_b, customer_a_client, customer_b_client, django_assert_max_num_queries
) -> None:
    samples_fill(slo=slos["latency"], customer=tenant_a, start=NOW - dt.timedelta(days=1), end=NOW, good=97, total=100)
    samples_fill(slo=slos["latency"], customer=tenant_b, start=NOW - dt.timedelta(days=1), end=NOW, good=51, total=100)
    # two SLO reads (today, this week) and the open alerts, each statement after its SET search_path
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(40):
        mine = customer_a_client.get("/slos/").content.decode()
    with time_machine.travel(NOW, tick=False):
        theirs = customer_b_client.get("/slos/").content.decode()
    assert "97.0 %" in mine and "51.0 %" not in mine and 'data-state="normal"' in mine
    assert "51.0 %" in theirs and "97.0 %" not in theirs and 'data-state="slow"' in theirs
    for sre_term in ("budget", "burn", "Page (fast", "SLO"):
        assert sre_term not in mine and sre_term not in theirs


def test_portal_requires_login(slos, anon_a_client) -> None:
    assert anon_a_client.get("/slos/").status_code == 302


def test_customer_api_is_scoped_to_the_customer(slos, tenant_a, tenant_b, customer_b_client, public_client) -> None:
    samples_fill(slo=slos["latency"], customer=tenant_a, start=NOW - dt.timedelta(days=1), end=NOW, good=97, total=100)
    with time_machine.travel(NOW, tick=False):
        rows = customer_b_client.get("/api/v1/slos/status/").json()
    assert {row["compliance_pct"] for row in rows} == {None}
    assert public_client.get("/api/v1/slos/status/").status_code in (401, 403)


def test_staff_api_lists_and_refuses_a_target_outside_0_100(slos, pm_client, support_client) -> None:
    assert len(pm_client.get("/api/v1/slos/").json()) == 4
    slo = slos["availability"]
    response = pm_client.patch(f"/api/v1/slos/{slo.pk}/", {"target_pct": "100"}, content_type="application/json")
    assert response.status_code == 400 and "target_pct" in response.json()
    assert Slo.objects.get(pk=slo.pk).target_pct == Decimal("99.5")
    # support may read SLOs but not change them
    assert support_client.get("/api/v1/slos/").status_code == 200
    denied = support_client.patch(f"/api/v1/slos/{slo.pk}/", {"target_pct": "99"}, content_type="application/json")
    assert denied.status_code == 403


def test_staff_api_is_not_served_on_a_customer_domain(slos, customer_a_client) -> None:
    assert customer_a_client.get("/api/v1/slos/").status_code == 404


def test_staff_status_endpoint_per_customer(slos, tenant_a, pm_client) -> None:
    samples_fill(slo=slos["latency"], customer=tenant_a, start=NOW - dt.timedelta(days=1), end=NOW, good=97, total=100)
    with time_machine.travel(NOW, tick=False):
        rows = pm_client.get("/api/v1/slos/status/?customer=alpha").json()
    assert next(r for r in rows if r["key"] == "latency")["compliance_pct"] == "97.00"


def test_portal_dashboard_card(slos, tenant_a, customer_a_client) -> None:
    response = customer_a_client.get("/")
    assert response.status_code == 200 and "Is AquaFarm working for us?" in response.content.decode()


def test_pages_speak_arabic(slos, customer_a_client, pm_client) -> None:
    customer_a_client.cookies["django_language"] = "ar"
    body = customer_a_client.get("/slos/", headers={"accept-language": "ar"}).content.decode()
    assert "حالة الخدمة" in body and "هل يعمل AquaFarm لدينا؟" in body and "أهداف مستوى الخدمة" not in body


def test_admin_edit_refuses_a_target_outside_0_100_and_saves_a_valid_one(slos, pm_client) -> None:
    slo = slos["data_accuracy"]
    url = f"/admin/monitoring/slo/{slo.pk}/change/"
    form = {
        "key": slo.key,
        "name_en": slo.name_en,
        "name_ar": slo.name_ar,
        "good_query": slo.good_query,
        "total_query": slo.total_query,
        "plan_query": slo.plan_query,
        "window_kind": "rolling",
        "window_days": 30,
        "enabled": "on",
    }
    with override_settings(PROMETHEUS_URL=""):
        refused = pm_client.post(url, {**form, "target_pct": "0"})
        saved = pm_client.post(url, {**form, "target_pct": "99.95"})
    assert refused.status_code == 200 and "between 0 and 100" in refused.content.decode()
    assert saved.status_code == 302
    slo.refresh_from_db()
    assert (slo.target_pct, slo.window_days) == (Decimal("99.95"), 30)
    assert slo.history.count() == 2  # created by the seed, changed once


def test_an_alert_in_the_admin_list_opens_its_incident_board(slos, tenant_a, pm_client) -> None:
    from incidents.models import Incident
    from monitoring.models import SloAlert
    from tests.incidents.factories import incident_make

    incident: Incident = incident_make(tenant_a, severity=2, category="performance_degradation")
    SloAlert.objects.create(
        slo=slos["availability"], customer=tenant_a, level="page", opened_at=NOW, burn_rate=14.4, incident=incident
    )
    page = pm_client.get("/admin/monitoring/sloalert/").content.decode()
    assert f'href="/admin/incidents/{incident.pk}/board/"' in page
