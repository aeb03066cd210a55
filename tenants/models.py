from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from core.history import TenantAwareHistory
from core.names import BilingualNameMixin
from tenants.choices import Language, OnboardingStepCode, Region, Status, TechExperience


class PilotCustomer(BilingualNameMixin, models.Model):
    """A fish farm taking part in (or considered for) the pilot.

    Candidates have no schema; provisioning gives the customer a CustomerTenant (schema) and a
    Domain. Cross-customer data of the vendor (incidents, training, budget…) points here.
    """

    slug = models.SlugField(_("slug"), max_length=30, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120)
    city = models.CharField(_("city"), max_length=60)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    ponds = models.PositiveSmallIntegerField(_("ponds"))
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ARABIC
    )
    willing = models.BooleanField(_("willing to take part"), default=False)
    tech_experience = models.CharField(
        _("technical experience"), max_length=10, choices=TechExperience.choices, default=TechExperience.BASIC
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CANDIDATE)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("pilot customer")
        verbose_name_plural = _("pilot customers")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language."""
        return self.localized("name")


class CustomerStatusChange(models.Model):
    """Append-only record of a customer's lifecycle: which status, when, by whom."""

    customer = models.ForeignKey(PilotCustomer, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Status.choices)
    changed_at = models.DateTimeField(_("changed at"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["customer", "changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"


class CustomerTenant(TenantMixin):
    """The PostgreSQL schema of a provisioned customer (django-tenants' tenant model)."""

    customer = models.OneToOneField(PilotCustomer, on_delete=models.PROTECT, related_name="tenant")
    created_at = models.DateTimeField(auto_now_add=True)

    # Provisioning creates the schema itself, inside its own error handling. Deleting this row
    # never drops the schema: data is removed for good only by `customer_purge`, after a backup.
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        verbose_name = _("customer schema")
        verbose_name_plural = _("customer schemas")

    def __str__(self) -> str:
        return self.schema_name

    def delete(self, force_drop: bool = False, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        """Deletes the row only; `force_drop` is ignored so no caller can drop a schema by accident."""
        return super().delete(False, *args, **kwargs)


class Domain(DomainMixin):
    """A host name that serves one customer's portal."""

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return self.domain


class OnboardingStep(models.Model):
    """One item of a customer's onboarding checklist (plan 1.3); provisioning ticks them."""

    customer = models.ForeignKey(PilotCustomer, on_delete=models.CASCADE, related_name="onboarding_steps")
    code = models.CharField(_("step"), max_length=20, choices=OnboardingStepCode.choices)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["customer", "pk"]
        constraints = [models.UniqueConstraint(fields=["customer", "code"], name="onboarding_step_unique")]
        verbose_name = _("onboarding step")
        verbose_name_plural = _("onboarding steps")

    def __str__(self) -> str:
        return f"{self.customer.slug}: {self.get_code_display()}"


class CustomerBackup(models.Model):
    """One verified backup archive of a customer (`customer_backup`, the nightly task, `customer_purge`).

    The slug is kept beside the link so the record outlives a purged customer.
    """

    customer = models.ForeignKey(
        PilotCustomer, null=True, blank=True, on_delete=models.SET_NULL, related_name="backups"
    )
    slug = models.SlugField(_("slug"), max_length=30)
    path = models.CharField(_("archive"), max_length=500)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    duration_ms = models.PositiveIntegerField(_("time (ms)"))
    schema_rows = models.PositiveIntegerField(_("rows in the schema"))
    public_rows = models.PositiveIntegerField(_("rows in public"))
    files = models.PositiveIntegerField(_("files"))
    created_at = models.DateTimeField(_("made at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("customer backup")
        verbose_name_plural = _("customer backups")

    def __str__(self) -> str:
        return f"{self.slug} {self.created_at:%Y-%m-%d %H:%M}"
