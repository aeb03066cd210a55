"""The customer's training page on its own portal, its materials and the generated training documents."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language

from pilot.media import file_response
from pilot.selectors import training_material_for_customer, training_session_for_customer
from pilot.selectors.training import STATE_LABELS
from pilot.services.training_documents import DOCUMENTS, LANGUAGES, training_document_list, training_document_pdf
from pilot.training_content import faq_for
from tenants.models import PilotCustomer


def _customer(request: HttpRequest) -> PilotCustomer:
    customer = getattr(request, "customer", None)
    if customer is None:
        raise Http404
    return customer


@login_required
def training(request: HttpRequest) -> HttpResponse:
    customer = _customer(request)
    training = training_session_for_customer(customer=customer)
    language = get_language()
    context = {
        "customer": customer,
        "training": training,
        "state": training.state_for(email=request.user.email) if training else None,
        "state_labels": STATE_LABELS,
        "documents": training_document_list(language=language),
        "faq": faq_for(language),
        # The library's guide and FAQ entries without a file are the generated documents above.
        "materials": [m for m in training.materials if m.file or m.url] if training else [],
    }
    return render(request, "pilot/portal/training.html", context)


@login_required
def document_download(request: HttpRequest, kind: str, language: str) -> HttpResponse:
    """The user guide or quick-reference card as PDF, in Arabic or English (the same for every customer)."""
    _customer(request)
    if kind not in DOCUMENTS or language not in LANGUAGES:
        raise Http404
    response = HttpResponse(training_document_pdf(kind=kind, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="aquafarm-{kind}-{language}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
