"""A permissions-only backend: each user's permissions read once, kept in the shared cache until they change."""

from functools import partial
from typing import Any
from uuid import uuid4

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete

from core.schemas import current_schema_name, schema_named

# Replaced by every change of who has which permission (a new random token, so a stamp lost with Redis's data never
# matches an old entry again); a kept set under another stamp is read again. The expiry bounds what a change the
# stamp missed can leave: Redis unreachable at the moment of a revocation, a change made around the signals.
STAMP_KEY = "permissions:stamp"
KEPT_SECONDS = 60


class OneQueryPermissionsBackend(ModelBackend):
    """Answers permission checks before Django's ModelBackend, from the same rows: the user's own and its groups'
    permissions in one UNION, kept in the shared cache (Redis) per schema and user until a change of grants,
    memberships or groups bumps the stamp. Every back-office page (its sidebar) and the portal's home (its Team
    link) ask on every request; for a program manager's 330 permissions the query was 2.4-3 ms of a page.
    It signs nobody in: ModelBackend still does, so sessions keep naming ModelBackend (a session naming a backend
    no longer listed would be signed out at the deploy). A superuser's "all" is Django's own."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        return None

    async def aauthenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        return None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        answerable = user_obj.is_active and not user_obj.is_anonymous and obj is None and not user_obj.is_superuser
        if answerable and not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = _permissions_kept(user_obj)
        return super().get_all_permissions(user_obj, obj)


def _user_key(user: Any) -> str:
    # Cache keys carry the schema (settings.CACHES' KEY_FUNCTION): users exist in every customer's schema with
    # their own ids. date_joined: a schema dropped and provisioned again numbers its users from 1 again.
    return f"permissions:{user.pk}:{user.date_joined.timestamp()}"


def _permissions_kept(user: Any) -> set[str]:
    """One round trip to the cache for the schema's stamp and the user's kept set; the database when they
    disagree. With the cache down, reads miss and writes are dropped (django-redis fails open): the database."""
    key = _user_key(user)
    kept = cache.get_many([STAMP_KEY, key])
    stamp = kept.get(STAMP_KEY)
    if key in kept and kept[key][0] == stamp:
        return set(kept[key][1])
    permissions = _permissions_read(user)
    cache.set(key, (stamp, frozenset(permissions)), KEPT_SECONDS)
    return permissions


def _permissions_read(user: Any) -> set[str]:
    # Unordered (Permission's default ordering sorted both halves) and UNION ALL: the set removes duplicates.
    columns = ("content_type__app_label", "codename")
    own = Permission.objects.filter(user=user).order_by().values_list(*columns)
    through_groups = Permission.objects.filter(group__user=user).order_by().values_list(*columns)
    return {f"{app_label}.{codename}" for app_label, codename in own.union(through_groups, all=True)}


def permissions_changed(action: str = "post_delete", **kwargs: Any) -> None:
    """At once, for the writer's own transaction, and again after the commit: a reader between the change and its
    commit keeps the old set under the first bump's stamp. In the schema of the change, wherever the commit runs."""
    if action.startswith("post_"):
        schema = current_schema_name()
        _stamp_bump(schema)
        transaction.on_commit(partial(_stamp_bump, schema), robust=True)


def _stamp_bump(schema: str) -> None:
    with schema_named(schema):
        permissions_forget()


def permissions_forget() -> None:
    """Every kept permission set of the current schema is read again (a new stamp): for a change the signals do
    not see, e.g. a schema restored from a backup with its own users and grants."""
    cache.set(STAMP_KEY, uuid4().hex, None)


def permission_signals_connect() -> None:
    """Grants (a user's, a group's), memberships, and users, groups or permissions deleted with their links."""
    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(permissions_changed, sender=through, dispatch_uid=f"permissions:{through.__name__}")
    for model in (user_model, Group, Permission):  # a user deleted, then one created with its id and date_joined
        post_delete.connect(permissions_changed, sender=model, dispatch_uid=f"permissions:{model.__name__}")
