"""Builds a report: collect the context (reports.context), render the templates, print the PDF.

Pure reads: nothing here writes to the database or the storage (reports.services does).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language
from weasyprint import HTML
from weasyprint.document import Document

from reports import constants
from reports import context as sections
from reports.choices import ReportKind
from reports.fetcher import ReportURLFetcher
from reports.recommendations import recommendations_compute
from tenants.choices import OnboardingStepCode
from tenants.models import PilotCustomer

Progress = Callable[[int], None]
TEMPLATE = "reports/pdf/report.html"
BASE_URL = (settings.BASE_DIR / "templates" / "reports" / "pdf").as_uri() + "/"


@dataclass(frozen=True)
class CustomerPage:
    """One customer's results: the page of the final report, or the body of a customer report."""

    facts: sections.CustomerFacts
    slos: sections.Section
    incidents: sections.Section
    feedback: sections.Section
    training: sections.Section

    @property
    def slos_met(self) -> tuple[int, int] | None:
        """(SLOs met, SLOs measured) for the final report's one-row summary; None without data."""
        if not self.slos.available:
            return None
        measured = [slo for slo in self.slos.data if getattr(slo, "met", None) is not None]
        return sum(1 for slo in measured if slo.met), len(measured)

    @property
    def onboarding_done(self) -> tuple[int, int]:
        steps = self.facts.onboarding
        return sum(1 for step in steps if step.done_at), len(steps)


def _customer_pages(customers: list[PilotCustomer], feedback: dict[int, sections.Section]) -> list[CustomerPage]:
    return [
        CustomerPage(
            facts=facts,
            slos=sections.slo_section(customer=facts.customer),
            incidents=sections.incidents_section(customer=facts.customer),
            feedback=feedback[facts.customer.pk],
            training=sections.training_section(customer=facts.customer),
        )
        for facts in sections.customer_facts(customers=customers)
    ]


def _program_wide(
    as_of: date, now: datetime, customers: list[PilotCustomer], language: str, feedback: sections.Section
) -> dict:
    """Sections that only the final report has: they span the whole program (`feedback`: read once with
    the customers' rows)."""
    wide = {
        "feedback": feedback,
        "narrative": sections.narrative_section(language=language),
        "phases": sections.phases_section(),
        "slos": sections.slo_section(),
        "incidents": sections.incidents_section(),
        "training": sections.training_section(),
        "budget": sections.budget_section(as_of=as_of),
        "risks": sections.risks_section(),
        "scorecard": sections.scorecard_section(as_of=as_of),
        "health": sections.health_section(customers=customers, now=now),
    }
    wide["computed_recommendations"] = recommendations_compute(
        scorecard=wide["scorecard"], incidents=wide["incidents"], feedback=wide["feedback"]
    )
    return wide


def report_context_build(
    *, customer: PilotCustomer | None = None, now: datetime | None = None, draft: bool = False
) -> dict:
    """Everything the templates show; `customer` set means that customer's own report only.

    Built under the report's language (the active one): computed labels and recommendations come out in it.
    """
    now = now or timezone.now()
    as_of = timezone.localdate(now)
    customers = sections.customers_for_report(customer=customer)
    base = {"generated_at": now, "as_of": as_of, "draft": draft}
    if customer is not None:
        feedback = {customer.pk: sections.feedback_section(customer=customer)}
        pages = _customer_pages(customers, feedback)
        return {**base, "pages": pages, "kind": ReportKind.CUSTOMER, "customer": customer}
    overall, feedback = sections.feedback_sections(customers=customers)
    final = {"kind": ReportKind.FINAL, "customer": None, "onboarding_steps": OnboardingStepCode.choices}
    wide = _program_wide(as_of, now, customers, get_language(), overall)
    return {**base, "pages": _customer_pages(customers, feedback), **final, **wide}


def report_html_render(*, context: dict, language: str) -> str:
    with translation.override(language):
        return render_to_string(TEMPLATE, {**context, "language": language, "rtl": language == "ar"})


def report_document_render(*, html: str) -> Document:
    """The laid-out pages of `html` (the layout tests read its boxes); only the report's own files
    can be fetched while rendering."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=ReportURLFetcher()).render()


def report_pdf_render(*, html: str) -> bytes:
    return report_document_render(html=html).write_pdf()


def report_pdf_build(
    *, language: str, customer: PilotCustomer | None = None, progress: Progress | None = None, draft: bool = False
) -> bytes:
    """The whole pipeline, with progress reported after each stage (the task stores it)."""
    report = progress or (lambda percent: None)
    # Labels the other apps compute (phase names, statuses, the recommendation) come out in the
    # report's language only when they are computed under it.
    with translation.override(language):
        context = report_context_build(customer=customer, draft=draft)
    report(constants.PROGRESS_CONTEXT)
    html = report_html_render(context=context, language=language)
    report(constants.PROGRESS_HTML)
    pdf = report_pdf_render(html=html)
    report(constants.PROGRESS_PDF)
    return pdf
