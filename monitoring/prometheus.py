"""A small client of the Prometheus HTTP API (/api/v1/query and /api/v1/query_range).

Every failure becomes a PrometheusError: callers never see requests' or json's exceptions.
`PrometheusUnavailable` (unreachable, slow, 5xx, malformed answer) is worth retrying;
`PrometheusQueryError` (Prometheus rejected the PromQL) is not, and carries Prometheus's message.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import requests
from django.conf import settings

from monitoring.constants import HTTP_TIMEOUT_SECONDS


class PrometheusError(Exception):
    pass


class PrometheusUnavailable(PrometheusError):
    """Prometheus could not answer usefully now; a later try may work."""


class PrometheusQueryError(PrometheusError):
    """Prometheus understood the request and rejected the query."""


@dataclass(frozen=True)
class Series:
    labels: dict[str, str]
    points: list[tuple[datetime, float]]


class PrometheusClient:
    def __init__(
        self, base_url: str, *, timeout: float = HTTP_TIMEOUT_SECONDS, session: requests.Session | None = None
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()
        self.requests_made = 0

    def query(self, expr: str, *, at: datetime) -> list[Series]:
        """An instant query; `at` is required because data more than 5 minutes old is otherwise invisible."""
        data = self._get("/api/v1/query", {"query": expr, "time": at.timestamp()})
        return _parse_result(data, expected="vector")

    def query_range(self, expr: str, *, start: datetime, end: datetime, step: timedelta) -> list[Series]:
        params = {"query": expr, "start": start.timestamp(), "end": end.timestamp(), "step": step.total_seconds()}
        return _parse_result(self._get("/api/v1/query_range", params), expected="matrix")

    def grid(self, expr: str, *, start: datetime, end: datetime, step: timedelta) -> list[Series]:
        """Values on the grid start..end: one point is an instant query at `end`, more a range query."""
        if start == end:
            return self.query(expr, at=end)
        return self.query_range(expr, start=start, end=end, step=step)

    def _get(self, path: str, params: dict) -> dict:
        self.requests_made += 1
        try:
            response = self.session.get(self.base_url + path, params=params, timeout=self.timeout)
        except requests.Timeout as error:
            raise PrometheusUnavailable(f"timed out after {self.timeout:g} s") from error
        except requests.RequestException as error:
            raise PrometheusUnavailable(f"unreachable: {error.__class__.__name__}") from error
        return _body(response)


def _body(response: requests.Response) -> dict:
    try:
        body = response.json()
    except ValueError as error:
        raise PrometheusUnavailable(f"HTTP {response.status_code}: answer is not JSON") from error
    if not isinstance(body, dict):
        raise PrometheusUnavailable(f"HTTP {response.status_code}: unexpected answer")
    if body.get("status") == "error":
        message = f"{body.get('errorType', 'error')}: {body.get('error', '')}"
        # 400 bad_data and 422 execution errors are about the query; 503 timeouts and others are not.
        raise (PrometheusQueryError if response.status_code in (400, 422) else PrometheusUnavailable)(message)
    if response.status_code != 200 or body.get("status") != "success" or not isinstance(body.get("data"), dict):
        raise PrometheusUnavailable(f"HTTP {response.status_code}: unexpected answer")
    return body["data"]


def _parse_result(data: dict, *, expected: str) -> list[Series]:
    if data.get("resultType") != expected or not isinstance(data.get("result"), list):
        raise PrometheusUnavailable(f"expected a {expected}, got {data.get('resultType')!r}")
    try:
        return [_series(item, expected) for item in data["result"]]
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise PrometheusUnavailable("malformed result") from error


def _series(item: dict, kind: str) -> Series:
    pairs = [item["value"]] if kind == "vector" else item["values"]
    points = [(datetime.fromtimestamp(float(ts), tz=UTC), float(value)) for ts, value in pairs]
    # NaN comes from 0/0 (no traffic): that is "no data", not a value.
    return Series(labels=dict(item["metric"]), points=[(at, value) for at, value in points if math.isfinite(value)])


def client_get() -> PrometheusClient | None:
    """The configured client, or None when PROMETHEUS_URL is unset (development, demo)."""
    return PrometheusClient(settings.PROMETHEUS_URL) if settings.PROMETHEUS_URL else None
