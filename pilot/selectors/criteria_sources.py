"""Every read of another app made by the scorecard, in one place.

The program sits above monitoring, incidents and feedback and imports their contract selectors
(docs/CONTRACTS.md) at the top: a renamed one fails at import, in CI. A None answer or a None figure
becomes NO_DATA ("no data yet") for the criteria that depend on it.
"""

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.figures import figures_get
from feedback.selectors import FeedbackSummary, feedback_summary
from incidents.selectors import IncidentSlaSummary, incident_sla_summary
from monitoring.selectors import SloStatus, slo_summary
from monitoring.selectors.health import measured_adoption_program
from pilot.choices import CriterionSource


@dataclass(frozen=True)
class SourceValue:
    """A measured value (percent or count) and a short evidence text; value None = no data yet."""

    value: Decimal | None
    evidence: str | Promise = ""
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


def _slo_reader(window: Window) -> dict[str, SloStatus]:
    start, end = window.datetimes()
    return {slo.key: slo for slo in slo_summary(start=start, end=end)}


def _incident_reader(window: Window) -> IncidentSlaSummary:
    start, end = window.datetimes()
    return incident_sla_summary(start=start, end=end)


def _feedback_reader(window: Window) -> FeedbackSummary | None:
    return feedback_summary(start=window.start, end=window.end)


def _slo_value(slos: dict[str, SloStatus] | None, key: str) -> SourceValue:
    slo = (slos or {}).get(key)
    if slo is None or slo.compliance_pct is None:
        return NO_DATA
    return SourceValue(Decimal(slo.compliance_pct), str(_("SLO %(name)s from monitoring")) % {"name": slo.name})


def _attribute_value(summary: Any, attribute: str, evidence: str) -> SourceValue:
    value = getattr(summary, attribute, None) if summary is not None else None
    return NO_DATA if value is None else SourceValue(Decimal(value), evidence, getattr(summary, "as_of", None))


def _measured_adoption(window: Window) -> Decimal | None:
    start, end = window.datetimes()
    return measured_adoption_program(start=start, end=end)


def adoption_value(*, measured: Decimal | None, survey: SourceValue) -> SourceValue:
    """Measured adoption (features with events in AquaFarm's metrics ÷ features offered) wins over the
    survey's: it counts what every user did, not what the few who answered remember ticking. The
    survey's figure stays in the evidence, and is the value while no usage metrics have arrived."""
    if measured is None:
        return survey
    said = str(_("surveys said %(pct)s %%")) % {"pct": survey.value} if survey.value is not None else ""
    measured_text = str(_("measured from AquaFarm's usage metrics"))
    return SourceValue(measured, "; ".join(filter(None, [measured_text, said])))


def source_values(*, window: Window) -> dict[str, SourceValue]:
    """The value of every measured source over the window, computed at most once a minute for everyone
    (core.figures): a value computed live carries the time it was computed as its `as_of`."""
    figures = figures_get("scorecard-sources", lambda: _source_values_live(window), window.start, window.end)
    if figures.as_of is None:
        return figures.value
    return {key: value if value.as_of else replace(value, as_of=figures.as_of) for key, value in figures.value.items()}


def _source_values_live(window: Window) -> dict[str, SourceValue]:
    """The value of every measured source over the window (three reads, one per app)."""
    slos = _slo_reader(window)
    incidents = _incident_reader(window)
    feedback = _feedback_reader(window)
    from_feedback = str(_("feedback surveys"))
    return {
        CriterionSource.SLO_AVAILABILITY: _slo_value(slos, "availability"),
        CriterionSource.SLO_LATENCY: _slo_value(slos, "latency"),
        CriterionSource.SLO_ERROR_RATE: _slo_value(slos, "error_rate"),
        CriterionSource.INCIDENTS_DATA_LOSS: _attribute_value(
            incidents, "data_loss_incidents", str(_("data-loss incidents in the incident log"))
        ),
        CriterionSource.FEEDBACK_SATISFACTION: _attribute_value(feedback, "satisfaction_pct", from_feedback),
        CriterionSource.FEEDBACK_ADOPTION: adoption_value(
            measured=_measured_adoption(window),
            survey=_attribute_value(feedback, "adoption_pct", from_feedback),
        ),
        CriterionSource.FEEDBACK_CHURN: _attribute_value(feedback, "churn_pct", from_feedback),
        CriterionSource.FEEDBACK_POSITIVE: _attribute_value(feedback, "positive_feedback_pct", from_feedback),
    }
