"""A permissions-only backend: each user's permissions read in one statement."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class OneQueryPermissionsBackend(ModelBackend):
    """Answers permission checks before Django's ModelBackend, from the same rows, with the user's own and its
    groups' permissions read in one UNION instead of two queries: every back-office page (its sidebar) and the
    portal's home (its Team link) ask on every request. It signs nobody in: ModelBackend still does, so sessions
    keep naming ModelBackend (a session naming a backend no longer listed would be signed out at the deploy).
    A superuser's "all" is Django's own."""

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
            user_obj._perm_cache = _permissions_of(user_obj)
        return super().get_all_permissions(user_obj, obj)


def _permissions_of(user: Any) -> set[str]:
    # Unordered (Permission's default ordering sorted both halves) and UNION ALL: the set removes duplicates.
    columns = ("content_type__app_label", "codename")
    own = Permission.objects.filter(user=user).order_by().values_list(*columns)
    through_groups = Permission.objects.filter(group__user=user).order_by().values_list(*columns)
    return {f"{app_label}.{codename}" for app_label, codename in own.union(through_groups, all=True)}
