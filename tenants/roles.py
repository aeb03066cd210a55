"""Staff roles of the back office, as Django groups with model permissions per app.

Roles are granted per app label, so a model added to an app later is covered on the next sync
(`manage.py sync_roles`, run by `make run`, `seed_demo` and the test set-up).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

PROGRAM_MANAGER = "Program manager"
SUPPORT_STAFF = "Support staff"

ALL_ACTIONS = ("add", "change", "delete", "view")
# app label -> actions each role may take on every model of that app.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    PROGRAM_MANAGER: {
        "tenants": ALL_ACTIONS,
        "pilot": ALL_ACTIONS,
        "incidents": ALL_ACTIONS,
        "monitoring": ALL_ACTIONS,
        "reports": ALL_ACTIONS,
        "feedback": ALL_ACTIONS,
        "django_celery_beat": ("view",),
        # Outgoing messages and heartbeats: see them, retry failed messages (change); never add or delete.
        "ops": ("view", "change"),
    },
    SUPPORT_STAFF: {
        "tenants": ("view",),
        "pilot": ("view",),
        "incidents": ALL_ACTIONS,
        "monitoring": ("view",),
        "reports": ("view", "add"),
        "feedback": ("view",),
        "ops": ("view", "change"),
        "django_celery_beat": ("view",),
    },
}
# A customer's data is removed for good only by `manage.py customer_purge` (after a verified
# backup), never by a role: these permissions are granted to nobody.
NEVER_GRANTED = frozenset({"delete_pilotcustomer", "delete_customertenant", "delete_domain", "delete_customerbackup"})


def _permissions_for(grants: dict[str, tuple[str, ...]]) -> list[Permission]:
    query = Q()
    for app_label, actions in grants.items():
        codename_query = Q()
        for action in actions:
            codename_query |= Q(codename__startswith=f"{action}_")
        query |= Q(content_type__app_label=app_label) & codename_query
    return list(Permission.objects.filter(query).exclude(codename__in=NEVER_GRANTED))


def staff_roles_sync() -> dict[str, int]:
    """Create or update the staff groups; returns the number of permissions of each."""
    counts = {}
    for name, grants in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = _permissions_for(grants)
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts
