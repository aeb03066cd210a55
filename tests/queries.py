"""Counting a request's or a service call's own statements."""

from collections.abc import Iterable


def statements(captured_queries: Iterable[dict[str, str]]) -> list[str]:
    """The SQL of the captured queries without `SET search_path`: pilot.postgresql_backend issues it only when
    the connection's schema changes, so it depends on what ran before, not on the code measured."""
    return [query["sql"] for query in captured_queries if not query["sql"].startswith("SET search_path")]
