"""Feedback items (requests, pain points, problems, suggestions) and check-in notes."""

from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.schemas import customer_schema
from feedback.choices import ItemKind, ItemSource, ItemStatus
from feedback.constants import TEXT_MAX_CHARS
from feedback.models import CheckIn, FeedbackItem, FeedbackVote
from feedback.services.rollups import feedback_item_days_refresh
from tenants.models import PilotCustomer


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
    created_by: User | None = None,
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


def _vote_target(item: FeedbackItem) -> FeedbackItem:
    """A vote on a merged duplicate counts on the item it was merged into."""
    merged_into = item.duplicate_of if item.status == ItemStatus.MERGED else None
    return merged_into or item


def feedback_item_vote_add(*, item: FeedbackItem, user: User) -> FeedbackItem:
    """The person's "me too": refused when already given. The unique (item, user) row decides under
    concurrency (a racing second insert fails on the constraint inside its savepoint and is refused);
    the count moves only with the row, by an atomic increment. Returns the item voted on."""
    item = _vote_target(item)
    try:
        with transaction.atomic():
            FeedbackVote.objects.create(item=item, user=user)
            FeedbackItem.objects.filter(pk=item.pk).update(votes=F("votes") + 1)
            _summaries_refresh(item)
    except IntegrityError:
        raise ValidationError({"vote": [_("You have already said “me too” on this item.")]}) from None
    item.refresh_from_db(fields=["votes"])
    return item


def feedback_item_vote_remove(*, item: FeedbackItem, user: User) -> FeedbackItem:
    """Take the person's vote back (nothing happens when there is none)."""
    item = _vote_target(item)
    with transaction.atomic():
        if FeedbackVote.objects.filter(item=item, user=user).delete()[0]:
            FeedbackItem.objects.filter(pk=item.pk, votes__gt=0).update(votes=F("votes") - 1)
            _summaries_refresh(item)
    item.refresh_from_db(fields=["votes"])
    return item


def feedback_item_vote(*, item: FeedbackItem, user: User) -> bool:
    """Toggle the user's vote (the customer API's `vote` action); returns whether it is on now."""
    if FeedbackVote.objects.filter(item=_vote_target(item), user=user).exists():
        feedback_item_vote_remove(item=item, user=user)
        return False
    with suppress(ValidationError):  # a racing click added it meanwhile: it is on
        feedback_item_vote_add(item=item, user=user)
    item.refresh_from_db(fields=["votes"])
    return True


def feedback_item_status_set(*, item: FeedbackItem, status: str) -> FeedbackItem:
    if status not in ItemStatus.values or status == ItemStatus.MERGED:
        raise ValidationError({"status": [_("Choose a status other than 'merged' (merge instead).")]})
    item.status = status
    with transaction.atomic():
        item.save(update_fields=["status"])
        _summaries_refresh(item)
    return item


def feedback_item_status_set_for(*, customer: PilotCustomer, item_id: int, status: str) -> FeedbackItem:
    """A staff change of one customer's item, by id (404 when that customer has no such item)."""
    with customer_schema(customer):
        item = get_object_or_404(FeedbackItem, pk=item_id)
        return feedback_item_status_set(item=item, status=status)


def feedback_item_merge(
    *, duplicate: FeedbackItem, into: FeedbackItem, customer: PilotCustomer | None = None
) -> FeedbackItem:
    """Fold a duplicate into the item it repeats (items of `customer`; None: of the current schema): its
    votes and incidents move over, under row locks taken in primary-key order so two opposite merges
    cannot deadlock."""
    if duplicate.pk == into.pk:
        raise ValidationError({"into": [_("An item cannot be merged into itself.")]})
    with customer_schema(customer), transaction.atomic():
        locked = {
            i.pk: i
            for i in FeedbackItem.objects.select_for_update().filter(pk__in=[duplicate.pk, into.pk]).order_by("pk")
        }
        duplicate, into = locked[duplicate.pk], locked[into.pk]
        if duplicate.status == ItemStatus.MERGED or into.status == ItemStatus.MERGED:
            raise ValidationError({"into": [_("One of these items is already merged.")]})
        into.votes += duplicate.votes - _votes_move(duplicate=duplicate, into=into)
        into.incident_ids = sorted(set(into.incident_ids) | set(duplicate.incident_ids))
        into.save(update_fields=["votes", "incident_ids"])
        duplicate.status, duplicate.duplicate_of = ItemStatus.MERGED, into
        duplicate.save(update_fields=["status", "duplicate_of"])
        _summaries_refresh(duplicate, into)
    return into


def feedback_item_merge_for(*, customer: PilotCustomer, duplicate_id: int, into_id: int) -> FeedbackItem:
    """A staff merge of two of one customer's items, by id (404 when either is not that customer's)."""
    with customer_schema(customer):
        duplicate = get_object_or_404(FeedbackItem, pk=duplicate_id)
        into = get_object_or_404(FeedbackItem, pk=into_id)
        return feedback_item_merge(duplicate=duplicate, into=into)


def _votes_move(*, duplicate: FeedbackItem, into: FeedbackItem) -> int:
    """Move the duplicate's voters to the item it repeats; returns how many already stood behind both
    (they count once, and their second row goes)."""
    both = FeedbackVote.objects.filter(item=duplicate, user__in=FeedbackVote.objects.filter(item=into).values("user"))
    overlap = both.delete()[0]
    FeedbackVote.objects.filter(item=duplicate).update(item=into)
    return overlap


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


def checkin_create_for(*, customer: PilotCustomer, data: CheckInInput) -> CheckIn:
    """A check-in recorded by staff for one customer, in that customer's schema."""
    with customer_schema(customer):
        return checkin_create(data=data)
