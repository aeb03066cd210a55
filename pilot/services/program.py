"""The program row, the plan seeded into phases and checklists, and the phase gate."""

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from pilot import plan
from pilot.choices import ChecklistKind, PhaseKey, PhaseStatus
from pilot.models import BudgetLine, ChecklistItem, Phase, Program, Risk, SuccessCriterion, TrainingMaterial
from pilot.selectors import phase_dates, phase_gate_open_items, program_get
from tenants.models import PilotCustomer


def program_start_set(*, start_date: dt.date) -> Program:
    """Move the program calendar; phase dates follow because they are stored as weeks."""
    program = program_get()
    program.start_date = start_date
    program.full_clean()
    program.save()
    return program


def _phases_seed(program: Program) -> dict[str, Phase]:
    phases: dict[str, Phase] = {}
    for order, (key, first, last, team, outcome) in enumerate(plan.PHASES, start=1):
        phases[key], _created = Phase.objects.get_or_create(
            key=key,
            defaults={
                "order": order,
                "first_week": first,
                "last_week": last,
                "owner_team": team,
                "expected_outcome": outcome,
            },
        )
    return phases


def _phase_due(program: Program, phase: Phase) -> dt.date:
    """Items fall due on the last day of their phase."""
    return phase_dates(program=program, phase=phase)[1] - dt.timedelta(days=1)


def _program_items_seed(program: Program, phases: dict[str, Phase]) -> None:
    for order, (phase_key, kind, code, title_en, title_ar) in enumerate(plan.PROGRAM_ITEMS):
        phase = phases[phase_key]
        ChecklistItem.objects.get_or_create(
            code=code,
            customer=None,
            defaults={
                "phase": phase,
                "kind": kind,
                "order": order,
                "title_en": title_en,
                "title_ar": title_ar,
                "due_date": _phase_due(program, phase),
            },
        )


def customer_checklist_seed(*, customer: PilotCustomer) -> None:
    """The core-function tests of one customer (plan 2.3), due at the end of the deployment phase."""
    program = program_get()
    phase = Phase.objects.get(key=PhaseKey.DEPLOYMENT)
    for order, (code, title_en, title_ar) in enumerate(plan.CUSTOMER_ITEMS):
        ChecklistItem.objects.get_or_create(
            code=code,
            customer=customer,
            defaults={
                "phase": phase,
                "kind": ChecklistKind.CORE_FUNCTIONS,
                "order": order,
                "title_en": title_en,
                "title_ar": title_ar,
                "due_date": _phase_due(program, phase),
            },
        )


def _budget_seed() -> None:
    for name_en, name_ar, category, amount, recurrence in plan.BUDGET_LINES:
        BudgetLine.objects.get_or_create(
            category=category,
            name_en=name_en,
            defaults={"name_ar": name_ar, "amount": amount, "recurrence": recurrence},
        )


def _risks_seed() -> None:
    for key, category, title_en, title_ar, mitigation_en, mitigation_ar, likelihood, impact in plan.RISKS:
        Risk.objects.get_or_create(
            key=key,
            defaults={
                "category": category,
                "title_en": title_en,
                "title_ar": title_ar,
                "mitigation_en": mitigation_en,
                "mitigation_ar": mitigation_ar,
                "likelihood": likelihood,
                "impact": impact,
            },
        )


def _in_arabic(text: str) -> str:
    with translation.override("ar"):
        return gettext(text)


def _criteria_seed() -> None:
    for order, row in enumerate(plan.CRITERIA):
        key, group, title_en, title_ar, target, source, comparison, threshold, margin = row
        SuccessCriterion.objects.get_or_create(
            key=key,
            defaults={
                "group": group,
                "order": order,
                "title_en": title_en,
                "title_ar": title_ar,
                "target": target,
                "target_ar": _in_arabic(target),
                "source": source,
                "comparison": comparison,
                "threshold": threshold,
                "at_risk_margin": margin,
            },
        )


