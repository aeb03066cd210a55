"""Customer-portal pages: the customer's incidents with public updates, and "report a problem"."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incidents.choices import Category
from incidents.selectors import incident_list_customer_view
from incidents.services import incident_report_from_portal


class ProblemReportForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("What kind of problem?"), choices=Category.choices)
    title = forms.CharField(label=gettext_lazy("Summary"), max_length=200)
    description = forms.CharField(label=gettext_lazy("What happened?"), widget=forms.Textarea, required=False)


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    incidents = incident_list_customer_view(customer=request.customer)
    page = Paginator(incidents, 20).get_page(request.GET.get("page"))
    return render(request, "incidents/portal/list.html", {"page": page})


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(incident_list_customer_view(customer=request.customer), pk=pk)
    return render(request, "incidents/portal/detail.html", {"incident": incident})


@login_required
def incident_report(request: HttpRequest) -> HttpResponse:
    form = ProblemReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        incident = incident_report_from_portal(
            customer=request.customer,
            reporter_name=user.get_full_name() or user.get_username(),
            reporter_email=user.email,
            **form.cleaned_data,
        )
        messages.success(request, _("Thank you. Our support team has been notified."))
        return HttpResponseRedirect(reverse("incidents-portal-detail", args=[incident.pk]))
    return render(request, "incidents/portal/report.html", {"form": form})
