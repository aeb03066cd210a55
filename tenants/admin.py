from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from tenants.choices import Status
from tenants.models import CustomerBackup, CustomerStatusChange, CustomerTenant, Domain, OnboardingStep, PilotCustomer
from tenants.services.customers import customer_eligibility, customer_status_change, selection_diversity
from tenants.services.provisioning import customer_provision


class NoDeleteMixin:
    """No role, superusers included, deletes a customer, its schema row or its domain here:
    retiring a customer is a lifecycle step and purging its data is `manage.py customer_purge`."""

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class StatusChangeInline(admin.TabularInline):
    model = CustomerStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_at", "changed_by", "note"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class OnboardingStepInline(admin.TabularInline):
    model = OnboardingStep
    extra = 0
    can_delete = False
    readonly_fields = ["code", "done_at", "detail"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PilotCustomer)
class PilotCustomerAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = [
        "code",
        "english_name",
        "name_ar",
        "city_name",
        "region",
        "ponds",
        "status",
        "eligibility",
        "portal",
        "last_backup",
        "pages",
    ]
    list_filter = ["status", "region"]
    search_fields = ["slug", "name_en", "name_ar", "city"]
    readonly_fields = ["status", "status_changed_at", "created_at", "eligibility_detail"]
    inlines = [OnboardingStepInline, StatusChangeInline]
    actions = ["select_customers", "provision_customers", "mark_live", "withdraw_customers"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PilotCustomer]:
        return (
            super()
            .get_queryset(request)
            .select_related("tenant")
            .prefetch_related("tenant__domains")
            .annotate(last_backup_at=Max("backups__created_at"))
        )

    @admin.display(description=_("last backup"), ordering="last_backup_at")
    def last_backup(self, obj: PilotCustomer) -> object:
        return obj.last_backup_at or "—"

    @admin.display(description=_("eligible"), boolean=True)
    def eligibility(self, obj: PilotCustomer) -> bool:
        return customer_eligibility(obj).ok

    @admin.display(description=_("eligibility verdict"))
    def eligibility_detail(self, obj: PilotCustomer) -> str:
        if obj.pk is None:  # the add page's blank candidate has nothing to judge yet (and None ponds)
            return "—"
        return "; ".join(customer_eligibility(obj).reasons)

    # Codes and names typed in English are marked so (screen readers, and the Arabic page check).
    @admin.display(description=_("slug"), ordering="slug")
    def code(self, obj: PilotCustomer) -> str:
        return format_html('<span translate="no" dir="ltr">{}</span>', obj.slug)

    @admin.display(description=_("name (English)"), ordering="name_en")
    def english_name(self, obj: PilotCustomer) -> str:
        return format_html('<span lang="en" dir="ltr">{}</span>', obj.name_en)

    @admin.display(description=_("city"), ordering="city")
    def city_name(self, obj: PilotCustomer) -> str:
        return format_html('<span translate="no">{}</span>', obj.city)

    @admin.display(description=_("portal"))
    def portal(self, obj: PilotCustomer) -> str:
        tenant = getattr(obj, "tenant", None)
        domains = list(tenant.domains.all()) if tenant else []
        return format_html('<span translate="no" dir="ltr">{}</span>', domains[0].domain) if domains else "—"

    @admin.display(description=_("pages"))
    def pages(self, obj: PilotCustomer) -> str:
        """The customer's own pages in the back office (checklists, SLOs, feedback) once it has a schema."""
        if getattr(obj, "tenant", None) is None:
            return "—"
        links = [
            (reverse("pilot-customer-checklists", args=[obj.slug]), _("Checklists")),
            (reverse("monitoring-customer", args=[obj.slug]), _("SLOs")),
            (reverse("feedback-customer", args=[obj.slug]), _("Feedback")),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        verdict = selection_diversity()
        extra_context = {**(extra_context or {}), "title": _("Pilot customers")}
        level = messages.INFO if verdict.ok else messages.WARNING
        self.message_user(request, _("Geographic diversity: %s") % verdict.reasons[0], level)
        return super().changelist_view(request, extra_context)

    def _apply(self, request: HttpRequest, queryset: QuerySet, change: callable) -> None:
        for customer in queryset:
            try:
                change(customer)
            except ValidationError as error:
                self.message_user(request, f"{customer.slug}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("%s: done") % customer.slug, messages.SUCCESS)

    @admin.action(description=_("Select for the pilot"), permissions=["change"])
    def select_customers(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(
            request, queryset, lambda c: customer_status_change(customer=c, to_status=Status.SELECTED, by=request.user)
        )

    @admin.action(description=_("Provision (schema, domain, customer admin)"), permissions=["change"])
    def provision_customers(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(request, queryset, lambda c: customer_provision(customer=c, by=request.user))

    @admin.action(description=_("Mark live"), permissions=["change"])
    def mark_live(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(
            request, queryset, lambda c: customer_status_change(customer=c, to_status=Status.LIVE, by=request.user)
        )

    @admin.action(description=_("Withdraw from the pilot"), permissions=["change"])
    def withdraw_customers(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(
            request, queryset, lambda c: customer_status_change(customer=c, to_status=Status.WITHDRAWN, by=request.user)
        )


@admin.register(CustomerTenant)
class CustomerTenantAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["schema_name", "customer", "created_at"]
    readonly_fields = ["schema_name", "customer", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # schemas are created by provisioning only


@admin.register(Domain)
class DomainAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["domain", "tenant", "is_primary"]


@admin.register(CustomerBackup)
class CustomerBackupAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Read-only: backups are written by `customer_backup` and the nightly task, restored by `customer_restore`."""

    list_display = ["slug", "created_at", "path", "size", "duration_ms", "schema_rows", "public_rows", "files"]
    list_filter = ["slug"]
    search_fields = ["slug", "path"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
