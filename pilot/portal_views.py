"""The customer's training page on its own portal, and the download of its session's materials."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from pilot.media import file_response
from pilot.selectors import training_material_for_customer, training_session_for_customer


def _customer(request: HttpRequest):
    customer = getattr(request, "customer", None)
    if customer is None:
        raise Http404
    return customer


@login_required
def training(request: HttpRequest) -> HttpResponse:
    customer = _customer(request)
    training = training_session_for_customer(customer=customer)
    return render(request, "pilot/portal/training.html", {"customer": customer, "training": training})


@login_required
def material_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Only a material delivered with this customer's own session; anything else is a 404."""
    material = training_material_for_customer(customer=_customer(request), material_id=pk)
    if material is None:
        raise Http404
    if not material.file:
        if material.url:
            return HttpResponseRedirect(material.url)
        raise Http404
    return file_response(file=material.file)
