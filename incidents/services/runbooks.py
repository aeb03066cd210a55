"""The plan's contingency runbooks as checklists on an incident."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incidents.choices import EventKind, Runbook
from incidents.constants import RUNBOOK_STEPS
from incidents.models import Incident, IncidentEvent, RunbookStep


def runbook_attach(*, incident: Incident, runbook: str) -> list[RunbookStep]:
    """Attach a runbook's steps (idempotent: steps already attached are kept as they are)."""
    if runbook not in Runbook.values:
        raise ValidationError({"runbook": [_("Unknown runbook.")]})
    steps = [
        RunbookStep(incident=incident, runbook=runbook, code=code, position=Runbook.values.index(runbook) * 10 + index)
        for index, (code, _label) in enumerate(RUNBOOK_STEPS[runbook])
    ]
    RunbookStep.objects.bulk_create(steps, ignore_conflicts=True)
    return list(incident.runbook_steps.filter(runbook=runbook))


@transaction.atomic
def runbook_step_tick(*, step: RunbookStep, by: User, done: bool = True) -> RunbookStep:
    """Tick (or untick) a step; who and when are kept on the step and in the timeline."""
    step = RunbookStep.objects.select_for_update().get(pk=step.pk)
    step.done_at, step.done_by = (timezone.now(), by) if done else (None, None)
    step.save()
    IncidentEvent.objects.create(
        incident_id=step.incident_id,
        kind=EventKind.RUNBOOK,
        actor=by,
        actor_name=by.get_full_name() or by.get_username(),
        message=f"{step.get_runbook_display()}: {step.label}",
        data={"runbook": step.runbook, "step": step.code, "done": done},
    )
    return step
