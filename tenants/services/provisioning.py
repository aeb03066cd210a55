"""Provisioning a selected customer: schema, domain, customer admin and the onboarding checklist.

One service for the admin action, the API and `manage.py create_pilot_customer`. It is atomic
(PostgreSQL DDL is transactional) and, should anything escape the transaction, drops the schema
it created: a failure half-way leaves no schema, domain, tenant row or user behind.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tenants.utils import get_creation_fakes_migrations, schema_exists

from core.schemas import customer_schema, schema_public_set
from farms.services import chart_of_accounts_create, farm_initial_create, tax_profile_create
from ops.services import outbox_email_queue
from tenants.choices import OnboardingStepCode, Status
from tenants.constants import PROVISIONED_STATUSES
from tenants.models import CustomerTenant, Domain, OnboardingStep, PilotCustomer
from tenants.roles import CUSTOMER_ADMIN, CUSTOMER_MEMBER, customer_roles_sync
from tenants.services.customers import (
    CandidateInput,
    candidate_errors,
    customer_candidate_create,
    customer_status_change,
)
from tenants.services.schema_template import schema_create_from_template

CUSTOMER_ADMIN_GROUP = CUSTOMER_ADMIN
CUSTOMER_MEMBER_GROUP = CUSTOMER_MEMBER


@dataclass(frozen=True)
class ProvisionResult:
    customer: PilotCustomer
    domain: str
    admin_username: str
    set_password_url: str
    created: bool


def schema_name_for(slug: str) -> str:
    return slug.replace("-", "_")


def domain_for(slug: str) -> str:
    return f"{slug}.{settings.BASE_DOMAIN}"


def portal_url(domain: str, path: str = "/") -> str:
    port = f":{settings.PORTAL_PORT}" if settings.PORTAL_PORT else ""
    return f"{settings.PORTAL_SCHEME}://{domain}{port}{path}"


def customer_provision(*, customer: PilotCustomer, admin_email: str = "", by: User | None = None) -> ProvisionResult:
    """Give a selected customer its schema, domain and admin; re-running on a provisioned one is a no-op.

    Serialized per customer by a row lock on the customer: a second request waits for the first
    and then finds the customer provisioned (the same answer, `created=False`). A failure rolls
    back everything of this attempt (DDL included) and drops only a schema this attempt created.
    """
    attempt = _Attempt()
    try:
        with transaction.atomic():
            locked = PilotCustomer.objects.select_for_update().get(pk=customer.pk)
            if locked.status in PROVISIONED_STATUSES and CustomerTenant.objects.filter(customer=locked).exists():
                return _existing_result(locked, admin_email or locked.contact_email)
            admin_email = admin_email or locked.contact_email
            _check_provisionable(locked, admin_email)
            result = _provision(locked, schema_name_for(locked.slug), admin_email, by, attempt)
    except BaseException:
        if attempt.created_schema:
            _drop_schema_if_left(attempt.created_schema)
        raise
    customer.refresh_from_db()
    return result


@dataclass
class _Attempt:
    """What one provisioning attempt created itself (its clean-up touches nothing else)."""

    created_schema: str = ""


def _check_provisionable(customer: PilotCustomer, admin_email: str) -> None:
    errors: dict[str, list[str]] = {}
    if customer.status != Status.SELECTED:
        errors["status"] = [
            _("Only a selected customer can be provisioned; %(name)s is %(status)s.")
            % {"name": customer.name_en, "status": Status(customer.status).label}
        ]
    if not admin_email:
        errors["admin_email"] = [_("Give the e-mail address of the customer's administrator.")]
    if schema_exists(schema_name_for(customer.slug)):
        errors["slug"] = [
            _("A schema named '%(schema)s' already exists; choose another slug.")
            % {"schema": schema_name_for(customer.slug)}
        ]
    if Domain.objects.filter(domain=domain_for(customer.slug)).exists():
        errors["slug"] = [_("The domain %(domain)s is already taken.") % {"domain": domain_for(customer.slug)}]
    if errors:
        raise ValidationError(errors)


def _provision(
    customer: PilotCustomer, schema_name: str, admin_email: str, by: User | None, attempt: _Attempt
) -> ProvisionResult:
    tenant = CustomerTenant.objects.create(customer=customer, schema_name=schema_name)
    _schema_create(tenant)
    attempt.created_schema = schema_name
    _step_done(customer, OnboardingStepCode.TENANT_CREATED, _("schema %(schema)s") % {"schema": schema_name})
    domain = Domain.objects.create(domain=domain_for(customer.slug), tenant=tenant, is_primary=True)
    with customer_schema(customer):
        admin_user = _customer_admin_create(admin_email, customer.contact_name)
        farm_initial_create(
            name_en=customer.name_en, name_ar=customer.name_ar, city=customer.city, ponds=customer.ponds
        )
        _step_done(
            customer,
            OnboardingStepCode.INITIAL_DATA,
            _("1 farm, %(ponds)s ponds, admin %(email)s") % {"ponds": customer.ponds, "email": admin_email},
        )
        accounts = chart_of_accounts_create()
        _step_done(customer, OnboardingStepCode.CHART_OF_ACCOUNTS, _("%(count)s accounts") % {"count": accounts})
        profile = tax_profile_create(region=customer.region)
        _step_done(customer, OnboardingStepCode.TAX_PROFILE, str(profile))
        set_password_url = _set_password_url(domain.domain, admin_user)
        _welcome_email_queue(customer, domain.domain, admin_user, set_password_url)
    customer_status_change(customer=customer, to_status=Status.PROVISIONED, by=by, note=_("provisioned"))
    return ProvisionResult(
        customer=customer,
        domain=domain.domain,
        admin_username=admin_user.get_username(),
        set_password_url=set_password_url,
        created=True,
    )


def _schema_create(tenant: CustomerTenant) -> None:
    """From the base schema's script when migrations are faked (the default); else every migration runs."""
    if get_creation_fakes_migrations() and schema_exists(settings.TENANT_BASE_SCHEMA):
        schema_create_from_template(schema_name=tenant.schema_name)
    else:
        tenant.create_schema(check_if_exists=False, verbosity=0)


