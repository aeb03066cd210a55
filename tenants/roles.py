"""Roles: staff groups of the back office and customer groups of each customer schema, as Django groups
with model permissions; and the README's role table, generated from the same data.

Staff roles are granted per app label, so a model added to an app later is covered on the next sync
(`manage.py sync_roles`, run by `make run`, `seed_demo` and the test set-up); a `app.model` key narrows
one model (its history table included) below its app's grant. Customer roles live in each customer's
schema and are synced there at provisioning and by `sync_roles`.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

PROGRAM_MANAGER = "Program manager"
SUPPORT_STAFF = "Support staff"
CUSTOMER_ADMIN = "Customer admin"
CUSTOMER_MEMBER = "Customer member"
SURVEY_RESPONDENT = "Survey respondent (link, no login)"

ALL_ACTIONS = ("add", "change", "delete", "view")
# app label (or app.model) -> actions each role may take on every model of that app (or that model).
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
        # Support runs incidents; the targets they are measured against are the program manager's.
        "incidents.severitypolicy": ("view",),
        "incidents.holiday": ("view",),
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

# In each customer's schema: the customer admin manages the customer's users and survey contacts.
CUSTOMER_ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    CUSTOMER_ADMIN: {"auth.user": ALL_ACTIONS, "feedback.contact": ALL_ACTIONS},
    CUSTOMER_MEMBER: {},
}
# What the customer side may do beyond model permissions (pages and APIs of the customer domain).
CUSTOMER_CAPABILITIES: dict[str, tuple[str, ...]] = {
    "portal: dashboard, incidents, training and materials, SLOs, own reports": (CUSTOMER_ADMIN, CUSTOMER_MEMBER),
    "report a problem, raise feedback, vote (one vote per person)": (CUSTOMER_ADMIN, CUSTOMER_MEMBER),
    "team page: add and deactivate member accounts; survey contacts": (CUSTOMER_ADMIN,),
    "weekly survey by its e-mailed link": (CUSTOMER_ADMIN, CUSTOMER_MEMBER, SURVEY_RESPONDENT),
}
PERSONAS = (PROGRAM_MANAGER, SUPPORT_STAFF, CUSTOMER_ADMIN, CUSTOMER_MEMBER, SURVEY_RESPONDENT)


def _codenames(actions: tuple[str, ...]) -> Q:
    query = Q(pk__in=[])
    for action in actions:
        query |= Q(codename__startswith=f"{action}_")
    return query


def _model_query(key: str) -> Q:
    app_label, model = key.split(".")
    return Q(content_type__app_label=app_label, content_type__model__in=[model, f"historical{model}"])


def _permissions_for(grants: dict[str, tuple[str, ...]]) -> list[Permission]:
    query = Q(pk__in=[])
    narrowed = [key for key in grants if "." in key]
    for key, actions in grants.items():
        if "." in key:
            query |= _model_query(key) & _codenames(actions)
            continue
        scope = Q(content_type__app_label=key)
        for model_key in narrowed:
            if model_key.startswith(f"{key}."):
                scope &= ~_model_query(model_key)
        query |= scope & _codenames(actions)
    return list(Permission.objects.filter(query).exclude(codename__in=NEVER_GRANTED))


def _groups_sync(roles: dict[str, dict[str, tuple[str, ...]]]) -> dict[str, int]:
    counts = {}
    for name, grants in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = _permissions_for(grants)
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts


def staff_roles_sync() -> dict[str, int]:
    """Create or update the staff groups; returns the number of permissions of each."""
    return _groups_sync(ROLE_PERMISSIONS)


def customer_roles_sync() -> dict[str, int]:
    """Create or update the customer groups in the current (customer) schema."""
    return _groups_sync(CUSTOMER_ROLE_PERMISSIONS)


def _actions_label(actions: tuple[str, ...]) -> str:
    if set(actions) == set(ALL_ACTIONS):
        return "all"
    return ", ".join(action for action in ALL_ACTIONS[::-1] if action in actions) or "—"


def _grant(grants: dict[str, tuple[str, ...]], key: str) -> tuple[str, ...]:
    """The actions on `key`; a model without its own entry has its app's."""
    return grants.get(key, grants.get(key.split(".")[0], ()))


def roles_table_markdown() -> str:
    """The README's role table (tests/tenants/test_roles.py fails when the README differs)."""
    lines = [f"| area | {' | '.join(PERSONAS)} |", "|---" * (len(PERSONAS) + 1) + "|"]
    staff_keys = list(dict.fromkeys(key for grants in ROLE_PERMISSIONS.values() for key in grants))
    for key in staff_keys:
        cells = [_actions_label(_grant(ROLE_PERMISSIONS.get(p, {}), key)) for p in PERSONAS]
        lines.append(f"| back office `{key}` | {' | '.join(cells)} |")
    customer_keys = list(dict.fromkeys(key for grants in CUSTOMER_ROLE_PERMISSIONS.values() for key in grants))
    for key in customer_keys:
        cells = [_actions_label(_grant(CUSTOMER_ROLE_PERMISSIONS.get(p, {}), key)) for p in PERSONAS]
        lines.append(f"| customer schema `{key}` | {' | '.join(cells)} |")
    for capability, personas in CUSTOMER_CAPABILITIES.items():
        cells = ["yes" if p in personas else "—" for p in PERSONAS]
        lines.append(f"| {capability} | {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"
