"""Error trends of one customer, read live when its error page is opened (nothing is stored):
5xx per day and the routes with most 5xx from Prometheus, and — when LOKI_URL is set — the most
frequent error messages from Loki's HTTP API. Either source failing shows a message, never a 500.

Loki's /loki/api/v1/query answers a metric query in Prometheus's own envelope
(`{"status":"success","data":{"resultType":"vector","result":[{"metric":{...},"value":[ts,"n"]}]}}`),
so the Prometheus client reads it too.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings

from monitoring.prometheus import PrometheusClient, PrometheusError, Series, _parse_result, client_get

TOP_ROUTES = 10
TOP_MESSAGES = 10
DAY = dt.timedelta(days=1)


@dataclass
class ErrorTrends:
    days: list[tuple[dt.datetime, float]] = field(default_factory=list)  # 5xx in the day ending at each point
    routes: list[tuple[str, float]] = field(default_factory=list)  # top routes by 5xx over the window
    messages: list[tuple[str, float]] = field(default_factory=list)  # top error messages (Loki)
    prometheus_error: str = ""
    loki_error: str = ""
    loki_configured: bool = False


class LokiClient(PrometheusClient):
    """Loki's query endpoint; `time` in nanoseconds as Loki documents it."""

    def query(self, expr: str, *, at: dt.datetime) -> list[Series]:
        data = self._get("/loki/api/v1/query", {"query": expr, "time": int(at.timestamp()) * 10**9, "limit": 100})
        return _parse_result(data, expected="vector")


def _selector(slug: str) -> str:
    return f'{settings.PROMETHEUS_TENANT_LABEL}="{slug}",status=~"5.."'


def _top(series: list[Series], label: str, limit: int) -> list[tuple[str, float]]:
    rows = [(item.labels.get(label, "?"), item.points[-1][1]) for item in series if item.points]
    return sorted(rows, key=lambda row: -row[1])[:limit]


def _prometheus_part(
    trends: ErrorTrends, client: PrometheusClient, slug: str, start: dt.datetime, end: dt.datetime
) -> None:
    route = settings.PROMETHEUS_ROUTE_LABEL
    seconds = max(int((end - start).total_seconds()), 300)
    try:
        daily = client.query_range(f"sum(increase(http_requests_total{{{_selector(slug)}}}[1d]))",
                                   start=start + DAY, end=end, step=DAY)  # fmt: skip
        trends.days = daily[0].points if daily else []
        by_route = client.query(f"sum by ({route}) (increase(http_requests_total{{{_selector(slug)}}}[{seconds}s]))",
                                at=end)  # fmt: skip
        trends.routes = [row for row in _top(by_route, route, TOP_ROUTES) if row[1] > 0]
    except PrometheusError as error:
        trends.prometheus_error = str(error)


def loki_query(slug: str, seconds: int) -> str:
    """Error lines of the customer over the window, counted per message (AquaFarm logs JSON lines)."""
    label = settings.PROMETHEUS_TENANT_LABEL
    return (
        f'topk({TOP_MESSAGES}, sum by (message) (count_over_time({{{label}="{slug}"}} | json | level=~"(?i)error"'
        f" [{seconds}s])))"
    )


def _loki_part(trends: ErrorTrends, slug: str, start: dt.datetime, end: dt.datetime) -> None:
    trends.loki_configured = bool(settings.LOKI_URL)
    if not trends.loki_configured:
        return
    try:
        series = LokiClient(settings.LOKI_URL).query(loki_query(slug, int((end - start).total_seconds())), at=end)
        trends.messages = _top(series, "message", TOP_MESSAGES)
    except PrometheusError as error:
        trends.loki_error = str(error)


def error_trends(
    *, slug: str, start: dt.datetime, end: dt.datetime, client: PrometheusClient | None = None
) -> ErrorTrends:
    """5xx per day and top routes (Prometheus) and top messages (Loki) of one customer over [start, end)."""
    trends = ErrorTrends()
    client = client if client is not None else client_get()
    if client is not None:
        _prometheus_part(trends, client, slug, start, end)
    _loki_part(trends, slug, start, end)
    return trends
