"""The program manager's feedback pages: the numbers per customer and overall, check-ins, items."""

from dataclasses import replace
from datetime import date

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.figures import figures_get, figures_time
from feedback.charts import line_chart
from feedback.forms import CheckInForm
from feedback.models import FeedbackItem
from feedback.selectors import (
    FeedbackSummary,
    checkin_list_for,
    feedback_dashboard,
    feedback_item_list_for,
    feedback_items_by_id,
    feedback_summary,
)
from feedback.services.items import CheckInInput, checkin_create_for, feedback_item_merge
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_provisioned


def _require(request: HttpRequest, action: str, model: str) -> None:
    if not request.user.has_perm(f"feedback.{action}_{model}"):
        raise PermissionDenied


def _chart(summary: FeedbackSummary) -> str:
    return line_chart(
        labels=[w.week_start.strftime("%d/%m") for w in summary.weekly],
        series=[
            (_("Satisfaction %"), [w.satisfaction_pct for w in summary.weekly]),
            (_("Response rate %"), [w.response_rate_pct for w in summary.weekly]),
            (_("Adoption %"), [w.adoption_pct for w in summary.weekly]),
        ],
        title=_("Week by week"),
    )


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def dashboard(request: HttpRequest) -> HttpResponse:
    """The numbers overall and per customer. They are the same for every program manager in a language, so the
    rendered block is shared through core.figures (rebuilt at most once a minute; it says when)."""
    _require(request, "view", "survey")
    start, end = _date(request.GET.get("start")), _date(request.GET.get("end"))
    figures = figures_get("feedback-dashboard", lambda: _figures_html(request, start, end), start, end)
    context = {
        **admin.site.each_context(request),
        "title": _("Feedback"),
        "figures": mark_safe(figures.value),  # rendered, and escaped, by the template engine
        "start": start,
        "end": end,
    }
    return render(request, "feedback/backoffice/dashboard.html", context)


def _figures_html(request: HttpRequest, start: date | None, end: date | None) -> str:
    overall, rows = feedback_dashboard(start=start, end=end)
    computed = figures_time()
    if computed is not None:  # shown for a minute: the older of the summaries' time and now
        overall = replace(overall, as_of=min(filter(None, [overall.as_of, computed])))
    context = {"overall": overall, "chart": _chart(overall), "rows": rows}
    return render_to_string("feedback/backoffice/_dashboard_figures.html", context, request=request)


def customer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    _require(request, "view", "survey")
    customer = get_object_or_404(customer_list_provisioned(), slug=slug)
    form = CheckInForm(request.POST if "checkin" in request.POST else None)
    if request.method == "POST" and _post(request, customer, form):
        return HttpResponseRedirect(request.path)
    context = _customer_context(request, customer, form)
    # Reached after a POST only when it was refused: the answer says so (400) with its messages.
    status = 400 if request.method == "POST" else 200
    return render(request, "feedback/backoffice/customer.html", context, status=status)


def _customer_context(request: HttpRequest, customer: PilotCustomer, form: CheckInForm) -> dict:
    summary = feedback_summary(customer=customer)
    return {
        **admin.site.each_context(request),
        "title": _("Feedback of %(name)s") % {"name": customer.name},
        "customer": customer,
        "summary": summary,
        "chart": _chart(summary),
        "checkins": checkin_list_for(customer=customer, limit=20),
        "items": feedback_item_list_for(customer=customer, kind=None, limit=50),
        "form": form,
    }


def _merge_pair(customer: PilotCustomer, duplicate: str, into: str) -> tuple[FeedbackItem, FeedbackItem] | None:
    """Both items of this customer, or None: a wrong number is a message on the page, never a 404."""
    if not (duplicate.isdigit() and into.isdigit()):
        return None
    found = feedback_items_by_id(customer=customer, ids=[int(duplicate), int(into)])
    if int(duplicate) not in found or int(into) not in found:
        return None
    return found[int(duplicate)], found[int(into)]


def _post(request: HttpRequest, customer: PilotCustomer, form: CheckInForm) -> bool:
    """A check-in or a merge; True when it was saved."""
    try:
        if "checkin" in request.POST:
            _require(request, "add", "checkin")
            if not form.is_valid():
                return False
            try:
                checkin_create_for(customer=customer, data=CheckInInput(**form.cleaned_data))
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                return False
            messages.success(request, _("Check-in recorded."))
        elif "merge" in request.POST:
            _require(request, "change", "feedbackitem")
            items = _merge_pair(customer, request.POST.get("duplicate", ""), request.POST.get("into", ""))
            if items is None:
                messages.error(request, _("Choose two items of this customer to merge (a number from the list)."))
                return False
            feedback_item_merge(customer=customer, duplicate=items[0], into=items[1])
            messages.success(request, _("Duplicate merged."))
        return True
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    except ValueError:
        messages.error(request, _("Choose two items to merge."))
        return False
