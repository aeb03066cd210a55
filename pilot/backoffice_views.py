"""The program manager's pages in the back office: timeline, customer checklist, budget, scorecard."""

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pilot.choices import Recommendation
from pilot.models import Phase
from pilot.selectors import budget_summary, customer_checklist, phase_list, program_get, program_week, scorecard_get
from pilot.services.criteria import go_decision_record
from pilot.services.program import phase_close
from tenants.selectors import customer_list_provisioned


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(f"pilot.{permission}"):
        raise PermissionDenied


def _as_of(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


def _context(request: HttpRequest, title: str, **extra: object) -> dict:
    return {**admin.site.each_context(request), "title": title, **extra}


def _errors_message(request: HttpRequest, error: ValidationError) -> None:
    for field_errors in error.message_dict.values():
        for message in field_errors:
            messages.error(request, message)


def timeline(request: HttpRequest) -> HttpResponse:
    """Gantt-like view of the ten weeks, each phase's checklist, and closing through the gate."""
    _require(request, "view_phase")
    if request.method == "POST":
        _require(request, "change_phase")
        phase = get_object_or_404(Phase, key=request.POST.get("phase", ""))
        try:
            phase_close(
                phase=phase,
                by=request.user,
                override_reason=request.POST.get("override_reason", ""),
                confirmed=request.POST.get("confirm") == "1",
            )
            messages.success(request, _("%(phase)s closed.") % {"phase": phase})
        except ValidationError as error:
            _errors_message(request, error)
        return HttpResponseRedirect(request.path)
    as_of, program = _as_of(request), program_get()
    context = _context(
        request,
        _("Pilot timeline"),
        program=program,
        phases=phase_list(as_of=as_of),
        as_of=as_of,
        week=program_week(start=program.start_date, as_of=as_of),
        weeks=range(1, program.weeks + 1),
    )
    return render(request, "pilot/backoffice/timeline.html", context)


def customer_checklists(request: HttpRequest, slug: str) -> HttpResponse:
    _require(request, "view_checklistitem")
    customer = get_object_or_404(customer_list_provisioned(), slug=slug)
    rows = customer_checklist(customer=customer)
    context = _context(
        request,
        _("Checklists of %(name)s") % {"name": customer.name},
        customer=customer,
        rows=rows,
        as_of=_as_of(request),
    )
    return render(request, "pilot/backoffice/customer_checklist.html", context)


def budget(request: HttpRequest) -> HttpResponse:
    _require(request, "view_budgetline")
    summary = budget_summary(as_of=_as_of(request))
    return render(request, "pilot/backoffice/budget.html", _context(request, _("Budget against plan"), summary=summary))


def scorecard(request: HttpRequest) -> HttpResponse:
    """The success-criteria scorecard, its recommendation, and the signed decision."""
    _require(request, "view_successcriterion")
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        _require(request, "add_godecision")
        try:
            go_decision_record(
                decision=request.POST.get("decision", ""),
                note=request.POST.get("note", ""),
                signed_name=request.POST.get("signed_name", ""),
                by=request.user,
            )
            messages.success(request, _("Decision recorded."))
            return HttpResponseRedirect(request.path)
        except ValidationError as error:
            errors = error.message_dict
    card = scorecard_get(as_of=_as_of(request))
    context = _context(
        request,
        _("Success criteria and go / no-go"),
        scorecard=card,
        choices=Recommendation.choices,
        errors=errors,
        posted=request.POST,
    )
    return render(request, "pilot/backoffice/scorecard.html", context, status=400 if errors else 200)
