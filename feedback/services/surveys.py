"""The default survey and publishing surveys to customers."""

from collections.abc import Iterable

from django.db import transaction
from django_tenants.utils import tenant_context

from feedback import defaults
from feedback.models import Feature, Question, Survey
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
        survey.published = published
        survey.save(update_fields=["published"])
    return survey


def survey_default_publish(*, customers: Iterable[PilotCustomer]) -> list[str]:
    """Publish the default survey in each selected customer's schema; returns their slugs."""
    slugs = []
    for customer in customers:
        with tenant_context(customer.tenant):
            survey_publish(survey=survey_default_ensure())
        slugs.append(customer.slug)
    return slugs
