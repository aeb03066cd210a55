"""Audit history that never attributes a change to a user of another schema.

Staff accounts live in the public schema and customer accounts in each customer's schema, and a
historical row's `history_user` is a foreign key into the auth table *of its own schema*. A staff
request that writes customer data (provisioning), or a customer request that writes public data
(reporting an incident), would otherwise record a user id from the wrong table.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from simple_history.models import HistoricalRecords

TENANT_ONLY_APP_LABELS = frozenset(
    app.rsplit(".", 1)[-1] for app in settings.TENANT_APPS if app not in settings.SHARED_APPS
)


def history_user_get(instance: models.Model, request: HttpRequest | None = None, **kwargs: Any) -> Any:
    """The request's user when it lives in the same schema as the history table, else None."""
    if request is None or not request.user.is_authenticated:
        return None
    request_is_public = getattr(request, "customer", None) is None
    model_is_public = instance._meta.app_label not in TENANT_ONLY_APP_LABELS
    return request.user if request_is_public == model_is_public else None


class TenantAwareHistory(HistoricalRecords):  # type: ignore[misc]  # simple_history ships no type hints
    """`HistoricalRecords` for every business model of this project (see module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("get_user", history_user_get)
        super().__init__(**kwargs)
