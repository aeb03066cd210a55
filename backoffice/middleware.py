from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from backoffice.language import staff_language


class StaffLanguageMiddleware:
    """On the back office a signed-in staff member's own choice wins over the browser's language.

    Runs after AuthenticationMiddleware; LocaleMiddleware (earlier) has already chosen from the
    browser, which still applies to the sign-in page and to customers on their portals.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if getattr(request, "customer", None) is None and user is not None and user.is_staff:
            language = staff_language(user)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
