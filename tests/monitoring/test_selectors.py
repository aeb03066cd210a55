import datetime as dt
from decimal import Decimal

import time_machine

from monitoring.models import PullState
from monitoring.selectors import series_points, slo_summary, window_counts
from tests.monitoring.factories import samples_fill

# 12:00 in Riyadh: windows end mid-day, so reads mix daily roll-ups and raw samples
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def test_window_counts_equal_a_plain_sum_of_samples_across_day_edges(slos, tenant_a) -> None:
    slo = slos["availability"]
    samples_fill(slo=slo, customer=tenant_a, start=NOW - dt.timedelta(days=5), end=NOW, good=999, total=1000)
    start, end = NOW - dt.timedelta(days=3, hours=7, minutes=25), NOW - dt.timedelta(hours=2)
    counts = window_counts(slo_ids=[slo.pk], start=start, end=end)
    points = int((end - start) / dt.timedelta(minutes=5))
    assert counts[(tenant_a.pk, slo.pk)] == (999 * points, 1000 * points)


def test_summary_for_one_customer_ignores_the_other(slos, tenant_a, tenant_b) -> None:
    samples_fill(slo=slos["latency"], customer=tenant_a, start=NOW - dt.timedelta(days=2), end=NOW, good=96, total=100)
    samples_fill(slo=slos["latency"], customer=tenant_b, start=NOW - dt.timedelta(days=2), end=NOW, good=50, total=100)
    with time_machine.travel(NOW, tick=False):
        mine = {s.key: s for s in slo_summary(customer=tenant_a)}
        overall = {s.key: s for s in slo_summary()}
    assert mine["latency"].compliance_pct == Decimal("96.00") and mine["latency"].met is True
    assert mine["latency"].budget_remaining_pct == Decimal("20.00")  # 4 % bad of 5 % allowed
    assert overall["latency"].compliance_pct == Decimal("73.00") and overall["latency"].met is False
    assert mine["availability"].compliance_pct is None and mine["availability"].met is None


def test_contract_fields_window_and_series(slos, tenant_a) -> None:
    samples_fill(
        slo=slos["availability"], customer=tenant_a, start=NOW - dt.timedelta(days=40), end=NOW, good=1, total=1
    )
    start, end = NOW - dt.timedelta(days=10), NOW - dt.timedelta(days=1)
    with time_machine.travel(NOW, tick=False):
        status = next(s for s in slo_summary(start=start, end=end) if s.key == "availability")
    assert [status.key, status.target_pct, status.compliance_pct] == [
        "availability",
        Decimal("99.50"),
        Decimal("100.00"),
    ]
    assert status.total == 9 * 288 and status.window_start == start
    assert 1 <= len(status.series) <= 200
    assert status.budget_remaining_minutes == status.budget_minutes == 9 * 24 * 60 * 0.005


def test_default_window_is_the_slo_rolling_window(slos, tenant_a) -> None:
    samples_fill(
        slo=slos["availability"], customer=tenant_a, start=NOW - dt.timedelta(days=40), end=NOW, good=1, total=1
    )
    with time_machine.travel(NOW, tick=False):
        status = next(s for s in slo_summary() if s.key == "availability")
    assert status.total == 28 * 288 and status.window_end == NOW


def test_stale_since_comes_from_the_pull_state(slos) -> None:
    PullState.objects.create(pk=1, stale_since=NOW)
    assert {s.stale_since for s in slo_summary()} == {NOW}


def test_series_never_exceeds_200_points_for_two_years() -> None:
    days = [(dt.date(2024, 1, 1) + dt.timedelta(days=i), (99.0, 100.0)) for i in range(730)]
    points = series_points(days)
    assert len(points) <= 200 and {v for _at, v in points} == {Decimal("99.00")}
