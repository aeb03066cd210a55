import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from monitoring.models import KeyMetric, MetricSample, PullGap, PullState, SliDaily, SliSample
from monitoring.prometheus import PrometheusQueryError, PrometheusUnavailable
from monitoring.services import metrics_pull_run
from monitoring.services.pull import grid_floor, pull_range
from monitoring.tasks import metrics_pull, retry_countdown
from pilot.celery import app as celery_app
from tests.monitoring.fakes import FakePrometheus, constant

NOW = dt.datetime(2026, 3, 10, 9, 2, 30, tzinfo=dt.UTC)
GRID = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def eager_retries():
    """Eager tasks run their retries inline only when exceptions do not propagate."""
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = True


def healthy(slos: dict, tenants: tuple[str, ...] = ("alpha", "beta"), good: float = 999.5, total: float = 1000):
    answers = {}
    for slo in slos.values():
        answers[slo.good_query] = {t: constant(good) for t in tenants}
        answers[slo.total_query] = {t: constant(total) for t in tenants}
    return FakePrometheus(answers)


def test_grid_floor_aligns_to_five_minutes() -> None:
    assert grid_floor(NOW) == GRID
    assert grid_floor(GRID) == GRID


def test_range_starts_after_what_is_covered_and_is_capped_at_30_days() -> None:
    assert pull_range(state=PullState(covered_until=None), now=NOW) == (GRID, GRID)
    assert pull_range(state=PullState(covered_until=GRID - dt.timedelta(minutes=15)), now=NOW)[
        0
    ] == GRID - dt.timedelta(minutes=10)
    assert pull_range(state=PullState(covered_until=GRID), now=NOW) is None
    start, _end = pull_range(state=PullState(covered_until=GRID - dt.timedelta(days=90)), now=NOW)
    assert start == GRID - dt.timedelta(days=30)


def test_first_pull_is_one_instant_query_per_definition_for_all_customers(slos, tenant_a, tenant_b) -> None:
    fake = healthy(slos)
    result = metrics_pull_run(now=NOW, client=fake)
    assert result.ok and result.queries == 2 * 4 + 3 + 2  # good+total per SLO, one per key metric, two usage
    assert {kind for kind, _expr in fake.calls} == {"query"}
    assert SliSample.objects.count() == 4 * 2
    sample = SliSample.objects.get(slo=slos["availability"], customer=tenant_a)
    assert (sample.at, sample.good, sample.total) == (GRID, 999.5, 1000)
    assert SliDaily.objects.get(slo=slos["availability"], customer=tenant_a).total == 1000


def test_unknown_tenant_label_values_are_ignored(slos, tenant_a) -> None:
    metrics_pull_run(now=NOW, client=healthy(slos, tenants=("alpha", "no-such-farm")))
    assert set(SliSample.objects.values_list("customer_id", flat=True)) == {tenant_a.pk}


def test_pulling_the_same_points_again_overwrites_instead_of_duplicating(slos, tenant_a) -> None:
    metrics_pull_run(now=NOW, client=healthy(slos, good=999.6))
    PullState.objects.update(covered_until=None)
    metrics_pull_run(now=NOW, client=healthy(slos, good=999.7))
    assert SliSample.objects.filter(customer=tenant_a).count() == 4
    assert set(SliSample.objects.values_list("good", flat=True)) == {999.7}
    assert SliDaily.objects.get(slo=slos["latency"], customer=tenant_a).good == 999.7


def test_outage_records_a_gap_and_stale_since_then_backfills_with_range_queries(slos, tenant_a) -> None:
    metrics_pull_run(now=NOW, client=healthy(slos))
    later = NOW + dt.timedelta(minutes=5)
    down = metrics_pull_run(now=later, client=FakePrometheus(error=PrometheusUnavailable("unreachable")))
    assert not down.ok and down.retryable and down.queries == 1
    state = PullState.objects.get()
    assert state.stale_since == NOW and state.last_error == "unreachable"
    metrics_pull_run(now=later + dt.timedelta(minutes=5), client=FakePrometheus(error=PrometheusUnavailable("x")))
    assert PullGap.objects.count() == 1  # one outage, one gap
    gap = PullGap.objects.get()
    assert gap.start == GRID + dt.timedelta(minutes=5) and gap.filled_at is None

    fake = healthy(slos)
    back = metrics_pull_run(now=NOW + dt.timedelta(minutes=40), client=fake)
    assert back.ok and {kind for kind, _ in fake.calls} == {"query_range"} and back.queries == 13
    assert SliSample.objects.filter(slo=slos["availability"], customer=tenant_a).count() == 1 + 8
    gap.refresh_from_db()
    assert gap.filled_at is not None and gap.end == GRID + dt.timedelta(minutes=40)
    assert PullState.objects.get().stale_since is None


def test_rejected_query_is_recorded_and_not_retried(slos, tenant_a) -> None:
    result = metrics_pull_run(now=NOW, client=FakePrometheus(error=PrometheusQueryError("bad_data: oops")))
    assert not result.ok and not result.retryable and "bad_data" in result.error


def test_no_prometheus_configured_is_a_quiet_no_op(slos) -> None:
    with override_settings(PROMETHEUS_URL=""):
        assert metrics_pull_run(now=NOW).configured is False
    assert not PullState.objects.exists()


def test_key_metrics_are_stored_per_customer(slos, tenant_a) -> None:
    fake = healthy(slos)
    users = KeyMetric.objects.get(key="active_users")
    fake.answers[users.query] = {"alpha": constant(7)}
    metrics_pull_run(now=NOW, client=fake)
    assert MetricSample.objects.get(metric=users, customer=tenant_a).value == 7


def test_backoff_doubles_inside_the_beat_interval() -> None:
    assert [retry_countdown(n) for n in range(3)] == [30, 60, 120]


@pytest.mark.django_db
def test_task_retries_an_unreachable_prometheus_then_gives_up_quietly(slos, monkeypatch, eager_retries) -> None:
    calls = []

    def failing(**kwargs):
        calls.append(kwargs)
        from monitoring.services.pull import PullResult

        return PullResult(retryable=True, error="unreachable")

    monkeypatch.setattr("monitoring.tasks.metrics_pull_run", failing)
    result = metrics_pull.apply(throw=False)  # eager retries run inline, without the countdown
    assert len(calls) == 4  # the first try and three retries
    assert result.successful() and result.result["error"] == "unreachable"


@override_settings(PROMETHEUS_URL="http://127.0.0.1:9")
def test_task_and_command_survive_a_dead_prometheus(slos, tenant_a, capsys, eager_retries) -> None:
    with time_machine.travel(NOW, tick=False):
        metrics_pull.apply()
        call_command("pull_metrics")
    assert "pull failed" in capsys.readouterr().err
    assert PullState.objects.get().stale_since == NOW
