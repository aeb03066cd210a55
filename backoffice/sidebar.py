"""The back office's sidebar (program pages with their attention counts, then the app list) and the home page's
app list, rendered once per process for each combination of what they depend on, then reused.

Rendered for every back-office page it was a sixth of the incident queue's work and half of the budget page's
(about 25,000 Python calls: a permission check and a URL reversal per program page, three `urlencode`s and a
translation per model). Its HTML depends only on what a user may do and the language (the app list's key,
backoffice.site), on which links match the page's path (the "current" marks), and on the attention counts
(themselves cached for a minute, backoffice.navigation) — all of them in the key, so nothing goes stale.
"""

from collections import OrderedDict
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest
from django.template import Context
from django.utils.safestring import SafeString

from backoffice.navigation import attention_counts
from backoffice.site import what_a_user_sees_key

MEMO_SIZE = 512  # (permissions, language, page place, counts) combinations kept per process
BODY_TEMPLATE = "backoffice/_nav_sidebar.html"
APP_LIST_TEMPLATE = "backoffice/_home_app_list.html"
_RENDERED: OrderedDict[tuple[Any, ...], SafeString] = OrderedDict()


def _app_list_urls(apps: list[dict[str, Any]]) -> Iterator[str]:
    for app in apps:
        yield app.get("app_url") or ""
        for model in app.get("models", []):
            yield model.get("admin_url") or ""


def _current_urls(request: HttpRequest, apps: list[dict[str, Any]]) -> tuple[str, ...]:
    """The app and model links the template marks as current: those inside the page's path, urlencoded as
    the template's `request.path|urlencode` does."""
    path = quote(request.path, safe="/")
    return tuple(url for url in _app_list_urls(apps) if url and url in path)


def _counts_key() -> tuple[Any, ...]:
    return tuple((name, tuple(rows)) for name, rows in sorted(attention_counts().items()))


def _rendered(context: Context, template_name: str, key: tuple[Any, ...]) -> SafeString:
    """`template_name` rendered with the page's context, from the process's memo when `key` was seen."""
    html = _RENDERED.get(key)
    if html is None:
        html = context.template.engine.get_template(template_name).render(context)
        _RENDERED[key] = html
        while len(_RENDERED) > MEMO_SIZE:
            _RENDERED.popitem(last=False)
    return html


def nav_sidebar_html(context: Context) -> SafeString:
    """The sidebar for this page."""
    request: HttpRequest = context["request"]
    apps = context.get("available_apps") or []
    key = (BODY_TEMPLATE, *what_a_user_sees_key(request), _current_urls(request, apps), _counts_key())
    return _rendered(context, BODY_TEMPLATE, key)


def home_app_list_html(context: Context) -> SafeString:
    """The home page's list of apps and models with their add and change links (or one app's, on its index
    page): about forty models' links, the same for everyone with the same permissions."""
    request: HttpRequest = context["request"]
    apps = context.get("app_list") or []
    key = (APP_LIST_TEMPLATE, context.get("app_label"), *what_a_user_sees_key(request), _current_urls(request, apps))
    return _rendered(context, APP_LIST_TEMPLATE, key)
