"""Writes of the reports app: request a report, build it (the Celery task's body), record the outcome."""

import hashlib
import logging
import secrets
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tenants.utils import get_public_schema_name, schema_context
from kombu.exceptions import OperationalError as BrokerError

from ops.services import outbox_email_queue
from reports import builder
from reports.choices import ReportKind, ReportLanguage, ReportStatus, RequestChannel
from reports.constants import (
    ERROR_MAX_LENGTH,
    NARRATIVE_MAX_LENGTH,
    NARRATIVE_PARTS,
    NARRATIVE_REQUIRED,
    PORTAL_PATH,
    PORTAL_REQUEST_WINDOW,
    PROGRESS_DONE,
    READY_EMAIL_KIND,
    STORAGE_PREFIX,
)
from reports.models import Report, ReportNarrative
from reports.selectors import narrative_field, report_narrative_get, report_portal_requests_since
from tenants.models import PilotCustomer
from tenants.services.provisioning import portal_url

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
    by: AbstractBaseUser | None = None,
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
    by: AbstractBaseUser | None = None,
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


def report_narrative_save(*, texts: dict[str, str], by: AbstractBaseUser | None = None) -> ReportNarrative:
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


def _narrative_write(texts: dict[str, str], by: AbstractBaseUser | None) -> ReportNarrative:
    """The row lock serializes concurrent saves; each save is one history record."""
    narrative = report_narrative_get(for_update=True)
    for name, text in texts.items():
        setattr(narrative, name, text.strip())
    narrative.updated_at = timezone.now()
    narrative.updated_by = by if by is not None and by.is_authenticated else None
    narrative.save()
    return narrative


def report_enqueue(*, report_id: int) -> None:
    from reports.tasks import report_build as report_build_task

    try:
        # Sent from the public schema: the build reads every app, whichever domain asked for it.
        with schema_context(get_public_schema_name()):
            report_build_task.delay(report_id)
    except (BrokerError, ConnectionError, RuntimeError) as error:
        logger.warning("report %s: broker unavailable (%s)", report_id, error)
        _fail(report_id, _("The report queue is unavailable; please try again in a few minutes."))
        raise ReportQueueUnavailable(str(error)) from error


def _claim(report_id: int) -> bool:
    """queued → running, or re-claim a running report whose worker died (acks_late redelivery).

    The conditional UPDATE is the lock: of two deliveries of the same task only one gets row count 1.
    """
    now = timezone.now()
    claimable = Q(status=ReportStatus.QUEUED) | Q(status=ReportStatus.RUNNING, started_at__lt=_stale_before(now))
    updated = Report.objects.filter(claimable, pk=report_id).update(
        status=ReportStatus.RUNNING, started_at=now, progress=5, error="", attempts=F("attempts") + 1
    )
    return updated == 1


def _stale_before(now: datetime) -> datetime:
    return now - timedelta(seconds=settings.REPORT_STALE_AFTER_SECONDS)


def report_sweep_stale() -> int:
    """Mark failed every report still running past the stale limit: its worker died (beat, every minute).

    The conditional UPDATE is race-safe against a worker finishing at the same moment: a report
    that became done is no longer running and is left alone. Returns how many were failed.
    """
    return Report.objects.filter(status=ReportStatus.RUNNING, started_at__lt=_stale_before(timezone.now())).update(
        status=ReportStatus.FAILED,
        error=_("The worker building this report stopped before it finished. Generate it again."),
        finished_at=timezone.now(),
    )


def _progress_set(report_id: int, percent: int) -> None:
    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(progress=percent)


def _fail(report_id: int, message: str) -> None:
    Report.objects.filter(pk=report_id).exclude(status=ReportStatus.DONE).update(
        status=ReportStatus.FAILED, error=message[:ERROR_MAX_LENGTH], finished_at=timezone.now()
    )


def _file_name(report: Report) -> str:
    # The random part keeps names unguessable and lets a rebuilt report never overwrite an old file.
    subject = report.customer.slug if report.customer_id else "final"
    return f"{STORAGE_PREFIX}/{report.pk}-{subject}-{report.language}-{secrets.token_hex(8)}.pdf"


def _file_store(report: Report, pdf: bytes, started: float) -> None:
    """Save the finished PDF, then mark the row done; a row we no longer own gets no file."""
    storage = report.file.storage
    name = storage.save(_file_name(report), ContentFile(pdf))
    try:
        with transaction.atomic():
            done = Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
                status=ReportStatus.DONE,
                file=name,
                checksum=hashlib.sha256(pdf).hexdigest(),
                size=len(pdf),
                progress=PROGRESS_DONE,
                finished_at=timezone.now(),
                duration_ms=int((time.monotonic() - started) * 1000),
            )
            if done == 1 and report.notify_email:
                _ready_email_queue(report)
    except Exception:
        storage.delete(name)
        raise
    if done != 1:
        storage.delete(name)


def _ready_email_queue(report: Report) -> None:
    """Tell the customer who asked that the report waits on the portal (the e-mail carries no file)."""
    domain = report.customer.tenant.get_primary_domain().domain
    context = {"report": report, "customer": report.customer, "link": portal_url(domain, PORTAL_PATH)}
    with translation.override(report.language):
        subject = render_to_string("reports/email/ready_subject.txt", context).strip()
        body = render_to_string("reports/email/ready.txt", context)
    outbox_email_queue(
        kind=READY_EMAIL_KIND,
        to=report.notify_email,
        subject=subject,
        body=body,
        language=report.language,
        topic=f"report:{report.pk}",
    )


def report_build(*, report_id: int) -> Report:
    """Render a claimed report and store it. Idempotent: a report already running or finished is left alone.

    The file is written only after the PDF rendered completely; on any error the report ends failed
    with a readable message and no file.
    """
    if _claim(report_id):
        report = Report.objects.select_related("customer__tenant").get(pk=report_id)
        started = time.monotonic()
        try:
            pdf = builder.report_pdf_build(
                language=report.language,
                customer=report.customer,
                draft=report.draft,
                progress=lambda percent: _progress_set(report_id, percent),
            )
            _file_store(report, pdf, started)
        except Exception as error:
            logger.exception("report %s failed", report_id)
            _fail(report_id, _("The report could not be built: %(error)s") % {"error": _error_text(error)})
    return Report.objects.get(pk=report_id)


def _error_text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
