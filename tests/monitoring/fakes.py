"""An in-memory stand-in for PrometheusClient: answers per query text, per tenant, per time."""

import datetime as dt
from collections.abc import Callable

from monitoring.prometheus import PrometheusError, Series

Value = Callable[[dt.datetime], float | None]


class FakePrometheus:
    def __init__(self, answers: dict[str, dict[str, Value]] | None = None, *, error: PrometheusError | None = None):
        self.answers = answers or {}
        self.error = error
        self.requests_made = 0
        self.calls: list[tuple[str, str]] = []

    def query(self, expr: str, *, at: dt.datetime) -> list[Series]:
        return self._answer("query", expr, [at])

    def query_range(self, expr: str, *, start: dt.datetime, end: dt.datetime, step: dt.timedelta) -> list[Series]:
        points = []
        while start <= end:
            points.append(start)
            start += step
        return self._answer("query_range", expr, points)

    def grid(self, expr: str, *, start: dt.datetime, end: dt.datetime, step: dt.timedelta) -> list[Series]:
        if start == end:
            return self.query(expr, at=end)
        return self.query_range(expr, start=start, end=end, step=step)

    def _answer(self, kind: str, expr: str, times: list[dt.datetime]) -> list[Series]:
        self.requests_made += 1
        self.calls.append((kind, expr))
        if self.error is not None:
            raise self.error
        result = []
        for tenant, value in self.answers.get(expr, {}).items():
            points = [(at, value(at)) for at in times if value(at) is not None]
            result.append(Series(labels={"tenant": tenant}, points=points))
        return result


def constant(value: float) -> Value:
    return lambda at: value
