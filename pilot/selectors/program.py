"""Reads of the program calendar: phases against the calendar, checklists, lateness, progress."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from pilot.choices import PhaseKey, PhaseStatus
from pilot.models import ChecklistItem, Phase, Program
from tenants.choices import OnboardingStepCode, Status
from tenants.models import OnboardingStep, PilotCustomer


def program_get() -> Program:
    """The single program row; created on first read (starting today) so that every page works
    on a fresh install. The program manager then sets the real start date."""
    program = Program.objects.order_by("pk").first()
    if program is None:
        program, _created = Program.objects.get_or_create(pk=1, defaults={"start_date": timezone.localdate()})
    return program


def phase_dates(*, program: Program, phase: Phase) -> tuple[dt.date, dt.date]:
    """[start, end) of a phase: its weeks counted from the program start."""
    start = program.start_date + dt.timedelta(weeks=phase.first_week - 1)
    return start, program.start_date + dt.timedelta(weeks=phase.last_week)


def pct(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else (Decimal(part) * 100 / whole).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ChecklistRow:
    """One checklist line as pages show it; onboarding steps (tenants app) appear here too."""

    title: str
    kind: str
    customer: PilotCustomer | None
    due_date: dt.date
    done_at: dt.datetime | None
    done_by: str
    evidence: str
    item: ChecklistItem | None = None  # None for an onboarding step, which the tenants app owns

    def is_late(self, as_of: dt.date) -> bool:
        """Open past its due date."""
        return self.done_at is None and self.due_date < as_of

    def was_done_late(self) -> bool:
        return self.done_at is not None and timezone.localdate(self.done_at) > self.due_date


def _item_row(item: ChecklistItem) -> ChecklistRow:
    return ChecklistRow(
        title=item.title,
        kind=item.get_kind_display(),
        customer=item.customer,
        due_date=item.due_date,
        done_at=item.done_at,
        done_by=item.done_by.get_username() if item.done_by else "",
        evidence=item.evidence_note or ((item.evidence_file.name or "") if item.evidence_file else ""),
        item=item,
    )


def _onboarding_rows(steps: Iterable[OnboardingStep], due: dt.date) -> list[ChecklistRow]:
    # Labels translated once for all rows: per row, the look-ups were a third of the dashboard's time at
    # 50 customers (200 steps).
    titles = {code: str(label) for code, label in OnboardingStepCode.choices}
    kind, by_provisioning = _("Onboarding"), _("provisioning")
    return [
        ChecklistRow(
            title=titles.get(step.code, step.code),
            kind=kind,
            customer=step.customer,
            due_date=due,
            done_at=step.done_at,
            done_by=by_provisioning if step.done_at else "",
            evidence=step.detail,
        )
        for step in steps
    ]


def onboarding_steps() -> list[OnboardingStep]:
    """Onboarding checklists of the customers in the pilot (withdrawn ones left out)."""
    return list(
        OnboardingStep.objects.exclude(customer__status__in=[Status.WITHDRAWN, Status.CANDIDATE])
        .select_related("customer")
        .order_by("customer__slug", "pk")
    )


def _phase_rows(phase: Phase, program: Program, steps: list[OnboardingStep]) -> list[ChecklistRow]:
    rows = [_item_row(item) for item in phase.items.all()]
    if phase.key == PhaseKey.PREPARATION:
        due = phase_dates(program=program, phase=phase)[1] - dt.timedelta(days=1)
        rows += _onboarding_rows(steps, due)
    return rows


def phase_gate_open_items(*, phase: Phase) -> list[ChecklistRow]:
    """What still blocks the phase's gate."""
    phase = Phase.objects.prefetch_related(_items_prefetch()).get(pk=phase.pk)
    steps = onboarding_steps() if phase.key == PhaseKey.PREPARATION else []
    return [row for row in _phase_rows(phase, program_get(), steps) if row.done_at is None]


def _items_prefetch() -> "Prefetch[Any]":
    return Prefetch("items", queryset=ChecklistItem.objects.select_related("customer", "done_by"))


@dataclass
class PhaseRow:
    """A phase against the calendar (docs/CONTRACTS.md: key, name, start, end, status, progress_pct, late_items)."""

    key: str
    name: str
    start: dt.date
    end: dt.date  # exclusive
    status: str
    status_label: str
    calendar_state: str  # "upcoming", "current", "overdue" (past its end, still open) or "closed"
    progress_pct: Decimal | None
    late_items: int
    total_items: int
    done_items: int
    owner_team: str
    expected_outcome: str
    phase: Phase
    checklist: list[ChecklistRow] = field(default_factory=list)

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


def _calendar_state(phase: Phase, start: dt.date, end: dt.date, as_of: dt.date) -> str:
    if phase.status == PhaseStatus.CLOSED:
        return "closed"
    if as_of < start:
        return "upcoming"
    return "current" if as_of < end else "overdue"


def _phase_row(phase: Phase, program: Program, steps: list[OnboardingStep], as_of: dt.date) -> PhaseRow:
    start, end = phase_dates(program=program, phase=phase)
    rows = _phase_rows(phase, program, steps)
    done = sum(1 for row in rows if row.done_at is not None)
    return PhaseRow(
        key=phase.key,
        name=str(phase.get_key_display()),
        start=start,
        end=end,
        status=phase.status,
        status_label=str(phase.get_status_display()),
        calendar_state=_calendar_state(phase, start, end, as_of),
        progress_pct=pct(done, len(rows)),
        late_items=sum(1 for row in rows if row.is_late(as_of)),
        total_items=len(rows),
        done_items=done,
        owner_team=str(phase.get_owner_team_display()),
        expected_outcome=_(phase.expected_outcome),
        phase=phase,
        checklist=rows,
    )


def phase_list(*, as_of: dt.date | None = None) -> list[PhaseRow]:
    """Every phase with its dates, progress and late items at `as_of` (today by default). Four queries."""
    as_of = as_of or timezone.localdate()
    program = program_get()
    phases = Phase.objects.prefetch_related(_items_prefetch()).select_related("closed_by")
    steps = onboarding_steps()
    return [_phase_row(phase, program, steps, as_of) for phase in phases]


def late_items(*, as_of: dt.date | None = None) -> list[ChecklistRow]:
    as_of = as_of or timezone.localdate()
    rows = [row for phase in phase_list(as_of=as_of) for row in phase.checklist]
    return sorted((row for row in rows if row.is_late(as_of)), key=lambda row: row.due_date)


def customer_checklist(*, customer: PilotCustomer) -> list[ChecklistRow]:
    """One customer's checklists: its onboarding (tenants app) and its core-function tests."""
    program = program_get()
    preparation = Phase.objects.filter(key=PhaseKey.PREPARATION).first()
    due = phase_dates(program=program, phase=preparation)[1] - dt.timedelta(days=1) if preparation else None
    steps = _onboarding_rows(customer.onboarding_steps.all(), due or program.start_date)
    items = ChecklistItem.objects.filter(customer=customer).select_related("customer", "done_by")
    return steps + [_item_row(item) for item in items]
