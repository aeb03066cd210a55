"""Report builds have a Celery queue of their own ("reports"), so a burst of PDFs never delays the timers."""

import re

from pilot.celery import app as celery_app
from tests.conftest import ROOT


def _queue_of(task_name: str) -> str:
    return celery_app.amqp.router.route({}, task_name)["queue"].name


def test_report_builds_go_to_the_reports_queue_and_everything_else_to_the_default_one(settings) -> None:
    settings.REPORTS_QUEUE = "reports"
    assert _queue_of("reports.tasks.report_build") == "reports"
    assert _queue_of("incidents.tasks.incident_timers") == "celery"
    assert _queue_of("ops.tasks.outbox_flush") == "celery"
    assert _queue_of("reports.tasks.report_sweep_stale") == "celery"  # a quick sweep, beside the timers


def test_make_run_starts_a_worker_that_consumes_both_queues() -> None:
    (line,) = [line for line in (ROOT / "scripts/run.sh").read_text().splitlines() if "celery -A pilot worker" in line]
    assert re.search(r"-Q celery,reports\b", line)