def _customer_admin_create(email: str, full_name: str) -> User:
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        username=email.lower(), defaults={"email": email.lower(), "first_name": full_name[:150]}
    )
    if _created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    customer_roles_sync()
    user.groups.add(Group.objects.get(name=CUSTOMER_ADMIN_GROUP))
    return user


def _set_password_url(domain: str, user: User) -> str:
    """A one-time link (Django's password-reset token) on the customer's own domain."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return portal_url(
        domain, reverse("password_reset_confirm", urlconf=settings.ROOT_URLCONF, kwargs={"uidb64": uid, "token": token})
    )


def _welcome_email_queue(customer: PilotCustomer, domain: str, user: User, set_password_url: str) -> None:
    """The customer admin's set-password link, in the customer's language, through the outbox."""
    context = {
        "customer": customer,
        "set_password_url": set_password_url,
        "portal_url": portal_url(domain),
        "username": user.get_username(),
    }
    with translation.override(customer.preferred_language):
        subject = render_to_string("tenants/email/welcome_subject.txt", context).strip()
        body = render_to_string("tenants/email/welcome.txt", context)
    outbox_email_queue(
        kind="accounts.set_password",
        to=user.email,
        subject=subject,
        body=body,
        language=customer.preferred_language,
        topic=f"customer:{customer.slug}",
        secret=True,
    )


def _step_done(customer: PilotCustomer, code: str, detail: str) -> None:
    OnboardingStep.objects.update_or_create(
        customer=customer, code=code, defaults={"done_at": timezone.now(), "detail": detail[:255]}
    )


def _drop_schema_if_left(schema_name: str) -> None:
    schema_public_set()
    if not connection.in_atomic_block and schema_exists(schema_name):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA "{schema_name}" CASCADE')


def _existing_result(customer: PilotCustomer, admin_email: str) -> ProvisionResult:
    tenant = customer.tenant
    domain = tenant.get_primary_domain()
    with customer_schema(customer):
        user = get_user_model().objects.filter(groups__name=CUSTOMER_ADMIN_GROUP).order_by("pk").first()
        url = _set_password_url(domain.domain, user) if user and not user.has_usable_password() else ""
        username = user.get_username() if user else ""
    return ProvisionResult(
        customer=customer, domain=domain.domain, admin_username=username, set_password_url=url, created=False
    )


def customer_onboard(*, data: CandidateInput, admin_email: str = "", by: User | None = None) -> ProvisionResult:
    """Candidate → selected → provisioned in one transaction (`create_pilot_customer`, the API).

    Re-running with the slug of a customer that is already provisioned returns it unchanged.
    """
    with transaction.atomic():
        # Two onboardings of one slug at once: the second waits here, then finds the first's customer.
        _slug_lock(data.slug)
        existing = PilotCustomer.objects.filter(slug=data.slug).first()
        if existing is not None and existing.status in PROVISIONED_STATUSES and _same_farm(existing, data):
            return customer_provision(customer=existing, admin_email=admin_email, by=by)
        if existing is not None:
            errors = candidate_errors(data)
            errors["slug"] = [
                _("The slug '%(slug)s' is already used by %(name)s (%(status)s).")
                % {"slug": data.slug, "name": existing.name_en, "status": Status(existing.status).label}
            ]
            raise ValidationError(errors)
        customer = customer_candidate_create(data=data, by=by)
        customer = customer_status_change(customer=customer, to_status=Status.SELECTED, by=by)
        return customer_provision(customer=customer, admin_email=admin_email or data.contact_email, by=by)


def _slug_lock(slug: str) -> None:
    """A transaction-level advisory lock on the slug (there is no row to lock yet)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"provision:{slug}"])


def _same_farm(customer: PilotCustomer, data: CandidateInput) -> bool:
    """A re-run names the same farm; anything else reusing the slug is a clash."""
    return (customer.name_en, customer.city.lower(), customer.ponds) == (
        data.name_en.strip(),
        data.city.strip().lower(),
        data.ponds,
    )
