"""The back office's map: every program page, grouped as the plan is, with what needs attention.

One table (NAV) feeds both the sidebar and the home page, so a page added here is reachable from
both. Counts cost three queries per page whatever the data size.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from incidents.choices import Severity
from incidents.models import ACTIVE_STATUSES, Incident
from monitoring.models import SloAlert
from pilot.selectors import late_items

# Queries the navigation may add to a back-office page when its counts are not cached yet and the
# session does not hold the staff language yet (tests of other pages' query budgets add this).
NAV_MAX_QUERIES = 24  # up to 12 queries, each may follow a search_path SET
COUNTS_CACHE_KEY = "backoffice:attention"
COUNTS_CACHE_SECONDS = 60


@dataclass(frozen=True)
class Page:
    label: Promise
    url_name: str
    permission: str
    counter: str = ""  # a key of the attention counts shown beside the link


@dataclass(frozen=True)
class Group:
    label: Promise
    pages: tuple[Page, ...]


NAV: tuple[Group, ...] = (
    Group(
        _("Customers and tenants"),
        (Page(_("Pilot customers"), "admin:tenants_pilotcustomer_changelist", "tenants.view_pilotcustomer"),),
    ),
    Group(
        _("Plan and timeline"),
        (
            Page(_("Program dashboard"), "admin:index", "pilot.view_phase"),
            Page(_("Timeline"), "pilot-timeline", "pilot.view_phase"),
            Page(_("Checklist items"), "admin:pilot_checklistitem_changelist", "pilot.view_checklistitem", "late"),
            Page(_("Program settings"), "admin:pilot_program_changelist", "pilot.view_program"),
        ),
    ),
    Group(
        _("Training"),
        (
            Page(_("Training sessions"), "admin:pilot_trainingsession_changelist", "pilot.view_trainingsession"),
            Page(_("Training materials"), "admin:pilot_trainingmaterial_changelist", "pilot.view_trainingmaterial"),
        ),
    ),
    Group(
        _("Feedback"),
        (
            Page(_("Feedback dashboard"), "feedback-dashboard", "feedback.view_survey"),
            Page(_("Surveys"), "feedback-surveys", "feedback.view_survey"),
            Page(_("Survey responses"), "feedback-responses", "feedback.view_survey"),
        ),
    ),
    Group(
        _("Incidents"),
        (
            Page(_("Incident queue"), "incidents-queue", "incidents.view_incident", "incidents"),
            Page(_("All incidents"), "admin:incidents_incident_changelist", "incidents.view_incident"),
            Page(_("Severity policies"), "admin:incidents_severitypolicy_changelist", "incidents.view_severitypolicy"),
        ),
    ),
    Group(
        _("SLO monitoring"),
        (
            Page(_("SLO overview"), "monitoring-overview", "monitoring.view_slo", "slo_alerts"),
            Page(_("SLO alerts"), "admin:monitoring_sloalert_changelist", "monitoring.view_sloalert"),
        ),
    ),
    Group(
        _("Budget"),
        (
            Page(_("Budget"), "pilot-budget", "pilot.view_budgetline"),
            Page(_("Expenses"), "admin:pilot_expense_changelist", "pilot.view_expense"),
        ),
    ),
    Group(_("Risks"), (Page(_("Risks"), "admin:pilot_risk_changelist", "pilot.view_risk"),)),
    Group(
        _("Success criteria"),
        (
            Page(_("Scorecard and decision"), "pilot-scorecard", "pilot.view_successcriterion"),
            Page(_("Success criteria"), "admin:pilot_successcriterion_changelist", "pilot.view_successcriterion"),
        ),
    ),
    Group(_("Final report"), (Page(_("Reports"), "reports-backoffice-home", "reports.view_report"),)),
)


@dataclass
class Link:
    label: str
    url: str
    counts: list[tuple[str, int, str]] = field(default_factory=list)  # (text, number, tone)


@dataclass
class NavGroup:
    label: str
    links: list[Link]


def _incident_counts() -> list[tuple[str, int, str]]:
    rows = (
        Incident.objects.filter(status__in=ACTIVE_STATUSES)
        .values("severity")
        .annotate(n=Count("pk"))
        .order_by("severity")
    )
    return [
        (_("S%(n)s") % {"n": row["severity"]}, row["n"], "bad" if row["severity"] == Severity.CRITICAL else "warn")
        for row in rows
    ]


def attention_counts() -> dict[str, list[tuple[str, int, str]]]:
    """What needs attention, the same for every reader: cached briefly so each page does not pay
    for it (counts up to a minute old beside a link are fine; the pages themselves are live)."""
    return cache.get_or_set(f"{COUNTS_CACHE_KEY}:{get_language()}", _attention_counts_read, COUNTS_CACHE_SECONDS)


def _attention_counts_read() -> dict[str, list[tuple[str, int, str]]]:
    late = len(late_items())
    alerts = SloAlert.objects.filter(resolved_at__isnull=True).count()
    return {
        "late": [(str(_("late")), late, "warn")] if late else [],
        "incidents": _incident_counts(),
        "slo_alerts": [(str(_("alerts")), alerts, "bad")] if alerts else [],
    }


def nav_for(*, user: AbstractBaseUser) -> list[NavGroup]:
    """The groups and pages this staff member may open, with the counts that need attention."""
    counts = attention_counts()
    groups = []
    for group in NAV:
        links = [
            Link(str(page.label), reverse(page.url_name), counts.get(page.counter, []))
            for page in group.pages
            if user.has_perm(page.permission)
        ]
        if links:
            groups.append(NavGroup(str(group.label), links))
    return groups
