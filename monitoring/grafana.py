"""The plan's SLO/SLI dashboard as importable Grafana JSON (built from the stored SLO definitions)."""

from django.conf import settings

from monitoring.models import KeyMetric, Slo


def _panel(panel_id: int, title: str, kind: str, exprs: list[tuple[str, str]], y: int, x: int = 0) -> dict:
    return {
        "id": panel_id,
        "title": title,
        "type": kind,
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "gridPos": {"h": 8, "w": 12, "x": x, "y": y},
        "targets": [
            {"refId": chr(65 + i), "expr": expr, "legendFormat": legend} for i, (expr, legend) in enumerate(exprs)
        ],
        "fieldConfig": {"defaults": {"unit": "percentunit" if kind == "stat" else "short"}, "overrides": []},
    }


def _slo_panels(slos: list[Slo], label: str) -> list[dict]:
    panels = []
    for index, slo in enumerate(slos):
        ratio = f"({slo.good_query}) / ({slo.total_query})"
        exprs = [(ratio, f"{{{{{label}}}}} {slo.name_en}")]
        if slo.plan_query:
            exprs.append((slo.plan_query, f"{slo.name_en} (plan)"))
        panel = _panel(
            index + 1, f"{slo.name_en} SLO (target {slo.target_pct} %)", "timeseries", exprs, y=8 * (index // 2)
        )
        panel["gridPos"]["x"] = 12 * (index % 2)
        panel["fieldConfig"]["defaults"]["thresholds"] = {
            "mode": "absolute",
            "steps": [{"color": "red", "value": None}, {"color": "green", "value": float(slo.target_pct) / 100}],
        }
        panels.append(panel)
    return panels


def grafana_dashboard() -> dict:
    label = settings.PROMETHEUS_TENANT_LABEL
    slos = list(Slo.objects.filter(enabled=True))
    panels = _slo_panels(slos, label)
    base = len(panels)
    for index, metric in enumerate(KeyMetric.objects.filter(enabled=True)):
        y = 8 * ((base + index) // 2)
        panels.append(
            _panel(
                base + index + 1, str(metric.get_key_display()), "timeseries", [(metric.query, f"{{{{{label}}}}}")], y
            )
        )
        panels[-1]["gridPos"]["x"] = 12 * ((base + index) % 2)
    return {
        "title": "AquaFarm SLO/SLI Monitoring",
        "uid": "aquafarm-slo",
        "schemaVersion": 39,
        "version": 1,
        "editable": True,
        "time": {"from": "now-28d", "to": "now"},
        "refresh": "5m",
        "tags": ["aquafarm", "slo"],
        "templating": {
            "list": [
                {"name": "datasource", "type": "datasource", "query": "prometheus", "label": "Prometheus"},
            ]
        },
        "panels": panels,
    }
