"""The survey page reached from the e-mailed link: no login, the contact's language, one response."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache

from feedback.choices import Language
from feedback.models import Invitation
from feedback.presentation import survey_form_rows
from feedback.selectors import invitation_get_by_token, invitation_is_open, response_answers
from feedback.services.responses import invitation_open_mark, survey_response_submit
from feedback.throttle import guess_failed, guesses_exceeded


def _language(request: HttpRequest, invitation: Invitation | None) -> str:
    asked = request.GET.get("lang", "")
    if asked in Language.values:
        return asked
    return invitation.contact.language if invitation else translation.get_language()


def _not_valid(request: HttpRequest, status: int) -> HttpResponse:
    """The same plain page for an unknown, other-customer, expired or throttled link: it reveals nothing."""
    with translation.override(_language(request, None)):
        return render(request, "feedback/survey/not_valid.html", status=status)


def _lookup(request: HttpRequest, token: str) -> Invitation | HttpResponse:
    """A real link always opens, however many wrong ones came from the same address (an office behind
    one NAT address): only unknown links count and get 429 past the limit. Links carry 256 random bits,
    so telling a real one from a wrong one helps no guesser."""
    invitation = invitation_get_by_token(token=token)
    if invitation is None:
        if guesses_exceeded(request):
            return _not_valid(request, 429)
        guess_failed(request)
        return _not_valid(request, 404)
    if not invitation_is_open(invitation=invitation):
        return _not_valid(request, 410)
    return invitation


@never_cache
def survey_page(request: HttpRequest, token: str) -> HttpResponse:
    found = _lookup(request, token)
    if isinstance(found, HttpResponse):
        return found
    invitation, language = found, _language(request, found)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
        with translation.override(language):
            try:
                survey_response_submit(invitation=invitation, data=data, language=language)
                return HttpResponseRedirect(f"{request.path}done/?lang={language}")
            except ValidationError as error:
                errors = error.message_dict
    else:
        invitation_open_mark(invitation=invitation)
        data = response_answers(invitation=invitation)
    return _render_form(request, invitation, language, data, errors)


def _render_form(request: HttpRequest, invitation: Invitation, language: str, data: dict, errors: dict) -> HttpResponse:
    with translation.override(language):
        context = {
            "invitation": invitation,
            "survey": invitation.round.survey,
            "rows": survey_form_rows(survey=invitation.round.survey, data=data, errors=errors),
            "errors": errors,
            "general_errors": errors.get("__all__", []),
            "answered": hasattr(invitation, "response"),
            "language": language,
            "other_language": "en" if language == "ar" else "ar",
        }
        return render(request, "feedback/survey/page.html", context, status=400 if errors else 200)


@never_cache
def survey_done(request: HttpRequest, token: str) -> HttpResponse:
    found = _lookup(request, token)
    if isinstance(found, HttpResponse):
        return found
    language = _language(request, found)
    with translation.override(language):
        context = {"invitation": found, "language": language, "other_language": "en" if language == "ar" else "ar"}
        return render(request, "feedback/survey/done.html", context)
