"""This app's part of `manage.py seed_demo` (idempotent)."""

from collections.abc import Callable

from monitoring.selectors import prometheus_configured
from monitoring.services import slo_defaults_ensure
from monitoring.services.health import health_refresh_all


def seed(*, log: Callable[[str], None]) -> None:
    """The plan's four SLOs and key metrics. Samples come only from a real Prometheus."""
    created = slo_defaults_ensure()
    log(f"monitoring: {created} SLO definitions and key metrics created")
    if not prometheus_configured():
        log("monitoring: PROMETHEUS_URL is unset, the SLO pages say so and show no data")
    # After the incidents and feedback demos (seed_demo's order): the dashboard's health card has rows.
    drops = health_refresh_all()
    log(f"monitoring: health scores computed for the live customers ({drops} band drops)")
