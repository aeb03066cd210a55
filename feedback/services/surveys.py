"""The default survey and publishing surveys to customers.

Every write here refreshes the customer's surveys in the public summary (SurveyDigest, read by the
staff survey list) in its own transaction (feedback.services.rollups.survey_digests_refresh).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.schemas import customer_schema
from feedback import defaults
from feedback.choices import QuestionKind
from feedback.models import Feature, Question, Survey
from feedback.services.rollups import survey_digests_refresh
from tenants.models import PilotCustomer


def feature_defaults_ensure() -> None:
    for order, (key, name_en, name_ar) in enumerate(defaults.FEATURES):
        Feature.objects.get_or_create(key=key, defaults={"name_en": name_en, "name_ar": name_ar, "order": order})


def survey_default_ensure() -> Survey:
    """The plan's weekly check-in survey in the current schema, created on first use (idempotent)."""
    survey = Survey.objects.filter(key=defaults.SURVEY["key"]).first()
    if survey is not None:
        return survey
    with transaction.atomic():
        feature_defaults_ensure()
        survey, created = Survey.objects.get_or_create(key=defaults.SURVEY["key"], defaults=defaults.SURVEY)
        if created:
            Question.objects.bulk_create(_default_questions(survey))
            survey_digests_refresh()
    return survey


def _default_questions(survey: Survey) -> list[Question]:
    return [
        Question(
            survey=survey,
            key=key,
            order=order,
            kind=kind,
            required=required,
            text_en=text_en,
            text_ar=text_ar,
            options=options,
            item_kind=item_kind,
        )
        for order, (key, kind, required, text_en, text_ar, options, item_kind) in enumerate(defaults.QUESTIONS)
    ]


def survey_publish(*, survey: Survey, published: bool = True) -> Survey:
    if survey.published != published:
        with transaction.atomic():
            survey.published = published
            survey.save(update_fields=["published"])
            survey_digests_refresh()
    return survey


def survey_publish_for(*, customer: PilotCustomer, key: str, published: bool) -> Survey:
    """Publish or withdraw one customer's survey, by key (404 when that customer has no such survey)."""
    with customer_schema(customer):
        return survey_publish(survey=get_object_or_404(Survey, key=key), published=published)


def survey_default_publish(*, customers: Iterable[PilotCustomer]) -> list[str]:
    """Publish the default survey in each selected customer's schema; returns their slugs."""
    slugs = []
    for customer in customers:
        with customer_schema(customer):
            survey_publish(survey=survey_default_ensure())
        slugs.append(customer.slug)
    return slugs


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: str
    text_en: str
    text_ar: str
    required: bool = True
    options: tuple[dict[str, Any], ...] = ()
    item_kind: str = ""


@dataclass(frozen=True)
class SurveySpec:
    key: str
    title_en: str
    title_ar: str
    questions: tuple[QuestionSpec, ...]
    intro_en: str = ""
    intro_ar: str = ""


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


def _question_errors(index: int, question: QuestionSpec) -> list[str]:
    errors = []
    label = _("Question %(number)d") % {"number": index + 1}
    if question.kind in CHOICE_KINDS:
        values = [option.get("value") for option in question.options]
        complete = all(option.get("value") and option.get("en") and option.get("ar") for option in question.options)
        if len(values) < 2 or not complete or len(set(values)) != len(values):
            errors.append(
                _(
                    "%(label)s: a choice question needs at least two options, each with a distinct value "
                    "and its English and Arabic text."
                )
                % {"label": label}
            )
    elif question.options:
        errors.append(_("%(label)s: only choice questions take options.") % {"label": label})
    return errors


def survey_spec_errors(spec: SurveySpec) -> dict[str, list[str]]:
    """Every problem of a survey definition, by field, before anything is written."""
    errors: dict[str, list[str]] = {}
    keys = [question.key for question in spec.questions]
    if len(set(keys)) != len(keys):
        errors["questions"] = [_("Each question needs its own key.")]
    problems = [message for index, q in enumerate(spec.questions) for message in _question_errors(index, q)]
    if problems:
        errors.setdefault("questions", []).extend(problems)
    return errors


def survey_create(*, spec: SurveySpec, customers: Iterable[PilotCustomer], publish: bool = True) -> list[str]:
    """Create the survey in each customer's schema, all or nothing; published ones join the next round."""
    customers = list(customers)
    errors = survey_spec_errors(spec)
    taken = [c.slug for c in customers if _survey_key_taken(c, spec.key)]
    if taken:
        errors["key"] = [
            _("A survey with key '%(key)s' already exists for: %(customers)s.")
            % {"key": spec.key, "customers": ", ".join(taken)}
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for customer in customers:
            with customer_schema(customer):
                _survey_write(spec, publish)
    return [customer.slug for customer in customers]


def _survey_key_taken(customer: PilotCustomer, key: str) -> bool:
    with customer_schema(customer):
        return Survey.objects.filter(key=key).exists()


def _survey_write(spec: SurveySpec, publish: bool) -> Survey:
    feature_defaults_ensure()
    survey = Survey.objects.create(
        key=spec.key,
        title_en=spec.title_en,
        title_ar=spec.title_ar,
        intro_en=spec.intro_en,
        intro_ar=spec.intro_ar,
        published=publish,
    )
    Question.objects.bulk_create(
        Question(
            survey=survey,
            order=order,
            key=q.key,
            kind=q.kind,
            text_en=q.text_en,
            text_ar=q.text_ar,
            required=q.required,
            options=list(q.options),
            item_kind=q.item_kind,
        )
        for order, q in enumerate(spec.questions)
    )
    survey_digests_refresh()
    return survey
