"""The admin site of the back office: Django's, with the app list remembered per set of permissions.

Every back-office page builds the sidebar's list of apps and models (and the home page builds it twice): for
each registered model a permission check and a URL reversal, about a quarter of a plain page's time. The
list depends only on what the user may do, the language and the URL configuration — and the registered
models, fixed for a process's life — so it is computed once per such combination and process. A change of
someone's permissions changes the key: nothing goes stale.
"""

from collections import OrderedDict
from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import get_language

MEMO_SIZE = 256  # distinct (permissions, language) combinations kept per process


def what_a_user_sees_key(request: HttpRequest) -> tuple[Any, ...]:
    """Everything the back office's navigation depends on besides the page: language, URL configuration and
    what the user may do."""
    user = request.user
    return (
        get_language(),
        getattr(request, "urlconf", None),
        request.META.get("SCRIPT_NAME", ""),
        user.is_active,
        user.is_staff,
        user.is_superuser,
        frozenset(user.get_all_permissions()),
    )


class BackOfficeSite(AdminSite):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._app_lists: OrderedDict[tuple[Any, ...], list[dict[str, Any]]] = OrderedDict()

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict[str, Any]]:
        key = (app_label, *what_a_user_sees_key(request))
        found = self._app_lists.get(key)
        if found is None:
            found = super().get_app_list(request, app_label)
            self._app_lists[key] = found
            while len(self._app_lists) > MEMO_SIZE:
                self._app_lists.popitem(last=False)
        return found


class BackOfficeAdminConfig(AdminConfig):
    """django.contrib.admin with this site as `admin.site` (INSTALLED_APPS names this instead of the admin).
    Kept out of backoffice/apps.py, where a second AppConfig would make Django's choice of the app's ambiguous."""

    default_site = "backoffice.site.BackOfficeSite"
