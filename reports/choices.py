from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    FINAL = "final", _("Final pilot report")
    CUSTOMER = "customer", _("Customer report")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ReportLanguage(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class RequestChannel(models.TextChoices):
    """Where a report was asked for: customers' requests are rate-limited and answered by e-mail."""

    BACKOFFICE = "backoffice", _("Back office")
    PORTAL = "portal", _("Customer portal")
