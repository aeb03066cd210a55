"""Writes of the reports app: create and request a report, and queue its build (reports.build)."""

import logging
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from kombu.exceptions import OperationalError as BrokerError

from core.schemas import public_schema
from reports.build import report_fail
from reports.choices import ReportKind, ReportLanguage, ReportStatus, RequestChannel
from reports.constants import (
    NARRATIVE_MAX_LENGTH,
    NARRATIVE_PARTS,
    NARRATIVE_REQUIRED,
    PORTAL_REQUEST_WINDOW,
)
from reports.models import Report, ReportNarrative
from reports.selectors import narrative_field, report_narrative_get, report_portal_requests_since
from reports.tasks import report_build as report_build_task
from tenants.models import PilotCustomer

logger = logging.getLogger(__name__)


class ReportQueueUnavailable(Exception):
    """The broker did not take the build task; the report is marked failed and can be requested again."""


class ReportRequestLimited(Exception):
    """A customer asked for more reports than the portal allows; the message says when to ask again."""


def _narrative_errors() -> dict[str, str]:
    # Lazy: the messages are translated in the language active when the error is shown.
    return {
        "recommendations": _("Write the recommendations for general release before generating the final report."),
        "future_plan": _("Write the future-improvement plan before generating the final report."),
        "lessons_learned": _("Write the lessons learned before generating the final report."),
    }


def narrative_missing(*, narrative: ReportNarrative, language: str) -> dict[str, list[str]]:
    """The written parts a final report in `language` still lacks, as form errors per field."""
    messages = _narrative_errors()
    return {
        narrative_field(part, language): [messages[part]]
        for part in NARRATIVE_REQUIRED
        if not narrative.text(part, language)
    }


def _validate(*, kind: str, language: str, customer: PilotCustomer | None, draft: bool = False) -> None:
    errors: dict[str, list[str]] = {}
    if language not in ReportLanguage.values:
        errors["language"] = [_("Unknown language %(value)r: use ar or en.") % {"value": language}]
    if kind not in ReportKind.values:
        errors["kind"] = [_("Unknown report kind %(value)r.") % {"value": kind}]
    elif kind == ReportKind.CUSTOMER and customer is None:
        errors["customer"] = [_("A customer report needs a customer.")]
    elif kind == ReportKind.FINAL and customer is not None:
        errors["customer"] = [_("The final report covers every customer: leave the customer empty.")]
    if customer is not None and not hasattr(customer, "tenant"):
        errors["customer"] = [_("This customer is not provisioned yet: it has no data to report.")]
    if kind == ReportKind.FINAL and not draft and language in ReportLanguage.values:
        errors.update(narrative_missing(narrative=report_narrative_get(), language=language))
    if errors:
        raise ValidationError(errors)


def report_create(
    *,
    kind: str,
    language: str,
    customer: PilotCustomer | None = None,
    by: User | None = None,
    draft: bool = False,
    channel: str = RequestChannel.BACKOFFICE,
    notify_email: str = "",
) -> Report:
    """A queued report record, after checking the request (ValidationError per field).

    A final report that is not a draft needs the written parts in its language (narrative_missing).
    """
    _validate(kind=kind, language=language, customer=customer, draft=draft)
    requested_by = by if by is not None and by.is_authenticated else None
    return Report.objects.create(
        kind=kind,
        language=language,
        customer=customer,
        requested_by=requested_by,
        draft=draft and kind == ReportKind.FINAL,
        channel=channel,
        notify_email=notify_email,
    )


def report_request(
    *,
    kind: str,
    language: str,
    customer: PilotCustomer | None = None,
    by: User | None = None,
    draft: bool = False,
) -> Report:
    """Create the record and queue its build once the transaction commits.

    Raises ReportQueueUnavailable when the broker is down (the record is then failed, not stuck queued).
    """
    report = report_create(kind=kind, language=language, customer=customer, by=by, draft=draft)
    transaction.on_commit(lambda: report_enqueue(report_id=report.pk))
    return report


def _portal_limit_check(customer: PilotCustomer, now: datetime) -> None:
    """Refuse while one of the customer's requests is being built, or past the daily allowance."""
    recent = list(report_portal_requests_since(customer=customer, since=now - PORTAL_REQUEST_WINDOW))
    if any(report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING) for report in recent):
        raise ReportRequestLimited(_("Your report is already being prepared; it appears below when it is ready."))
    allowed = settings.REPORT_PORTAL_REQUESTS_PER_DAY
    if len(recent) >= allowed:
        again = timezone.localtime(min(report.created_at for report in recent) + PORTAL_REQUEST_WINDOW)
        raise ReportRequestLimited(
            ngettext(
                "You can request %(count)d report a day. You can ask again at %(time)s.",
                "You can request %(count)d reports a day. You can ask again at %(time)s.",
                allowed,
            )
            % {"count": allowed, "time": again.strftime("%Y-%m-%d %H:%M")}
        )


def report_request_from_portal(*, customer: PilotCustomer, language: str, email: str) -> Report:
    """A customer asks for its own report on its portal; it is e-mailed to `email` when ready.

    The customer's row is locked while counting, so two requests sent at once cannot both pass
    the limit. Raises ReportRequestLimited, ValidationError (per field) or ReportQueueUnavailable.
    """
    with transaction.atomic():
        PilotCustomer.objects.select_for_update().filter(pk=customer.pk).first()
        _portal_limit_check(customer, timezone.now())
        report = report_create(
            kind=ReportKind.CUSTOMER,
            language=language,
            customer=customer,
            channel=RequestChannel.PORTAL,
            notify_email=email,
        )
        transaction.on_commit(lambda: report_enqueue(report_id=report.pk))
    return report


def report_narrative_save(*, texts: dict[str, str], by: User | None = None) -> ReportNarrative:
    """Save the written parts of the final report (a draft: empty parts are allowed until the final build).

    `texts` maps field names (`recommendations_ar`, ...) to text; unknown names and over-long text
    are refused per field and nothing is saved. Every save is kept in the row's history.
    """
    fields = {narrative_field(part, code) for part in NARRATIVE_PARTS for code in ReportLanguage.values}
    errors = {name: [_("Unknown field.")] for name in texts if name not in fields}
    errors |= {
        name: [_("At most %(max)d characters.") % {"max": NARRATIVE_MAX_LENGTH}]
        for name, text in texts.items()
        if name in fields and len(text) > NARRATIVE_MAX_LENGTH
    }
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return _narrative_write(texts, by)
    except IntegrityError:  # two first saves at once: the loser writes over the winner's row, under its lock
        with transaction.atomic():
            return _narrative_write(texts, by)


def _narrative_write(texts: dict[str, str], by: User | None) -> ReportNarrative:
    """The row lock serializes concurrent saves; each save is one history record."""
    narrative = report_narrative_get(for_update=True)
    for name, text in texts.items():
        setattr(narrative, name, text.strip())
    narrative.updated_at = timezone.now()
    narrative.updated_by = by if by is not None and by.is_authenticated else None
    narrative.save()
    return narrative


def report_enqueue(*, report_id: int) -> None:
    try:
        # Sent from the public schema: the build reads every app, whichever domain asked for it.
        with public_schema():
            report_build_task.delay(report_id)
    except (BrokerError, ConnectionError, RuntimeError) as error:
        logger.warning("report %s: broker unavailable (%s)", report_id, error)
        report_fail(report_id, _("The report queue is unavailable; please try again in a few minutes."))
        raise ReportQueueUnavailable(str(error)) from error
