"""Writes of the success criteria and the go / no-go decision."""

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from pilot.choices import CriterionSource, CriterionStatus, Recommendation
from pilot.models import GoDecision, SuccessCriterion
from pilot.selectors import scorecard_get


def criterion_judgement_validate(*, source: str, status: str, evidence: str) -> None:
    errors: dict[str, list[str]] = {}
    if source != CriterionSource.MANUAL and status != CriterionStatus.UNKNOWN:
        errors["judged_status"] = [_("This criterion is measured from live data; it cannot be judged by hand.")]
    elif status not in CriterionStatus.values:
        errors["judged_status"] = [_("Choose a valid status.")]
    if source == CriterionSource.MANUAL and status != CriterionStatus.UNKNOWN and not evidence.strip():
        errors["evidence"] = [_("Give the evidence for this judgement.")]
    if errors:
        raise ValidationError(errors)


def criterion_judgement_apply(*, criterion: SuccessCriterion, status: str, evidence: str, by: User) -> None:
    """Check a judgement and set it on the criterion with who and when (saving is the caller's)."""
    criterion_judgement_validate(source=criterion.source, status=status, evidence=evidence)
    criterion.judged_status, criterion.evidence = status, evidence.strip()
    criterion.judged_by, criterion.judged_at = by, timezone.now()


def criterion_judge(*, criterion: SuccessCriterion, status: str, evidence: str, by: User) -> SuccessCriterion:
    """A person's judgement of a criterion no app measures; a verdict needs its evidence."""
    criterion_judgement_apply(criterion=criterion, status=status, evidence=evidence, by=by)
    criterion.save(update_fields=["judged_status", "evidence", "judged_by", "judged_at"])
    return criterion


def go_decision_record(
    *, decision: str, note: str, signed_name: str, by: User, as_of: dt.date | None = None
) -> GoDecision:
    """The program manager confirms (or overrules) the scorecard's recommendation and signs."""
    errors: dict[str, list[str]] = {}
    if decision not in Recommendation.values:
        errors["decision"] = [_("Choose go, go with conditions or no-go.")]
    if not note.strip():
        errors["note"] = [_("Write a note explaining the decision.")]
    if not signed_name.strip():
        errors["signed_name"] = [_("Sign with your full name.")]
    recorded = GoDecision(note=note.strip(), signed_name=signed_name.strip(), decided_by=by, decided_at=timezone.now())
    try:  # the model's own limits (a name over 120 characters), each on its field, not a 500
        recorded.clean_fields(exclude=["decision", "recommendation", *errors])
    except ValidationError as invalid:
        errors.update(invalid.message_dict)
    if errors:  # before the scorecard is computed: a refused decision does not pay for it
        raise ValidationError(errors)
    recorded.decision = decision
    recorded.recommendation = scorecard_get(as_of=as_of or timezone.localdate()).recommendation
    recorded.save()
    return recorded
