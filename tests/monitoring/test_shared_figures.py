"""Pages built on cross-customer figures read them from the shared cache (core/figures.py) and say when they
were computed."""

import datetime as dt

import time_machine
from django.utils import translation

from monitoring.models import PullState
from tests.monitoring.factories import samples_fill

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def test_the_slo_overview_is_computed_once_and_says_when(
    figures_cached, slos, tenant_a, tenant_b, pm_client, django_assert_max_num_queries
) -> None:
    for customer in (tenant_a, tenant_b):
        samples_fill(
            slo=slos["latency"], customer=customer, start=NOW - dt.timedelta(days=1), end=NOW, good=99, total=100
        )
    PullState.objects.create(pk=1, covered_until=NOW, last_success_at=NOW)
    with time_machine.travel(NOW, tick=False):
        first = pm_client.get("/admin/monitoring/slos/")
        with django_assert_max_num_queries(100) as counted:
            second = pm_client.get("/admin/monitoring/slos/")
    sli_reads = [q for q in counted.captured_queries if "monitoring_sli" in q["sql"]]
    assert sli_reads == []  # the second view read no sample: the board came from the cache
    body = second.content.decode()
    block = first.content.decode().split('id="figures-as-of"')[1].split("Edit SLO definitions")[0]
    assert block and block in body  # the same figures (the page around them has its own nonce)
    assert 'id="figures-as-of"' in body and "Alpha Fish Farm" in body and "99.00 %" in body


def test_the_program_dashboard_card_is_shared_and_says_when(figures_cached, program_manager, pm_client) -> None:
    first = pm_client.get("/admin/").content.decode()
    with translation.override("ar"):
        arabic = pm_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    second = pm_client.get("/admin/").content.decode()
    assert 'id="dashboard-as-of"' in first and 'id="program-dashboard"' in first
    card = first[first.index('id="program-dashboard"') :]
    assert card[: card.index("</section>")] in second  # the same card, read back from the cache
    assert 'dir="rtl"' in arabic or 'lang="ar"' in arabic
