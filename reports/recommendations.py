"""Recommendations computed from the pilot's figures; they print before the ones people write.

Pure functions over the sections the report already gathered (reports.context): no query here,
and the wording is translated in the language active while the report's context is built.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pilot.choices import CriterionStatus
from reports.constants import TOP_FEEDBACK_ITEMS
from reports.context import Section


@dataclass(frozen=True)
class Finding:
    """One computed recommendation and the figure it comes from."""

    text: str
    basis: str


def _criterion_findings(rows: Iterable[dict[str, Any]]) -> list[Finding]:
    findings = []
    for row in rows:
        name, target, value = row.get("name") or row.get("key"), row.get("target") or "—", row.get("value")
        basis = _("Target %(target)s, measured %(value)s") % {"target": target, "value": _value(value)}
        if row.get("status") == CriterionStatus.NOT_MET:
            text = _("“%(name)s” is not met: fix it before the general release.") % {"name": name}
        elif row.get("status") == CriterionStatus.AT_RISK:
            text = _("“%(name)s” is close to its target: watch it in the first weeks of the release.") % {"name": name}
        elif row.get("status") == CriterionStatus.UNKNOWN:
            text = _("“%(name)s” has no measurement or judgement yet: record the evidence.") % {"name": name}
        else:
            continue
        findings.append(Finding(text=text, basis=basis))
    return findings


def _value(value: object) -> str:
    return "—" if value is None else str(value)


def _when(count: int, text: str, basis: str) -> list[Finding]:
    """One finding when `count` is not zero, none otherwise."""
    return [Finding(text=text, basis=basis)] if count else []


def _incident_findings(summary: Any) -> list[Finding]:
    breached, lost, still_open = summary.breached, summary.data_loss_incidents, summary.open
    breached_text = ngettext(
        "%(count)d incident missed its response or resolution target: review on-call cover and escalation.",
        "%(count)d incidents missed their response or resolution target: review on-call cover and escalation.",
        breached,
    )
    open_text = ngettext(
        "%(count)d incident is still open: close it or carry it into the release plan.",
        "%(count)d incidents are still open: close them or carry them into the release plan.",
        still_open,
    )
    return [
        *_when(
            breached, breached_text % {"count": breached}, _("Incidents: %(total)d in total") % {"total": summary.total}
        ),
        *_when(
            lost,
            _("Data was lost in the pilot: verify backups and restores before the release."),
            _("Incidents with data loss: %(count)d") % {"count": lost},
        ),
        *_when(still_open, open_text % {"count": still_open}, _("Open incidents")),
    ]


def _feedback_findings(summary: Any) -> list[Finding]:
    findings = []
    for text, count in list(summary.top_pain_points)[:TOP_FEEDBACK_ITEMS]:
        basis = ngettext("%(count)d report", "%(count)d reports", count) % {"count": count}
        findings.append(Finding(text=_("Solve a top pain point: “%(item)s”.") % {"item": text}, basis=basis))
    for text, count in list(summary.top_requests)[:TOP_FEEDBACK_ITEMS]:
        basis = ngettext("%(count)d request", "%(count)d requests", count) % {"count": count}
        findings.append(Finding(text=_("Plan a top feature request: “%(item)s”.") % {"item": text}, basis=basis))
    return findings


def recommendations_compute(*, scorecard: Section, incidents: Section, feedback: Section) -> list[Finding]:
    """Criteria not met, at risk or unjudged (the service levels among them), breached and open
    incidents, the top feedback items."""
    findings: list[Finding] = []
    if scorecard.available:
        findings += _criterion_findings(scorecard.data["rows"])
    if incidents.available:
        findings += _incident_findings(incidents.data)
    if feedback.available:
        findings += _feedback_findings(feedback.data)
    return findings
