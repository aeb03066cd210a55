"""Back-office pages: the incident queue (sorted by time left) and the incident board."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incidents.choices import Runbook, Severity, Status
from incidents.models import ACTIVE_STATUSES, Incident, RunbookStep
from incidents.selectors import (
    ALL_STATUSES,
    incident_list_with_customer_names,
    incident_messages,
    incident_queue,
    incident_timeline,
    incident_update_due_at,
    policy_map,
)
from incidents.services import (
    incident_acknowledge_many,
    incident_customers,
    incident_note_add,
    incident_pause,
    incident_reopen,
    incident_resolve_with_notice,
    incident_resume,
    incident_severity_change,
    incident_transition,
    incident_update_post,
    runbook_attach,
    runbook_step_tick,
)
from incidents.services.clocks import time_left
from incidents.services.lifecycle import REOPENABLE, TRANSITIONS
from incidents.templatetags.incident_tags import CountdownWords, countdown
from tenants.models import PilotCustomer

PAGE_SIZE = 50
# The columns a queue row shows or works its clock out from (incidents.services.clocks.time_left): an incident
# has thirty, and loading the others (ten more dates) for fifty rows was a fifth of the page.
QUEUE_FIELDS = (
    "title",
    "severity",
    "severity_confirmed",
    "status",
    "all_customers",
    "assignee__username",
    "reported_at",
    "acknowledged_at",
    "paused_at",
    "response_due_at",
    "resolution_due_at",
    "response_breached_at",
    "resolution_breached_at",
)
MAX_PAGE = 1_000_000


def incident_board_link(incident: Incident | None) -> str:
    """An incident anywhere in the back office opens its board page, where staff work on it."""
    if incident is None:
        return "—"
    return format_html('<a href="{}">{}</a>', reverse("incidents-board", args=[incident.pk]), incident)


def _require(request: HttpRequest, action: str) -> None:
    if not request.user.has_perm(f"incidents.{action}_incident"):
        raise PermissionDenied


def _queue_filters(request: HttpRequest) -> dict:
    params = request.GET
    customer = PilotCustomer.objects.filter(slug=params.get("customer")).first() if params.get("customer") else None
    return {
        "severity": int(params["severity"]) if params.get("severity", "").isdigit() else None,
        "status": params.get("status") if params.get("status") in {*Status.values, ALL_STATUSES} else None,
        "customer": customer,
        "breached": {"yes": True, "no": False}.get(params.get("breached", "")),
    }


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue without a COUNT(*) of the whole list: one row more than shown says whether
    there is a next page (the count of all incidents grew with history; the page itself does not)."""

    object_list: list[Incident]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def queue_page(incidents: QuerySet[Incident], raw_number: str | None) -> QueuePage:
    """Page `raw_number` (1 for anything that is not a page number; capped so the offset fits)."""
    number = min(int(raw_number), MAX_PAGE) if raw_number and raw_number.isdigit() and int(raw_number) else 1
    rows = list(incidents[(number - 1) * PAGE_SIZE : number * PAGE_SIZE + 1])
    return QueuePage(object_list=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)


@dataclass(frozen=True)
class QueueRow:
    """One incident as the queue shows it. Labels, names, the board's URL and the countdown are worked out
    here, once per page with shared lookups: resolved per row by the template (a choices dictionary rebuilt
    for each `get_..._display`, a URL reversal and a date filter per row) they were most of the page's time."""

    incident: Incident
    severity: str
    status: str
    customers: str
    board_url: str
    reported_at: str
    countdown: str
    breached: bool


def _board_url_of() -> Callable[[int], str]:
    """The board's URL for any incident from one reversal: the pattern is `<prefix>/<pk>/<suffix>`."""
    prefix, _slash, suffix = reverse("incidents-board", args=[0]).rpartition("/0/")
    return lambda pk: f"{prefix}/{pk}/{suffix}"


