from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from reports.models import Report, ReportNarrative


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    """Read-only history of reports; they are generated from the reports page (/admin/reports/)."""

    list_display = ["id", "kind", "customer", "language", "status", "progress", "requested_by", "created_at", "pdf"]
    list_filter = ["kind", "status", "language"]
    list_select_related = ["customer", "requested_by"]
    readonly_fields = [field.name for field in Report._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description=_("PDF"))
    def pdf(self, report: Report) -> str:
        if not report.is_done:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("reports-backoffice-download", args=[report.pk]), _("download")
        )


@admin.register(ReportNarrative)
class ReportNarrativeAdmin(SimpleHistoryAdmin):
    """Only its history is read here: the text is written on the reports page (/admin/reports/#narrative)."""

    readonly_fields = [field.name for field in ReportNarrative._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
