"""This app's part of `manage.py seed_demo` (idempotent)."""

from collections.abc import Callable

from monitoring.selectors import prometheus_configured
from monitoring.services import slo_defaults_ensure


def seed(*, log: Callable[[str], None]) -> None:
    """The plan's four SLOs and key metrics. Samples come only from a real Prometheus."""
    created = slo_defaults_ensure()
    log(f"monitoring: {created} SLO definitions and key metrics created")
    if not prometheus_configured():
        log("monitoring: PROMETHEUS_URL is unset, the SLO pages say so and show no data")