def _materials_seed() -> None:
    for kind, title_en, title_ar in plan.MATERIALS:
        TrainingMaterial.objects.get_or_create(kind=kind, title_en=title_en, defaults={"title_ar": title_ar})


@transaction.atomic
def program_plan_seed(*, customers: Sequence[PilotCustomer] = ()) -> Program:
    """Write the plan's phases, checklists, budget lines, risks, success criteria and training
    materials (idempotent: rows that exist are left as the program manager edited them)."""
    program = program_get()
    _program_items_seed(program, _phases_seed(program))
    for customer in customers:
        customer_checklist_seed(customer=customer)
    _budget_seed()
    _risks_seed()
    _criteria_seed()
    _materials_seed()
    return program


def checklist_item_validate(*, due_date: dt.date | None) -> None:
    program = program_get()
    if due_date is not None and due_date < program.start_date:
        message = _("The due date cannot be before the program starts (%(start)s).") % {"start": program.start_date}
        raise ValidationError({"due_date": [message]})


def checklist_item_save(*, item: ChecklistItem) -> ChecklistItem:
    """Create or change a checklist item whose fields the caller has set (API, admin): checked, then saved."""
    checklist_item_validate(due_date=item.due_date)
    item.save()
    return item


def checklist_item_complete(
    *, item: ChecklistItem, by: User, evidence_note: str = "", done: bool = True
) -> ChecklistItem:
    """Tick (or untick) an item, recording who and when; the evidence note is kept when given."""
    item.done_at = timezone.now() if done else None
    item.done_by = by if done else None
    if evidence_note:
        item.evidence_note = evidence_note
    item.save(update_fields=["done_at", "done_by", "evidence_note"])
    return item


def phase_start(*, phase: Phase) -> Phase:
    if phase.status == PhaseStatus.CLOSED:
        raise ValidationError({"status": [_("A closed phase cannot be started again.")]})
    phase.status = PhaseStatus.IN_PROGRESS
    phase.save(update_fields=["status"])
    return phase


OVERRIDE_REASON_MIN_LENGTH = 10  # "test" is not a reason


def _gate_blockers(phase: Phase) -> list[str]:
    """Why closing now is an override: open checklist items, or a phase that has not started."""
    blockers = []
    open_items = phase_gate_open_items(phase=phase)
    if open_items:
        blockers.append(_("%(count)d checklist items are still open") % {"count": len(open_items)})
    start = phase_dates(program=program_get(), phase=phase)[0]
    if timezone.localdate() < start:
        blockers.append(_("the phase starts on %(date)s") % {"date": start.isoformat()})
    return blockers


@transaction.atomic
def phase_close(*, phase: Phase, by: User, override_reason: str = "", confirmed: bool = True) -> Phase:
    """Close a phase through its gate: every item done (onboarding included for preparation) and the
    phase started — or an explicit override: a reason of some substance and a confirmation (the
    page asks for it with a tick box; an API call that carries a reason is itself explicit).
    The reason is stored on the phase and in its history. The row is locked so two closers cannot race."""
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    if phase.status == PhaseStatus.CLOSED:
        raise ValidationError({"status": [_("The phase is already closed.")]})
    blockers = _gate_blockers(phase)
    reason = override_reason.strip()
    if blockers:
        _override_check(blockers, reason, confirmed)
    phase.status = PhaseStatus.CLOSED
    phase.closed_at = timezone.now()
    phase.closed_by = by
    phase.override_reason = reason if blockers else ""
    phase.save(update_fields=["status", "closed_at", "closed_by", "override_reason"])
    return phase


def _override_check(blockers: list[str], reason: str, confirmed: bool) -> None:
    why = "; ".join(blockers)
    if len(reason) < OVERRIDE_REASON_MIN_LENGTH:
        message = _("%(why)s: give a reason (at least %(n)d characters) to override the gate.")
        raise ValidationError({"override_reason": [message % {"why": why, "n": OVERRIDE_REASON_MIN_LENGTH}]})
    if not confirmed:
        message = _("%(why)s: tick the box to confirm closing the phase anyway.") % {"why": why}
        raise ValidationError({"confirm": [message]})
