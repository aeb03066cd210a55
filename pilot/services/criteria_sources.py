"""Every read of another app made by the scorecard, in one place.

The monitoring, incidents and feedback apps are built alongside this one: each is imported lazily
inside a function, and a missing module or function (ImportError/AttributeError), a missing
table, or a None answer becomes NO_DATA ("no data yet") for the criteria that depend on it.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import ProgrammingError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilot.choices import CriterionSource

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceValue:
    """A measured value (percent or count) and a short evidence text; value None = no data yet."""

    value: Decimal | None
    evidence: str = ""
    as_of: dt.datetime | None = None  # read from summaries refreshed at this time (None: computed live)


NO_DATA = SourceValue(None, _("no data yet"))


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date  # exclusive

    def datetimes(self) -> tuple[dt.datetime, dt.datetime]:
        zone = timezone.get_current_timezone()
        return (
            dt.datetime.combine(self.start, dt.time.min, tzinfo=zone),
            dt.datetime.combine(self.end, dt.time.min, tzinfo=zone),
        )


def _safely(name: str, read: Callable[[], Any]) -> Any:
    try:
        with transaction.atomic():  # a savepoint: a missing table leaves the caller's transaction usable
            return read()
    except (ImportError, AttributeError) as error:
        logger.info("scorecard source %s: no data yet (%s)", name, error)
    except ProgrammingError as error:
        logger.warning("scorecard source %s: not migrated (%s)", name, error)
    return None


def _slo_reader(window: Window) -> Any:
    from monitoring.selectors import slo_summary

    start, end = window.datetimes()
    return {slo.key: slo for slo in slo_summary(start=start, end=end)}


def _incident_reader(window: Window) -> Any:
    from incidents.selectors import incident_sla_summary

    start, end = window.datetimes()
    return incident_sla_summary(start=start, end=end)


def _feedback_reader(window: Window) -> Any:
    from feedback.selectors import feedback_summary

    return feedback_summary(start=window.start, end=window.end)


def _slo_value(slos: dict | None, key: str) -> SourceValue:
    slo = (slos or {}).get(key)
    if slo is None or slo.compliance_pct is None:
        return NO_DATA
    return SourceValue(Decimal(slo.compliance_pct), str(_("SLO %(name)s from monitoring")) % {"name": slo.name})


def _attribute_value(summary: Any, attribute: str, evidence: str) -> SourceValue:
    value = getattr(summary, attribute, None) if summary is not None else None
    return NO_DATA if value is None else SourceValue(Decimal(value), evidence, getattr(summary, "as_of", None))


def source_values(*, window: Window) -> dict[str, SourceValue]:
    """The value of every measured source over the window (three reads, one per app)."""
    slos = _safely("monitoring", lambda: _slo_reader(window))
    incidents = _safely("incidents", lambda: _incident_reader(window))
    feedback = _safely("feedback", lambda: _feedback_reader(window))
    from_feedback = str(_("feedback surveys"))
    return {
        CriterionSource.SLO_AVAILABILITY: _slo_value(slos, "availability"),
        CriterionSource.SLO_LATENCY: _slo_value(slos, "latency"),
        CriterionSource.SLO_ERROR_RATE: _slo_value(slos, "error_rate"),
        CriterionSource.INCIDENTS_DATA_LOSS: _attribute_value(
            incidents, "data_loss_incidents", str(_("data-loss incidents in the incident log"))
        ),
        CriterionSource.FEEDBACK_SATISFACTION: _attribute_value(feedback, "satisfaction_pct", from_feedback),
        CriterionSource.FEEDBACK_ADOPTION: _attribute_value(feedback, "adoption_pct", from_feedback),
        CriterionSource.FEEDBACK_CHURN: _attribute_value(feedback, "churn_pct", from_feedback),
        CriterionSource.FEEDBACK_POSITIVE: _attribute_value(feedback, "positive_feedback_pct", from_feedback),
    }
