"""Models of the reports app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import TenantAwareHistory
from reports.choices import ReportKind, ReportLanguage, ReportStatus, RequestChannel
from reports.storage import report_storage


class Report(models.Model):
    """One requested PDF report: the final pilot report or one customer's report.

    The row is created queued; the Celery task claims it (queued → running) and ends it done with
    the file, or failed with a readable message and no file.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    customer = models.ForeignKey(
        "tenants.PilotCustomer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    language = models.CharField(_("language"), max_length=2, choices=ReportLanguage.choices)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress %"), default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), storage=report_storage, upload_to="reports/", blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("build time (ms)"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    draft = models.BooleanField(
        _("draft"), default=False, help_text=_("A draft may have unwritten sections; they print as 'to be completed'.")
    )
    channel = models.CharField(
        _("requested from"), max_length=10, choices=RequestChannel.choices, default=RequestChannel.BACKOFFICE
    )
    # A customer's user lives in its own schema, so the requester is kept as an address, not a foreign key.
    notify_email = models.EmailField(_("e-mail when ready"), blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["customer", "kind", "status"], name="report_customer_kind_status"),
            models.Index(fields=["customer", "channel", "created_at"], name="report_customer_channel_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=ReportKind.FINAL, customer__isnull=True)
                | models.Q(kind=ReportKind.CUSTOMER, customer__isnull=False),
                name="report_customer_matches_kind",
            )
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        subject = self.customer.slug if self.customer_id else self.get_kind_display()
        return f"#{self.pk} {subject} ({self.language})"

    @property
    def is_done(self) -> bool:
        return self.status == ReportStatus.DONE and bool(self.file)


class ReportNarrative(models.Model):
    """The written parts of the final report, in Arabic and English: one row, edited on the report page.

    This is the only place the text lives (it used to sit in the program record, out of sight of
    the report page). Saving it is saving a draft; the final report refuses to build while the
    required parts are empty in its language (reports.services.narrative_missing).
    """

    executive_summary_en = models.TextField(_("executive summary (English)"), blank=True)
    executive_summary_ar = models.TextField(_("executive summary (Arabic)"), blank=True)
    recommendations_en = models.TextField(_("recommendations for general release (English)"), blank=True)
    recommendations_ar = models.TextField(_("recommendations for general release (Arabic)"), blank=True)
    future_plan_en = models.TextField(_("future-improvement plan (English)"), blank=True)
    future_plan_ar = models.TextField(_("future-improvement plan (Arabic)"), blank=True)
    lessons_learned_en = models.TextField(_("lessons learned (English)"), blank=True)
    lessons_learned_ar = models.TextField(_("lessons learned (Arabic)"), blank=True)
    updated_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = TenantAwareHistory()

    class Meta:
        verbose_name = _("final report text")
        verbose_name_plural = _("final report text")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def text(self, part: str, language: str) -> str:
        """One part (e.g. "recommendations") in one language; empty when not written."""
        return str(getattr(self, f"{part}_{language}")).strip()
