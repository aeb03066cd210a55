"""Feedback items (requests, pain points, problems, suggestions) and check-in notes."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.choices import ItemKind, ItemSource, ItemStatus
from feedback.constants import TEXT_MAX_CHARS
from feedback.models import CheckIn, FeedbackItem, FeedbackVote
from feedback.services.rollups import feedback_item_days_refresh


def _text_errors(field: str, value: str, *, required: bool, limit: int) -> dict[str, list[str]]:
    if required and not value.strip():
        return {field: [_("This field is required.")]}
    if len(value) > limit:
        return {field: [_("Keep it under %(max)s characters.") % {"max": limit}]}
    return {}


def feedback_item_create(
    *,
    kind: str,
    title: str,
    description: str = "",
    source: str = ItemSource.PORTAL,
    created_by: AbstractBaseUser | None = None,
    checkin: CheckIn | None = None,
) -> FeedbackItem:
    errors = {
        **_text_errors("title", title, required=True, limit=200),
        **_text_errors("description", description, required=False, limit=TEXT_MAX_CHARS),
    }
    if kind not in ItemKind.values:
        errors["kind"] = [_("Choose one of: %(kinds)s.") % {"kinds": ", ".join(ItemKind.values)}]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = FeedbackItem.objects.create(
            kind=kind,
            title=title.strip(),
            description=description.strip(),
            source=source,
            created_by=created_by,
            checkin=checkin,
        )
        if created_by is not None:  # the author is the first person behind it (votes starts at 1)
            FeedbackVote.objects.create(item=item, user=created_by)
        _summaries_refresh(item)
    return item


def _summaries_refresh(*items: FeedbackItem) -> None:
    """The public summary of the days these items were created on (in the caller's transaction)."""
    feedback_item_days_refresh(days=[timezone.localdate(item.created_at) for item in items])


def feedback_item_vote(*, item: FeedbackItem, user: AbstractBaseUser) -> bool:
    """Toggle the user's vote: the first call adds it, the next removes it; returns whether it is on now.
    The unique (item, user) row decides under concurrency; the count moves by atomic increments."""
    with transaction.atomic():
        _vote, added = FeedbackVote.objects.get_or_create(item=item, user=user)
        if added:
            FeedbackItem.objects.filter(pk=item.pk).update(votes=F("votes") + 1)
        elif FeedbackVote.objects.filter(item=item, user=user).delete()[0]:
            FeedbackItem.objects.filter(pk=item.pk, votes__gt=0).update(votes=F("votes") - 1)
        _summaries_refresh(item)
    item.refresh_from_db(fields=["votes"])
    return added


def feedback_item_status_set(*, item: FeedbackItem, status: str) -> FeedbackItem:
    if status not in ItemStatus.values or status == ItemStatus.MERGED:
        raise ValidationError({"status": [_("Choose a status other than 'merged' (merge instead).")]})
    item.status = status
    with transaction.atomic():
        item.save(update_fields=["status"])
        _summaries_refresh(item)
    return item


def feedback_item_merge(*, duplicate: FeedbackItem, into: FeedbackItem) -> FeedbackItem:
    """Fold a duplicate into the item it repeats: its votes and incidents move over, under row locks
    taken in primary-key order so two opposite merges cannot deadlock."""
    if duplicate.pk == into.pk:
        raise ValidationError({"into": [_("An item cannot be merged into itself.")]})
    with transaction.atomic():
        locked = {
            i.pk: i
            for i in FeedbackItem.objects.select_for_update().filter(pk__in=[duplicate.pk, into.pk]).order_by("pk")
        }
        duplicate, into = locked[duplicate.pk], locked[into.pk]
        if duplicate.status == ItemStatus.MERGED or into.status == ItemStatus.MERGED:
            raise ValidationError({"into": [_("One of these items is already merged.")]})
        into.votes += duplicate.votes
        into.incident_ids = sorted(set(into.incident_ids) | set(duplicate.incident_ids))
        into.save(update_fields=["votes", "incident_ids"])
        duplicate.status, duplicate.duplicate_of = ItemStatus.MERGED, into
        duplicate.save(update_fields=["status", "duplicate_of"])
        _summaries_refresh(duplicate, into)
    return into


def feedback_item_incident_link(*, item: FeedbackItem, incident_id: int) -> FeedbackItem:
    if incident_id not in item.incident_ids:
        item.incident_ids = [*item.incident_ids, incident_id]
        item.save(update_fields=["incident_ids"])
    return item


@dataclass(frozen=True)
class CheckInInput:
    week_start: date
    held_at: datetime
    interviewer: str
    interviewees: str
    satisfaction: int
    problems: str = ""
    suggestions: str = ""


def checkin_create(*, data: CheckInInput) -> CheckIn:
    """Record a check-in; its problems and suggestions also become feedback items to count."""
    errors = {
        **_text_errors("interviewer", data.interviewer, required=True, limit=120),
        **_text_errors("interviewees", data.interviewees, required=True, limit=255),
        **_text_errors("problems", data.problems, required=False, limit=TEXT_MAX_CHARS),
        **_text_errors("suggestions", data.suggestions, required=False, limit=TEXT_MAX_CHARS),
    }
    if not 1 <= data.satisfaction <= 5:
        errors["satisfaction"] = [_("Choose a number from %(low)s to %(high)s.") % {"low": 1, "high": 5}]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        checkin = CheckIn.objects.create(**data.__dict__)
        for kind, text in ((ItemKind.PAIN_POINT, data.problems), (ItemKind.SUGGESTION, data.suggestions)):
            if text.strip():
                feedback_item_create(
                    kind=kind, title=text.strip()[:200], description=text, source=ItemSource.CHECKIN, checkin=checkin
                )
    return checkin
