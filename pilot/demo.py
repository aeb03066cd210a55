"""This app's part of `manage.py seed_demo` (idempotent): the plan's program, in its sixth week."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from pilot.choices import CriterionStatus, PhaseKey, RiskStatus
from pilot.models import BudgetLine, ChecklistItem, Expense, Phase, Risk, SuccessCriterion, TrainingMaterial
from pilot.selectors import program_get
from pilot.services.budget import expense_create
from pilot.services.criteria import criterion_judge
from pilot.services.program import phase_close, phase_start, program_plan_seed, program_start_set
from pilot.services.training import SessionInput, attendee_add, training_attendance_record, training_session_create
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_live

# The blank one-page PDF and the English .txt that older seeds stored as guide and FAQ were under this size.
PLACEHOLDER_MAX_BYTES = 1024
SUPPORT = "AquaFarm pilot support: support@aquafarm.example, +966 11 000 0000 (Sun–Thu 08:00–17:00)\n"


def _program_start(log: Callable[[str], None]) -> None:
    program = program_get()
    if not Phase.objects.exists():
        # First seed: the pilot started five weeks ago (a Sunday), so today is in week 6.
        today = timezone.localdate()
        sunday = today - dt.timedelta(days=(today.weekday() + 1) % 7)
        program_start_set(start_date=sunday - dt.timedelta(weeks=5))
        program = program_get()
    log(f"program starts {program.start_date}, ends {program.end_date}")


def _materials_files() -> None:
    """The user guide and FAQ are generated documents on the portal's training page (pilot.training_content);
    only the support sheet and the video link are library files. Placeholders of older seeds go."""
    for material in TrainingMaterial.objects.filter(kind__in=["user_guide", "faq"]).exclude(file=""):
        if material.file.name.endswith(".txt") or material.file.size < PLACEHOLDER_MAX_BYTES:
            material.file.delete(save=True)
    for material in TrainingMaterial.objects.filter(kind="support_contact", file=""):
        material.file.save("support.txt", ContentFile(SUPPORT.encode()), save=True)
    TrainingMaterial.objects.filter(kind="video", url="").update(url="https://videos.aquafarm.example/pilot")


# Phases closed in the demo, each with the reason a program manager would give for what is left open.
DEMO_OVERRIDES = {
    PhaseKey.PREPARATION: "Environment ready; nothing left open.",
    PhaseKey.DEPLOYMENT: "OpenTelemetry tracing is still being wired; logs and metrics cover the pilot meanwhile.",
    PhaseKey.TRAINING: "Dammam's session moved into week 6 at the farm's request; the other two farms are trained.",
}
# Items left open on purpose, so the demo shows a late item and an override.
DEMO_OPEN_ITEMS = ("otel-tracing", "sessions-held")


def _checklists_tick() -> None:
    """The first three phases done but for two items, and closed through their gate."""
    admin = get_user_model().objects.filter(username="pm").first()
    done = ChecklistItem.objects.filter(phase__key__in=list(DEMO_OVERRIDES), done_at=None)
    done.exclude(code__in=DEMO_OPEN_ITEMS).update(done_at=timezone.now(), done_by=admin, evidence_note="demo")
    if admin:
        for key, reason in DEMO_OVERRIDES.items():
            phase = Phase.objects.get(key=key)
            if phase.status != "closed":
                phase_close(phase=phase, by=admin, override_reason=reason)
        phase = Phase.objects.get(key=PhaseKey.OPERATION)
        if phase.status == "planned":
            phase_start(phase=phase)


def _training_seed(customers: list[PilotCustomer]) -> None:
    trainer = get_user_model().objects.filter(username="pm").first()
    program = program_get()
    materials = list(TrainingMaterial.objects.all())
    for index, customer in enumerate(customers):
        if trainer is None or customer.training_sessions.exists():
            continue
        day = program.start_date + dt.timedelta(weeks=3, days=index)
        starts = dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())
        session = training_session_create(
            data=SessionInput(customer=customer, starts_at=starts, trainer=trainer, location="Online"),
            materials=materials,
        )
        people = [attendee_add(session=session, name=f"{customer.contact_name or 'Staff'} {n}") for n in (1, 2, 3)]
        if index < 2:  # Riyadh and Jeddah trained; Dammam scheduled but attendance not yet taken
            training_attendance_record(session=session, present_ids={p.pk for p in people[: 3 - index]})


def _expenses_seed() -> None:
    if Expense.objects.exists():
        return
    program = program_get()
    lines = {line.category: line for line in BudgetLine.objects.all()}
    for week in range(5):
        day = program.start_date + dt.timedelta(weeks=week)
        expense_create(line=lines["infrastructure"], date=day, amount=Decimal("125.00"), note="cloud (weekly)")
    for month in (0, 4):
        day = program.start_date + dt.timedelta(weeks=month)
        expense_create(line=lines["support"], date=day, amount=Decimal("2100.00"), note="support retainer")
    expense_create(line=lines["training"], date=program.start_date + dt.timedelta(weeks=3), amount=Decimal("950.00"))


def _register_seed() -> None:
    Risk.objects.filter(key="user-adoption", status=RiskStatus.OPEN).update(status=RiskStatus.MITIGATING)
    Risk.objects.filter(review_date=None).update(review_date=program_get().start_date + dt.timedelta(weeks=6))
    pm = get_user_model().objects.filter(username="pm").first()
    criterion = SuccessCriterion.objects.get(key="data-migration")
    if pm and criterion.judged_status == CriterionStatus.UNKNOWN:
        evidence = "All three farms' ponds and chart of accounts migrated; verified with each farm."
        criterion_judge(criterion=criterion, status=CriterionStatus.MET, evidence=evidence, by=pm)


def seed(*, log: Callable[[str], None]) -> None:
    """Create the demo data of this app."""
    _program_start(log)
    customers = list(customer_list_live())
    program_plan_seed(customers=customers)
    _materials_files()
    _checklists_tick()
    _training_seed(customers)
    _expenses_seed()
    _register_seed()
    log(
        f"{Phase.objects.count()} phases, {ChecklistItem.objects.count()} checklist items, {Risk.objects.count()} risks"
    )
