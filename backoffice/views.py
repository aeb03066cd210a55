from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from backoffice.language import staff_language_set


@require_POST
def language_switch(request: HttpRequest) -> HttpResponseRedirect:
    """Remember the staff member's language and go back to the page they were on."""
    try:
        staff_language_set(user=request.user, language=request.POST.get("language", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return HttpResponseRedirect(back if safe else reverse("admin:index"))
