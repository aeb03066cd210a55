"""Surveys in the back office: the builder (with a phone preview in both languages), publishing,
sending a round now, and the response browser with its CSV/XLSX export. Thin: the rules live in
feedback.services.surveys / rounds and the reads in feedback.selectors."""

import datetime as dt
from types import SimpleNamespace

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from feedback.exports import rows_csv, rows_xlsx
from feedback.forms import QuestionFormSet, SurveyBuilderForm
from feedback.models import Feature, Question, Survey
from feedback.presentation import survey_form_rows
from feedback.selectors import feature_list_offered, response_export_rows, response_page_for, survey_list_by_customer
from feedback.services.rounds import survey_round_open
from feedback.services.surveys import QuestionSpec, SurveySpec, survey_create, survey_publish_for
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_provisioned


def _require(request: HttpRequest, action: str) -> None:
    if not request.user.has_perm(f"feedback.{action}_survey"):
        raise PermissionDenied


def _customer(slug: str) -> PilotCustomer:
    return get_object_or_404(customer_list_provisioned(), slug=slug)


def survey_index(request: HttpRequest) -> HttpResponse:
    """Every customer's surveys, with publish / send-a-round-now / responses beside each."""
    _require(request, "view")
    listing = survey_list_by_customer()
    context = {
        **admin.site.each_context(request),
        "title": _("Surveys"),
        "customers": listing.rows,
        "as_of": listing.as_of,
        "can_change": request.user.has_perm("feedback.change_survey"),
        "can_add": request.user.has_perm("feedback.add_survey"),
    }
    return render(request, "feedback/backoffice/surveys.html", context)


@require_POST
def survey_send_round(request: HttpRequest, slug: str) -> HttpResponse:
    _require(request, "change")
    result = survey_round_open(customer=_customer(slug))
    count = result.invitations_created
    if not count:  # a second click the same week: "Round opened: 0 invitations sent." read like a failure
        messages.info(request, _("No invitation sent: every active contact already has this week's invitation."))
        return HttpResponseRedirect(reverse("feedback-surveys"))
    text = ngettext("Round opened: %(n)d invitation sent.", "Round opened: %(n)d invitations sent.", count)
    messages.success(request, text % {"n": count})
    return HttpResponseRedirect(reverse("feedback-surveys"))


@require_POST
def survey_publish_toggle(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    _require(request, "change")
    survey_publish_for(customer=_customer(slug), key=key, published=request.POST.get("published") == "1")
    return HttpResponseRedirect(reverse("feedback-surveys"))


def _spec(form: SurveyBuilderForm, questions: QuestionFormSet) -> SurveySpec:
    data = form.cleaned_data
    specs = tuple(
        QuestionSpec(**{name: q[name] for name in ("key", "kind", "text_en", "text_ar", "required", "options")})
        for q in questions.cleaned_data
        if q and not q.get("DELETE")
    )
    fields = {name: data[name] for name in ("key", "title_en", "title_ar", "intro_en", "intro_ar")}
    return SurveySpec(**fields, questions=specs)


def _preview(spec: SurveySpec, language: str, features: list[Feature]) -> str:
    """The survey page exactly as a customer's phone gets it, rendered from the unsaved definition."""
    survey = Survey(
        key=spec.key, title_en=spec.title_en, title_ar=spec.title_ar, intro_en=spec.intro_en, intro_ar=spec.intro_ar
    )
    questions = [
        Question(key=q.key, kind=q.kind, text_en=q.text_en, text_ar=q.text_ar, required=q.required, options=q.options)
        for q in spec.questions
    ]
    with translation.override(language):
        context = {
            "survey": survey,
            "rows": survey_form_rows(survey=survey, data={}, errors={}, questions=questions, features=features),
            "invitation": SimpleNamespace(expires_at=timezone.now() + dt.timedelta(days=7)),
            "language": language,
            "other_language": "en" if language == "ar" else "ar",
            "preview": True,
        }
        return render_to_string("feedback/survey/page.html", context)


def survey_builder(request: HttpRequest) -> HttpResponse:
    _require(request, "add")
    customers = [(c.slug, c.name) for c in customer_list_provisioned()]
    form = SurveyBuilderForm(request.POST or None, customers=customers)
    questions = QuestionFormSet(request.POST or None, prefix="q")
    previews: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        spec = _spec(form, questions)
        chosen = customer_list_provisioned().filter(slug__in=form.cleaned_data["customers"])
        if "preview" in request.POST:
            # In the first chosen customer's schema: the "features used" question lists its features.
            features = feature_list_offered(customer=chosen[0])
            previews = [(_("Arabic"), _preview(spec, "ar", features)), (_("English"), _preview(spec, "en", features))]
        else:
            try:
                created = survey_create(spec=spec, customers=chosen, publish=form.cleaned_data["publish"])
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Survey created for: %(customers)s.") % {"customers": ", ".join(created)})
                return HttpResponseRedirect(reverse("feedback-surveys"))
    context = {
        **admin.site.each_context(request),
        "title": _("New survey"),
        "form": form,
        "questions": questions,
        "previews": previews,
    }
    invalid = request.method == "POST" and not previews and (form.errors or questions.total_error_count())
    return render(request, "feedback/backoffice/survey_builder.html", context, status=400 if invalid else 200)


def _errors_to_form(form: SurveyBuilderForm, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def _response_filters(request: HttpRequest) -> tuple[PilotCustomer | None, str, dt.date | None]:
    slug = request.GET.get("customer", "")
    customer = customer_list_provisioned().filter(slug=slug).first() if slug else None
    try:
        week = dt.date.fromisoformat(request.GET.get("week", "")) if request.GET.get("week") else None
    except ValueError:
        week = None
    return customer, request.GET.get("survey", ""), week


def response_browser(request: HttpRequest) -> HttpResponse:
    """One response at a time, filtered by customer, survey and week; or the filtered set as a file."""
    _require(request, "view")
    customer, survey_key, week = _response_filters(request)
    customers = list(customer_list_provisioned())
    customer = customer or (customers[0] if customers else None)
    context = {**admin.site.each_context(request), "title": _("Survey responses"), "customers": customers}
    if customer is None:
        return render(request, "feedback/backoffice/responses.html", context)
    if request.GET.get("format") in ("csv", "xlsx"):
        return _export(customer, survey_key, week, request.GET["format"])
    found = response_page_for(
        customer=customer, survey_key=survey_key, week_start=week, page_number=request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        customer=customer,
        surveys=found.surveys,
        survey=found.survey,
        week=week,
        page=found.page,
        answers=found.answers,
        query=query.urlencode(),
    )
    return render(request, "feedback/backoffice/responses.html", context)


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _export(customer: PilotCustomer, survey_key: str, week: dt.date | None, kind: str) -> HttpResponse:
    header, rows = response_export_rows(customer=customer, survey_key=survey_key, week_start=week)
    body = (
        rows_csv(header=header, rows=rows) if kind == "csv" else rows_xlsx(header=header, rows=rows, title="responses")
    )
    response = HttpResponse(body, content_type=EXPORT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="responses-{customer.slug}.{kind}"'
    return response
