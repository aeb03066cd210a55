"""Writes of the monitoring app (keyword-only `<entity>_<action>` functions), one module per concern."""

from monitoring.services.alerts import AlertPass, alert_open, alerts_evaluate
from monitoring.services.pull import PullResult, daily_rollup_refresh, metrics_pull_run, samples_store
from monitoring.services.slos import slo_defaults_ensure, slo_save, slo_validate

__all__ = [
    "AlertPass",
    "PullResult",
    "alert_open",
    "alerts_evaluate",
    "daily_rollup_refresh",
    "metrics_pull_run",
    "samples_store",
    "slo_defaults_ensure",
    "slo_save",
    "slo_validate",
]
