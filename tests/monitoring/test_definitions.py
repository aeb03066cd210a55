import json
from decimal import Decimal

from django.core.management import call_command
from django.test import override_settings

from monitoring.models import KeyMetric, Slo
from monitoring.services import slo_defaults_ensure


def test_seed_creates_the_plans_four_slos_once_and_keeps_edits(db: None) -> None:
    assert slo_defaults_ensure() == 7
    Slo.objects.filter(key="availability").update(target_pct="99.9")
    assert slo_defaults_ensure() == 0
    assert Slo.objects.get(key="availability").target_pct == Decimal("99.9")
    assert sorted(Slo.objects.values_list("key", flat=True)) == [
        "availability",
        "data_accuracy",
        "error_rate",
        "latency",
    ]
    assert KeyMetric.objects.count() == 3


@override_settings(PROMETHEUS_TENANT_LABEL="farm")
def test_queries_aggregate_by_the_configured_tenant_label(db: None) -> None:
    slo_defaults_ensure()
    for slo in Slo.objects.all():
        assert "sum by (farm)" in slo.good_query and "sum by (farm)" in slo.total_query
    assert "sum by (farm, le)" in KeyMetric.objects.get(key="latency_p95").query


def test_latency_slo_counts_requests_under_two_seconds(db: None) -> None:
    slo_defaults_ensure()
    latency = Slo.objects.get(key="latency")
    assert 'le=~"2(\\\\.0+)?"' in latency.good_query and "_count" in latency.total_query
    assert latency.target_pct == 95 and "histogram_quantile(0.95" in latency.plan_query


def test_grafana_export_is_json_with_a_panel_per_slo_and_metric(slos, tmp_path) -> None:
    out = tmp_path / "dashboard.json"
    call_command("export_grafana_dashboard", "--output", str(out))
    dashboard = json.loads(out.read_text())
    assert dashboard["title"] == "AquaFarm SLO/SLI Monitoring"
    assert len(dashboard["panels"]) == 7
    exprs = [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    assert slos["availability"].plan_query in exprs
    assert len({panel["id"] for panel in dashboard["panels"]}) == 7


def test_seed_demo_runs_twice(db: None) -> None:
    from monitoring.demo import seed

    lines: list[str] = []
    seed(log=lines.append)
    seed(log=lines.append)
    assert Slo.objects.count() == 4
    assert "monitoring: 7 SLO definitions and key metrics created" in lines
    assert "monitoring: 0 SLO definitions and key metrics created" in lines
