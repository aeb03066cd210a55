"""Every read of another app made by the report, in one place: one small function per section.

The other apps' selectors are imported here at the top, so a renamed or missing one fails at import
(in CI), never as a silent "no data yet". A None answer (an app with nothing to say yet) becomes
NO_DATA and the template says "no data yet" for that section. Names and shapes follow
docs/CONTRACTS.md; nothing here computes a figure the owning app already computes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from feedback.selectors import feedback_dashboard, feedback_summary
from incidents.selectors import incident_sla_summary
from monitoring.selectors import slo_summary
from monitoring.selectors.health import usage_table
from pilot.selectors import budget_summary, phase_list, program_get, risk_list, scorecard_get, training_summary
from reports.constants import NARRATIVE_PARTS
from reports.selectors import report_narrative_get
from rollups.selectors import customer_snapshot_map
from tenants.models import OnboardingStep, PilotCustomer
from tenants.selectors import customer_list_provisioned


@dataclass(frozen=True)
class Section:
    """The data of one report section; `data is None` means the owning app has no data yet."""

    data: Any = None

    @property
    def available(self) -> bool:
        return self.data is not None


NO_DATA = Section()


def _section(load: Callable[[], Any]) -> Section:
    data = load()
    return NO_DATA if data is None else Section(data)


@dataclass(frozen=True)
class CustomerFacts:
    """What the tenants app and the customer's own schema say about one pilot customer."""

    customer: PilotCustomer
    onboarding: list[OnboardingStep] = field(default_factory=list)
    farms: int | None = None
    ponds: int | None = None


def customers_for_report(*, customer: PilotCustomer | None = None) -> list[PilotCustomer]:
    """The customers a report covers: one, or every provisioned customer."""
    if customer is not None:
        return [customer]
    return list(customer_list_provisioned().prefetch_related("onboarding_steps"))


def customer_facts(*, customers: list[PilotCustomer]) -> list[CustomerFacts]:
    """Onboarding checklist and the farm/pond counts of the public summaries (rollups): one query
    for every customer, no visit of their schemas."""
    snapshots = customer_snapshot_map(customer_ids=[c.pk for c in customers])
    return [
        CustomerFacts(
            customer=c,
            onboarding=list(c.onboarding_steps.all()),
            farms=getattr(snapshots.get(c.pk), "farms", None),
            ponds=getattr(snapshots.get(c.pk), "ponds", None),
        )
        for c in customers
    ]


def narrative_section(*, language: str) -> Section:
    """The written parts of the final report in `language` (reports' own row), each possibly empty."""
    narrative = report_narrative_get()
    return Section({part: narrative.text(part, language) for part in NARRATIVE_PARTS})


def phases_section() -> Section:
    def load() -> list:
        return list(phase_list())

    return _section(load)


BUDGET_FIGURES = ("planned_to_date", "actual_to_date", "forecast_at_end", "variance")


def budget_view(summary: Any) -> dict:
    """The budget as the template shows it: lines and totals of the four contract figures."""
    return {
        "lines": [
            {"name": str(line.name)} | {key: getattr(line, key) for key in BUDGET_FIGURES} for line in summary.lines
        ],
        "totals": {key: getattr(summary, key) for key in BUDGET_FIGURES},
        "currency": summary.currency,
    }


def budget_section(*, as_of: date) -> Section:
    def load() -> dict | None:
        summary = budget_summary(as_of=as_of)
        return None if summary is None else budget_view(summary)

    return _section(load)


def training_section(*, customer: PilotCustomer | None = None) -> Section:
    def load() -> Any:
        return training_summary(customer=customer)

    return _section(load)


def risks_section() -> Section:
    def load() -> list:
        return list(risk_list())

    return _section(load)


SCORECARD_FIELDS = (
    "key",
    "group",
    "group_label",
    "name",
    "target",
    "value",
    "status",
    "status_label",
    "source",
    "evidence",
)


def scorecard_view(scorecard: Any) -> dict:
    """Criteria rows (contract fields) and the go / no-go recommendation."""
    recommendation = scorecard.recommendation_label or scorecard.recommendation
    return {
        "rows": [{key: getattr(row, key, None) for key in SCORECARD_FIELDS} for row in scorecard.rows],
        "recommendation": "" if recommendation is None else str(recommendation),
        "rationale": scorecard.rationale,
    }


def scorecard_section(*, as_of: date) -> Section:
    def load() -> dict | None:
        scorecard = scorecard_get(as_of=as_of)
        return None if scorecard is None else scorecard_view(scorecard)

    return _section(load)


def incidents_section(*, customer: PilotCustomer | None = None) -> Section:
    def load() -> Any:
        return incident_sla_summary(customer=customer)

    return _section(load)


def feedback_section(*, customer: PilotCustomer | None = None) -> Section:
    def load() -> Any:
        return feedback_summary(customer=customer)

    return _section(load)


def feedback_sections(*, customers: list[PilotCustomer]) -> tuple[Section, dict[int, Section]]:
    """The program's feedback and each customer's from one read of the customer summaries (the final
    report); a customer without summaries says "no data yet"."""
    overall, rows = feedback_dashboard()
    by_customer = {customer.pk: summary for customer, summary in rows}
    return Section(overall), {c.pk: Section(by_customer[c.pk]) if c.pk in by_customer else NO_DATA for c in customers}


def slo_section(*, customer: PilotCustomer | None = None) -> Section:
    def load() -> list | None:
        return list(slo_summary(customer=customer)) or None

    return _section(load)


def health_section(*, customers: list[PilotCustomer], now: datetime) -> Section:
    """Each customer's latest health score (stored snapshots) and the program's usage table, from the
    pilot's start to now."""
    start = datetime.combine(program_get().start_date, time.min, tzinfo=timezone.get_default_timezone())
    return _section(lambda: usage_table(customers=customers, start=start, end=now))