def queue_rows(incidents: list[Incident], now: datetime) -> list[QueueRow]:
    severities = {value: str(label) for value, label in Severity.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    board_url, words, everyone = _board_url_of(), CountdownWords.active(), _("All customers")
    return [
        QueueRow(
            incident=incident,
            severity=severities.get(incident.severity, str(incident.severity)),
            status=statuses.get(incident.status, incident.status),
            customers=everyone if incident.all_customers else ", ".join(c.name for c in incident.customers.all()),
            board_url=board_url(incident.pk),
            reported_at=timezone.localtime(incident.reported_at).strftime("%Y-%m-%d %H:%M"),
            countdown=countdown(time_left(incident, now), words),
            breached=bool(incident.response_breached_at or incident.resolution_breached_at),
        )
        for incident in incidents
    ]


def _customer_options(chosen: str | None) -> list[tuple[str, str, bool]]:
    """(slug, name, selected) of every customer with a schema, for the queue's filter."""
    customers = PilotCustomer.objects.filter(tenant__isnull=False).only("slug", "name_en", "name_ar")
    return [(customer.slug, customer.name, customer.slug == chosen) for customer in customers]


def queue(request: HttpRequest) -> HttpResponse:
    _require(request, "view")
    incidents = incident_list_with_customer_names(incident_queue(**_queue_filters(request)))
    page = queue_page(incidents.only(*QUEUE_FIELDS), request.GET.get("page"))
    context = {
        **admin.site.each_context(request),
        "title": _("Incident queue"),
        "page": page,
        "rows": queue_rows(page.object_list, timezone.now()),
        "severities": Severity.choices,
        "statuses": Status.choices,
        "customers": _customer_options(request.GET.get("customer")),
        "params": request.GET,
        "query": request.GET.urlencode(),
    }
    return render(request, "incidents/backoffice/queue.html", context)


@require_POST
def queue_acknowledge(request: HttpRequest) -> HttpResponse:
    _require(request, "change")
    ids = [int(value) for value in request.POST.getlist("incident") if value.isdigit()]
    done, skipped = incident_acknowledge_many(incidents=Incident.objects.filter(pk__in=ids), by=request.user)
    messages.success(request, _("%(done)d acknowledged, %(skipped)d skipped.") % {"done": done, "skipped": skipped})
    return HttpResponseRedirect(reverse("incidents-queue") + "?" + request.POST.get("query", ""))


def _resolved_notice(incident: Incident, language: str) -> str:
    """The default wording of the resolved notice, which staff may edit before sending."""
    with translation.override(language):
        return _("The incident “%(title)s” is resolved. Thank you for your patience.") % {"title": incident.title}


def _next_statuses(incident: Incident) -> list[tuple[str, str]]:
    """The plain moves offered as buttons; resolving and reopening have their own forms."""
    moves = {Status.ACKNOWLEDGED: _("Acknowledge"), Status.MITIGATED: _("Mark mitigated"), Status.CLOSED: _("Close")}
    return [(to, label) for to, label in moves.items() if incident.status in TRANSITIONS[to]]


def board(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "view")
    incident = get_object_or_404(Incident.objects.select_related("assignee"), pk=pk)
    steps = RunbookStep.objects.filter(incident=incident).select_related("done_by")
    now = timezone.now()
    update_due_at = incident_update_due_at(incident=incident, policy=policy_map()[incident.severity])
    context = {
        **admin.site.each_context(request),
        "title": str(incident),
        "incident": incident,
        "customers": incident_customers(incident=incident),
        "time_left": time_left(incident, now),
        "update_due_at": update_due_at,
        "update_left": update_due_at - now if update_due_at else None,
        "timeline": incident_timeline(incident=incident),
        "told": incident_messages(incident=incident),
        "steps": steps,
        "runbooks": Runbook.choices,
        "moves": _next_statuses(incident),
        "can_resolve": incident.status in ACTIVE_STATUSES,
        "can_reopen": incident.status in REOPENABLE,
        "severities": Severity.choices,
        "notice_en": _resolved_notice(incident, "en"),
        "notice_ar": _resolved_notice(incident, "ar"),
    }
    return render(request, "incidents/backoffice/board.html", context)


def _digits(value: str) -> int:
    """A posted id; anything else is an id that matches nothing (404), never a 500."""
    return int(value) if value.isdigit() else 0


BOARD_ACTIONS = {
    "note": lambda incident, request: incident_note_add(
        incident=incident, by=request.user, message=request.POST.get("message", "")
    ),
    "update": lambda incident, request: incident_update_post(
        incident=incident,
        by=request.user,
        message=request.POST.get("message", ""),
        message_ar=request.POST.get("message_ar", ""),
    ),
    "status": lambda incident, request: incident_transition(
        incident=incident, to=request.POST.get("to", ""), by=request.user, note=request.POST.get("message", "")
    ),
    "pause": lambda incident, request: incident_pause(
        incident=incident, by=request.user, reason=request.POST.get("message", "")
    ),
    "resume": lambda incident, request: incident_resume(incident=incident, by=request.user),
    "resolve": lambda incident, request: incident_resolve_with_notice(
        incident=incident,
        by=request.user,
        note=request.POST.get("note", ""),
        notify=request.POST.get("notify") == "1",
        notice=request.POST.get("notice", ""),
        notice_ar=request.POST.get("notice_ar", ""),
    ),
    "reopen": lambda incident, request: incident_reopen(
        incident=incident, by=request.user, reason=request.POST.get("reason", "")
    ),
    "severity": lambda incident, request: incident_severity_change(
        incident=incident,
        by=request.user,
        severity=_digits(request.POST.get("severity", "")),
        reason=request.POST.get("reason", ""),
        reason_required=True,
    ),
    "runbook": lambda incident, request: runbook_attach(incident=incident, runbook=request.POST.get("runbook", "")),
    "tick": lambda incident, request: runbook_step_tick(
        step=get_object_or_404(RunbookStep, pk=_digits(request.POST.get("step", "")), incident=incident),
        by=request.user,
        done=request.POST.get("done") == "1",
    ),
}


@require_POST
def board_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _require(request, "change")
    incident = get_object_or_404(Incident, pk=pk)
    if action not in BOARD_ACTIONS:
        raise PermissionDenied
    try:
        BOARD_ACTIONS[action](incident, request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return HttpResponseRedirect(reverse("incidents-board", args=[pk]))
