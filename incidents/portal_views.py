"""Customer-portal pages: the customer's incidents (updates, replies, its verdict on a resolution) and
the one *report a problem* form of the portal."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from incidents.choices import Category
from incidents.models import Incident
from incidents.selectors import incident_list_customer_view
from incidents.services import incident_customer_confirm, incident_customer_reply, incident_report_from_portal
from incidents.services.lifecycle import REOPENABLE


class ProblemReportForm(forms.Form):
    # No default: the customer says what kind of problem it is (an unchosen list is an error, not "System down").
    category = forms.ChoiceField(label=gettext_lazy("What kind of problem?"), choices=[("", "—"), *Category.choices])
    title = forms.CharField(label=gettext_lazy("Summary"), max_length=200)
    description = forms.CharField(label=gettext_lazy("What happened?"), widget=forms.Textarea, required=False)
    attachment = forms.FileField(
        label=gettext_lazy("Photo or screenshot (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )


def _author(request: HttpRequest) -> tuple[str, str]:
    user = request.user
    return user.get_full_name() or user.get_username(), user.email


def _own_incident(request: HttpRequest, pk: int) -> Incident:
    return get_object_or_404(incident_list_customer_view(customer=request.customer), pk=pk)


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    incidents = incident_list_customer_view(customer=request.customer)
    page = Paginator(incidents, 20).get_page(request.GET.get("page"))
    return render(request, "incidents/portal/list.html", {"page": page})


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _own_incident(request, pk)
    context = {"incident": incident, "can_confirm": incident.status in REOPENABLE, "errors": {}}
    return render(request, "incidents/portal/detail.html", context)


@login_required
@require_POST
def incident_reply(request: HttpRequest, pk: int) -> HttpResponse:
    """POST `message`: the reply joins the staff timeline and the assignee is told."""
    incident = _own_incident(request, pk)
    name, email = _author(request)
    try:
        incident_customer_reply(
            incident=incident,
            customer=request.customer,
            author_name=name,
            author_email=email,
            message=request.POST.get("message", ""),
        )
    except ValidationError as error:
        context = {"incident": incident, "can_confirm": incident.status in REOPENABLE, "errors": error.message_dict}
        return render(request, "incidents/portal/detail.html", context, status=400)
    messages.success(request, _("Your reply is sent to our support team."))
    return HttpResponseRedirect(reverse("incidents-portal-detail", args=[incident.pk]))


@login_required
@require_POST
def incident_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """POST `solved=yes` (it is solved) or `solved=no` (still happening: the incident reopens)."""
    incident = _own_incident(request, pk)
    answer = request.POST.get("solved", "")
    if answer not in ("yes", "no"):  # anything else used to count as "no" and reopen the incident
        errors = {"solved": [_("Choose whether the problem is solved.")]}
        context = {"incident": incident, "can_confirm": True, "errors": errors}
        return render(request, "incidents/portal/detail.html", context, status=400)
    solved = answer == "yes"
    try:
        incident_customer_confirm(
            incident=incident,
            customer=request.customer,
            author_name=_author(request)[0],
            solved=solved,
            message=request.POST.get("message", "")[:2000],
        )
    except ValidationError as error:
        context = {"incident": incident, "can_confirm": False, "errors": error.message_dict}
        return render(request, "incidents/portal/detail.html", context, status=400)
    if solved:
        messages.success(request, _("Thank you for confirming."))
    else:
        messages.success(request, _("The incident is reopened; our support team is on it again."))
    return HttpResponseRedirect(reverse("incidents-portal-detail", args=[incident.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def incident_report(request: HttpRequest) -> HttpResponse:
    form = ProblemReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, email = _author(request)
        try:
            incident = incident_report_from_portal(
                customer=request.customer, reporter_name=name, reporter_email=email, **form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Thank you. Our support team has been notified."))
            return HttpResponseRedirect(reverse("incidents-portal-detail", args=[incident.pk]))
    status = 400 if form.errors else 200
    return render(request, "incidents/portal/report.html", {"form": form}, status=status)
