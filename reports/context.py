"""Every read of another app made by the report, in one place: one small function per section.

Each function imports the other app lazily, so a report renders today even while an app is not
there yet: a missing module or function (ImportError/AttributeError) or a None answer becomes
NO_DATA, and the template says "no data yet" for that section. Names and shapes follow
docs/CONTRACTS.md; nothing here computes a figure the owning app already computes.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import ProgrammingError, transaction
from psycopg.errors import UndefinedTable

from rollups.selectors import customer_snapshot_map
from tenants.models import OnboardingStep, PilotCustomer
from tenants.selectors import customer_list_provisioned

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Section:
    """The data of one report section; `data is None` means the owning app has no data yet."""

    data: Any = None

    @property
    def available(self) -> bool:
        return self.data is not None


NO_DATA = Section()


def _section(name: str, load: Callable[[], Any]) -> Section:
    try:
        # A savepoint, so that a missing table leaves the caller's transaction usable.
        with transaction.atomic():
            data = load()
    except (ImportError, AttributeError) as error:
        # Expected while an app is still being built; anything else is a real failure.
        logger.info("report section %s: no data yet (%s)", name, error)
        return NO_DATA
    except ProgrammingError as error:
        if not isinstance(error.__cause__, UndefinedTable):
            raise
        logger.warning("report section %s: the app's tables are not migrated (%s)", name, error)
        return NO_DATA
    return NO_DATA if data is None else Section(data)


# The report's name for each narrative field of the program row (pilot.models.Program).
NARRATIVE_FIELDS: dict[str, str] = {
    "executive_summary": "executive_summary",
    "recommendations": "release_recommendations",
    "future_plan": "future_improvements",
    "lessons_learned": "lessons_learned",
}


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


def program_section() -> Section:
    def load() -> dict:
        from pilot.selectors import program_get

        program = program_get()
        narrative = {key: getattr(program, field, "") for key, field in NARRATIVE_FIELDS.items()}
        return {"program": program, **narrative}

    return _section("program", load)


def phases_section() -> Section:
    def load() -> list:
        from pilot.selectors import phase_list

        return list(phase_list())

    return _section("phases", load)


BUDGET_FIGURES = ("planned_to_date", "actual_to_date", "forecast_at_end", "variance")


def budget_view(summary: Any) -> dict:
    """The budget as the template shows it: lines and totals of the four contract figures."""
    return {
        "lines": [
            {"name": str(line.name)} | {key: getattr(line, key) for key in BUDGET_FIGURES} for line in summary.lines
        ],
        "totals": {key: getattr(summary, key) for key in BUDGET_FIGURES},
        "currency": getattr(summary, "currency", "USD"),
    }


def budget_section(*, as_of: date) -> Section:
    def load() -> dict | None:
        from pilot.selectors import budget_summary

        summary = budget_summary(as_of=as_of)
        return None if summary is None else budget_view(summary)

    return _section("budget", load)


def training_section(*, customer: PilotCustomer | None = None) -> Section:
    def load() -> Any:
        from pilot.selectors import training_summary

        return training_summary(customer=customer)

    return _section("training", load)


def risks_section() -> Section:
    def load() -> list:
        from pilot.selectors import risk_list

        return list(risk_list())

    return _section("risks", load)


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
    recommendation = getattr(scorecard, "recommendation_label", None) or scorecard.recommendation
    return {
        "rows": [{key: getattr(row, key, None) for key in SCORECARD_FIELDS} for row in scorecard.rows],
        "recommendation": "" if recommendation is None else str(recommendation),
        "rationale": getattr(scorecard, "rationale", ""),
    }


def scorecard_section(*, as_of: date) -> Section:
    def load() -> dict | None:
        from pilot.selectors import scorecard_get

        scorecard = scorecard_get(as_of=as_of)
        return None if scorecard is None else scorecard_view(scorecard)

    return _section("scorecard", load)


def incidents_section(*, customer: PilotCustomer | None = None) -> Section:
    def load() -> Any:
        from incidents.selectors import incident_sla_summary

        return incident_sla_summary(customer=customer)

    return _section("incidents", load)


def feedback_section(*, customer: PilotCustomer | None = None) -> Section:
    def load() -> Any:
        from feedback.selectors import feedback_summary

        return feedback_summary(customer=customer)

    return _section("feedback", load)


def feedback_sections(*, customers: list[PilotCustomer]) -> tuple[Section, dict[int, Section]]:
    """The program's feedback and each customer's from one read of the customer summaries (the
    final report); one read per customer when the feedback app offers only `feedback_summary`."""

    def load() -> Any:
        from feedback.selectors import feedback_dashboard

        return feedback_dashboard()

    found = _section("feedback", load)
    if not found.available:
        return feedback_section(), {c.pk: feedback_section(customer=c) for c in customers}
    overall, rows = found.data
    by_customer = {customer.pk: summary for customer, summary in rows}
    return Section(overall), {
        c.pk: NO_DATA if c.pk not in by_customer else Section(by_customer[c.pk]) for c in customers
    }


def slo_section(*, customer: PilotCustomer | None = None) -> Section:
    def load() -> list | None:
        from monitoring.selectors import slo_summary

        return list(slo_summary(customer=customer)) or None

    return _section("slos", load)
