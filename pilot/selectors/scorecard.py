"""The success-criteria scorecard: each criterion's value and status, and the recommendation."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pilot.choices import CriterionSource, CriterionStatus, Recommendation
from pilot.models import GoDecision, SuccessCriterion
from pilot.rules import scorecard as rules
from pilot.selectors import criteria_sources
from pilot.selectors.program import program_get


@dataclass(frozen=True)
class CriterionRow:
    """docs/CONTRACTS.md: key, group, target, value, status, source, evidence."""

    key: str
    group: str
    group_label: str
    name: str
    target: str
    value: Decimal | None
    status: str
    status_label: str
    source: str
    evidence: str
    criterion: SuccessCriterion


@dataclass(frozen=True)
class Scorecard:
    as_of: dt.date
    rows: list[CriterionRow]
    recommendation: str
    recommendation_label: str
    rationale: str
    conditions: tuple[str, ...]
    decision: GoDecision | None
    figures_as_of: dt.datetime | None = None  # the oldest summary behind a measured value (they can lag)

    @property
    def counts(self) -> dict[str, int]:
        """Number of criteria per status (met, at_risk, not_met, unknown)."""
        return {status: sum(1 for row in self.rows if row.status == status) for status in CriterionStatus.values}


REASONS = {
    "technical_not_met": lambda: _("A technical criterion is not met."),
    "several_not_met": lambda: _("Two or more criteria are not met."),
    "all_met": lambda: _("Every criterion is met."),
    "conditions": lambda: _("No technical criterion fails; go once the listed criteria are met or confirmed."),
}


def criterion_target(criterion: SuccessCriterion) -> str:
    """The target in the active language: the Arabic one as typed, else the plan's translation."""
    if get_language() == "ar" and criterion.target_ar:
        return criterion.target_ar
    return _(criterion.target)


def _row(criterion: SuccessCriterion, values: dict[str, criteria_sources.SourceValue]) -> CriterionRow:
    if criterion.source == CriterionSource.MANUAL:
        value, status, evidence = None, criterion.judged_status, criterion.evidence or _("not judged yet")
    else:
        measured = values.get(criterion.source, criteria_sources.NO_DATA)
        value, evidence = measured.value, str(measured.evidence)
        status = rules.criterion_status(
            value=value,
            comparison=criterion.comparison,
            threshold=criterion.threshold or Decimal(0),
            margin=criterion.at_risk_margin,
        )
    return CriterionRow(
        key=criterion.key,
        group=criterion.group,
        group_label=str(criterion.get_group_display()),
        name=criterion.title,
        target=criterion_target(criterion),
        value=value,
        status=status,
        status_label=str(CriterionStatus(status).label),
        source=str(criterion.get_source_display()),
        evidence=evidence,
        criterion=criterion,
    )


def scorecard_get(*, as_of: dt.date) -> Scorecard:
    """Criteria measured over [program start, as_of] and the documented rule's recommendation."""
    program = program_get()
    window = criteria_sources.Window(start=program.start_date, end=as_of + dt.timedelta(days=1))
    values = criteria_sources.source_values(window=window)
    rows = [_row(criterion, values) for criterion in SuccessCriterion.objects.all()]
    verdict = rules.recommend((row.key, row.group, row.status) for row in rows)
    names = {row.key: row.name for row in rows}
    conditions = ", ".join(names[key] for key in verdict.conditions)
    rationale = REASONS[verdict.reason]() + (f" ({conditions})" if conditions else "")
    return Scorecard(
        as_of=as_of,
        rows=rows,
        recommendation=verdict.recommendation,
        recommendation_label=str(Recommendation(verdict.recommendation).label),
        rationale=rationale,
        conditions=verdict.conditions,
        decision=GoDecision.objects.select_related("decided_by").first(),
        figures_as_of=min((v.as_of for v in values.values() if v.as_of is not None), default=None),
    )
