from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from backoffice.language import staff_language_chosen

BACKOFFICE_PREFIX = "/admin/"


class StaffLanguageMiddleware:
    """On back-office pages a signed-in staff member's own choice wins over the browser's language.

    Runs after AuthenticationMiddleware; LocaleMiddleware (earlier) has already chosen from the
    browser, which still applies to the sign-in page, to staff who never chose, and to customers.
    One indexed query per page; nothing is written to the session (a session saved under a test's
    frozen clock would expire, and the profile is the one source of truth).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        # Back-office pages only: the API answers in the caller's Accept-Language, query-free.
        on_pages = request.path.startswith(BACKOFFICE_PREFIX)
        if on_pages and getattr(request, "customer", None) is None and user is not None and user.is_staff:
            language = staff_language_chosen(user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
