"""Against a real Prometheus: a TSDB back-filled by promtool from synthetic counters whose SLI
values this test computes on its own (block sums in plain Python), then one pull through the
same code as the beat task. The pulled values must match.

Per-minute increments are constant within each 5-minute block aligned to the grid, so
Prometheus's increase() over [T-5m, T] is exactly the block's sum: no extrapolation error.
"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from monitoring.models import MetricSample, PullState, SliSample
from monitoring.prometheus import PrometheusClient
from monitoring.selectors import slo_summary
from monitoring.services import metrics_pull_run, slo_save

pytestmark = pytest.mark.prometheus

T0 = dt.datetime(2026, 1, 10, 0, 0, tzinfo=dt.UTC)
BLOCKS = 36  # three hours of 5-minute blocks
BASE = 1_000_000.0  # counters start high, so Prometheus never extrapolates towards zero


@dataclass
class Block:
    ok: int
    err: int
    fast: int
    slow: int
    valid: int
    invalid: int


def _blocks(seed: int) -> list[Block]:
    rng = random.Random(seed)
    return [
        Block(
            rng.randint(150, 250),
            rng.randint(0, 3),
            rng.randint(180, 240),
            rng.randint(0, 20),
            rng.randint(50, 80),
            rng.choice([0, 0, 0, 1]),
        )  # fmt: skip
        for _ in range(BLOCKS)
    ]


def _counter(blocks: list[Block], per_minute) -> list[float]:
    """Counter values at minutes 0..5*len(blocks); the increment into minute m belongs to block (m-1)//5."""
    values, value = [BASE], BASE
    for minute in range(1, 5 * len(blocks) + 1):
        value += per_minute(blocks[(minute - 1) // 5])
        values.append(value)
    return values


def _series_lines(name: str, labels: str, values: list[float], t0: dt.datetime = T0) -> list[str]:
    return [f"{name}{{{labels}}} {v} {int(t0.timestamp()) + 60 * m}" for m, v in enumerate(values)]


def _openmetrics(data: dict[str, list[Block]], t0: dt.datetime = T0) -> str:
    families = {
        ("http_requests", "counter"): [
            ("http_requests_total", 'status="200"', lambda b: b.ok),
            ("http_requests_total", 'status="500"', lambda b: b.err),
        ],
        ("http_request_duration_seconds", "histogram"): [
            ("http_request_duration_seconds_bucket", 'le="2.0"', lambda b: b.fast),
            ("http_request_duration_seconds_bucket", 'le="+Inf"', lambda b: b.fast + b.slow),
            ("http_request_duration_seconds_count", "", lambda b: b.fast + b.slow),
            ("http_request_duration_seconds_sum", "", lambda b: b.fast * 0.3 + b.slow * 3),
        ],
        ("data_validation", "counter"): [("data_validation_total", "", lambda b: b.valid + b.invalid)],
        ("data_validation_success", "counter"): [("data_validation_success_total", "", lambda b: b.valid)],
    }
    lines = []
    for (family, kind), members in families.items():
        lines.append(f"# TYPE {family} {kind}")
        for tenant, blocks in data.items():
            for name, extra, per_minute in members:
                labels = ",".join(filter(None, [f'tenant="{tenant}"', extra]))
                lines += _series_lines(name, labels, _counter(blocks, per_minute), t0)
    lines.append("# TYPE aquafarm_active_users_today gauge")
    for index, tenant in enumerate(data):
        users = [5.0 + index] * (5 * len(data[tenant]) + 1)
        lines += _series_lines("aquafarm_active_users_today", f'tenant="{tenant}"', users, t0)
    return "\n".join([*lines, "# EOF", ""])


def _expected(blocks: list[Block]) -> dict[str, list[tuple[int, int]]]:
    """(good, total) events per block and SLO, straight from the synthetic increments."""
    return {
        "availability": [(5 * b.ok, 5 * (b.ok + b.err)) for b in blocks],
        "error_rate": [(5 * b.ok, 5 * (b.ok + b.err)) for b in blocks],
        "latency": [(5 * b.fast, 5 * (b.fast + b.slow)) for b in blocks],
        "data_accuracy": [(5 * b.valid, 5 * (b.valid + b.invalid)) for b in blocks],
    }


def _pct(pairs: list[tuple[int, int]]) -> Decimal:
    good, total = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    return (Decimal(good) * 100 / Decimal(total)).quantize(Decimal("0.01"))


def test_pulled_slis_match_the_synthetic_data(slos, tenant_a, tenant_b, prometheus_server) -> None:
    data = {"alpha": _blocks(1), "beta": _blocks(2)}
    url = prometheus_server(_openmetrics(data))
    end = T0 + dt.timedelta(minutes=5 * BLOCKS)
    PullState.objects.create(pk=1, covered_until=T0)  # as if the last pull was at T0: back-fill the three hours
    client = PrometheusClient(url)

    result = metrics_pull_run(now=end + dt.timedelta(minutes=2), client=client)

    assert result.ok, result.error
    assert result.queries == 13  # 2 per SLO + 3 key metrics + 2 usage, whatever the number of customers
    for customer, blocks in ((tenant_a, data["alpha"]), (tenant_b, data["beta"])):
        expected = _expected(blocks)
        for key, pairs in expected.items():
            pulled = SliSample.objects.filter(slo=slos[key], customer=customer).order_by("at")
            assert [s.at for s in pulled] == [T0 + dt.timedelta(minutes=5 * (i + 1)) for i in range(BLOCKS)]
            assert [(s.good, s.total) for s in pulled] == [pytest.approx(p, rel=1e-9) for p in pairs]
        summary = {s.key: s for s in slo_summary(customer=customer, start=T0, end=end)}
        assert {key: summary[key].compliance_pct for key in expected} == {k: _pct(p) for k, p in expected.items()}
    users = MetricSample.objects.filter(metric__key="active_users", customer=tenant_b).order_by("-at").first()
    assert users.value == 6.0


def test_a_query_prometheus_rejects_is_refused_with_its_message(slos, prometheus_server) -> None:
    url = prometheus_server(_openmetrics({"alpha": _blocks(3)}))
    slo = slos["availability"]
    slo.good_query = 'sum by (tenant) (increase(http_requests_total{status!~"5.."}[5m])'  # missing ")"
    with override_settings(PROMETHEUS_URL=url), pytest.raises(ValidationError) as error:
        slo_save(slo=slo)
    assert "Prometheus rejected this query" in error.value.message_dict["good_query"][0]
    assert "parse error" in error.value.message_dict["good_query"][0]
    slo.refresh_from_db()
    slo.target_pct = Decimal("99.8")
    with override_settings(PROMETHEUS_URL=url):
        slo_save(slo=slo)  # the stored, valid PromQL passes
