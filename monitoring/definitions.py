"""The plan's SLOs and key metrics as PromQL, aggregated by the tenant label (section "SLO/SLI Dashboard").

Each SLI is written as good events / all events over 5 minutes so that every objective has an error
budget; the latency objective counts requests under 2 s (the histogram's le="2" bucket), while the
plan's p95 stays on the dashboard as a key metric.
"""

from dataclasses import dataclass
from decimal import Decimal

from monitoring.choices import MetricKey, SloKey


@dataclass(frozen=True)
class SloDefinition:
    key: str
    name_en: str
    name_ar: str
    good: str
    total: str
    plan: str
    target_pct: Decimal


def slo_definitions(label: str) -> list[SloDefinition]:
    requests = f"sum by ({label}) (increase(http_requests_total[5m]))"
    not_5xx = f'sum by ({label}) (increase(http_requests_total{{status!~"5.."}}[5m]))'
    return [
        SloDefinition(
            SloKey.AVAILABILITY,
            "Availability",
            "التوافر",
            not_5xx,
            requests,
            'sum(rate(http_requests_total{status!~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
            Decimal("99.5"),
        ),
        SloDefinition(
            SloKey.LATENCY,
            "Requests under 2 seconds",
            "الطلبات الأسرع من ثانيتين",
            f'sum by ({label}) (increase(http_request_duration_seconds_bucket{{le=~"2(\\\\.0+)?"}}[5m]))',
            f"sum by ({label}) (increase(http_request_duration_seconds_count[5m]))",
            "histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m]))",
            Decimal("95"),
        ),
        SloDefinition(
            SloKey.ERROR_RATE,
            "Error rate below 1 %",
            "معدل الأخطاء أقل من 1٪",
            not_5xx,
            requests,
            'sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
            Decimal("99"),
        ),
        SloDefinition(
            SloKey.DATA_ACCURACY,
            "Data accuracy",
            "دقة البيانات",
            f"sum by ({label}) (increase(data_validation_success_total[5m]))",
            f"sum by ({label}) (increase(data_validation_total[5m]))",
            "sum(rate(data_validation_success_total[5m])) / sum(rate(data_validation_total[5m]))",
            Decimal("99.9"),
        ),
    ]


def metric_definitions(label: str) -> dict[str, str]:
    return {
        MetricKey.LATENCY_P95: (
            f"histogram_quantile(0.95, sum by ({label}, le) (rate(http_request_duration_seconds_bucket[5m])))"
        ),
        MetricKey.ACTIVE_USERS: f"max by ({label}) (aquafarm_active_users_today)",
        MetricKey.DATA_ENTRIES: f"sum by ({label}) (increase(aquafarm_data_entries_total[1d]))",
    }


# The features AquaFarm counts in aquafarm_feature_events_total{feature=...}, as seeded
# (key, English, Arabic); the back office edits them (monitoring.UsageFeature).
USAGE_FEATURE_DEFAULTS: list[tuple[str, str, str]] = [
    ("water_quality", "Water-quality readings", "قراءات جودة المياه"),
    ("feeding", "Feeding logs", "سجلات التغذية"),
    ("harvest", "Harvest records", "سجلات الحصاد"),
    ("invoices", "Invoices", "الفواتير"),
    ("reports", "Reports", "التقارير"),
]


def usage_queries(*, tenant: str, feature: str, events_metric: str, users_metric: str) -> dict[str, str]:
    """The two grouped usage queries of a pull: events per customer and feature in each 5 minutes,
    and the day's active users (a gauge AquaFarm resets at midnight) at each grid point."""
    return {
        "events": f"sum by ({tenant}, {feature}) (increase({events_metric}[5m]))",
        "users": f"max by ({tenant}) (max_over_time({users_metric}[5m]))",
    }
