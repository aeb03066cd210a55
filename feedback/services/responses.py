"""Recording a survey response: one per invitation, changeable until the round closes."""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.answers import CleanAnswer, answers_clean
from feedback.choices import ItemSource, QuestionKind
from feedback.models import Answer, FeedbackItem, Invitation, Question, Response
from feedback.selectors import question_specs
from feedback.services.rollups import (
    feedback_item_days_refresh,
    feedback_items_count,
    feedback_response_count,
    feedback_week_refresh,
)


def invitation_open_mark(*, invitation: Invitation) -> None:
    """Remember the first opening; it never consumes the link (mail scanners open links too)."""
    if invitation.first_opened_at is None:
        Invitation.objects.filter(pk=invitation.pk, first_opened_at=None).update(first_opened_at=timezone.now())


def survey_response_submit(
    *, invitation: Invitation, data: Mapping[str, Any], language: str, now: datetime | None = None
) -> Response:
    """Store every answer or none. Two simultaneous submissions of one invitation queue on the
    invitation's row lock (select_for_update); the one-to-one on Response is the backstop."""
    questions = list(Question.objects.filter(survey_id=invitation.round.survey_id))
    specs = question_specs(questions=questions)
    clean, errors = answers_clean(questions=specs, data=data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        now = now or timezone.now()
        if locked.expires_at <= now:
            raise ValidationError({"__all__": [_("This survey has closed; answers can no longer change.")]})
        response, created = _response_upsert(locked, language, now)
        # The public summaries change with the answers, in this transaction (feedback.services.rollups): a first
        # response is added to them, a revision recounts what it changed.
        if created:
            answers, items = _answers_create(response, questions, clean)
            # The checklist's options are the features offered (already read to validate): no second count.
            offered = next((len(spec.options) for spec in specs if spec.kind == QuestionKind.FEATURES), 0)
            feedback_response_count(week_start=invitation.round.week_start, answers=answers, offered=offered)
            feedback_items_count(items=items)
        else:
            item_days = [_answer_store(response, question, clean[question.key]) for question in questions]
            feedback_week_refresh(week_start=invitation.round.week_start)
            feedback_item_days_refresh(days=[day for day in item_days if day is not None])
    return response


def _response_upsert(invitation: Invitation, language: str, now: datetime) -> tuple[Response, bool]:
    """The invitation's response, and whether it was created now (a first submission)."""
    response = Response.objects.filter(invitation=invitation).first()
    if response is None:
        created = Response.objects.create(invitation=invitation, language=language, submitted_at=now, updated_at=now)
        return created, True
    response.language, response.updated_at, response.revisions = language, now, response.revisions + 1
    response.save(update_fields=["language", "updated_at", "revisions"])
    return response, False


def _answers_create(
    response: Response, questions: list[Question], clean: Mapping[str, CleanAnswer]
) -> tuple[list[tuple[str, Answer]], list[FeedbackItem]]:
    """A first submission: every answer in one statement (one at a time, with their savepoints, they were half
    of a submission's 79 statements), and an item for each free text of a pain-point or request question.
    Returns the answers with their question kinds, and the items."""
    answers = Answer.objects.bulk_create(
        Answer(
            response=response,
            question=q,
            score=clean[q.key].score,
            choices=clean[q.key].choices,
            text=clean[q.key].text,
        )
        for q in questions
    )
    items = [_item_create(a, q) for a, q in zip(answers, questions, strict=True) if q.item_kind and a.text]
    return [(q.kind, a) for a, q in zip(answers, questions, strict=True)], items


def _answer_store(response: Response, question: Question, clean: CleanAnswer) -> date | None:
    """Store one answer; returns the creation day of a feedback item it created or changed."""
    answer, _created = Answer.objects.update_or_create(
        response=response,
        question=question,
        defaults={"score": clean.score, "choices": clean.choices, "text": clean.text},
    )
    item = _item_from_answer(answer, question) if question.item_kind else None
    return None if item is None else timezone.localdate(item.created_at)


def _item_from_answer(answer: Answer, question: Question) -> FeedbackItem | None:
    """Free text of a pain-point or request question becomes (or keeps up to date) a feedback item.
    Returns the item created, changed or deleted (None when nothing changed)."""
    item = FeedbackItem.objects.filter(answer=answer).first()
    if not answer.text:
        if item is not None and item.votes <= 1 and not item.duplicates.exists():
            item.delete()
            return item
        return None
    if item is None:
        return _item_create(answer, question)
    if item.description != answer.text:
        item.title, item.description = answer.text[:200], answer.text
        item.save(update_fields=["title", "description"])
        return item
    return None


def _item_create(answer: Answer, question: Question) -> FeedbackItem:
    return FeedbackItem.objects.create(
        kind=question.item_kind,
        title=answer.text[:200],
        description=answer.text,
        source=ItemSource.SURVEY,
        answer=answer,
    )
