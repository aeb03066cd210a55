"""Writes of the reports app: create and request a report, and queue its build (reports.build)."""

import logging

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from reports.build import report_fail
from reports.choices import ReportKind, ReportLanguage
from reports.models import Report
from reports.tasks import report_build as report_build_task
from tenants.models import PilotCustomer

logger = logging.getLogger(__name__)


class ReportQueueUnavailable(Exception):
    """The broker did not take the build task; the report is marked failed and can be requested again."""


def _validate(*, kind: str, language: str, customer: PilotCustomer | None) -> None:
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
    if errors:
        raise ValidationError(errors)


def report_create(*, kind: str, language: str, customer: PilotCustomer | None = None, by: User | None = None) -> Report:
    """A queued report record, after checking the request (ValidationError per field)."""
    _validate(kind=kind, language=language, customer=customer)
    requested_by = by if by is not None and by.is_authenticated else None
    return Report.objects.create(kind=kind, language=language, customer=customer, requested_by=requested_by)


def report_request(
    *, kind: str, language: str, customer: PilotCustomer | None = None, by: User | None = None
) -> Report:
    """Create the record and queue its build once the transaction commits.

    Raises ReportQueueUnavailable when the broker is down (the record is then failed, not stuck queued).
    """
    report = report_create(kind=kind, language=language, customer=customer, by=by)
    transaction.on_commit(lambda: report_enqueue(report_id=report.pk))
    return report


def report_enqueue(*, report_id: int) -> None:
    try:
        report_build_task.delay(report_id)
    except (BrokerError, ConnectionError, RuntimeError) as error:
        logger.warning("report %s: broker unavailable (%s)", report_id, error)
        report_fail(report_id, _("The report queue is unavailable; please try again in a few minutes."))
        raise ReportQueueUnavailable(str(error)) from error
