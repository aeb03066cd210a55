from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.IntegerChoices):
    """The plan's three severities ("خطة الطوارئ" → Incident Response)."""

    CRITICAL = 1, _("Severity 1 (critical)")
    HIGH = 2, _("Severity 2 (high)")
    MEDIUM = 3, _("Severity 3 (medium)")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    MITIGATED = "mitigated", _("Mitigated")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class Category(models.TextChoices):
    """The plan's examples of each severity; each suggests a severity (constants.CATEGORY_SEVERITY)."""

    SYSTEM_DOWN = "system_down", _("System down")
    DATA_LOSS = "data_loss", _("Data loss")
    SECURITY_BREACH = "security_breach", _("Security breach")
    PERFORMANCE_DEGRADATION = "performance_degradation", _("Performance degradation")
    FEATURE_MALFUNCTION = "feature_malfunction", _("Feature malfunction")
    MINOR_BUG = "minor_bug", _("Minor bug")
    UI_ISSUE = "ui_issue", _("UI issue")


class Source(models.TextChoices):
    STAFF = "staff", _("Support staff")
    CUSTOMER = "customer", _("Customer portal")
    MONITORING = "monitoring", _("Monitoring alert")


class Calendar(models.TextChoices):
    ALWAYS = "24x7", _("24/7")
    BUSINESS_HOURS = "business", _("Business hours (Sunday–Thursday, Asia/Riyadh, without public holidays)")


class Clock(models.TextChoices):
    RESPONSE = "response", _("Response")
    RESOLUTION = "resolution", _("Resolution")


class EventKind(models.TextChoices):
    CREATED = "created", _("Incident opened")
    STATUS = "status", _("Status changed")
    SEVERITY = "severity", _("Severity changed")
    ASSIGNED = "assigned", _("Assignee changed")
    NOTE = "note", _("Internal note")
    PUBLIC_UPDATE = "public_update", _("Update to customers")
    WARNING = "warning", _("Deadline approaching")
    BREACH = "breach", _("Deadline breached")
    ESCALATION = "escalation", _("Escalated")
    PAUSED = "paused", _("Waiting on the customer")
    RESUMED = "resumed", _("Resolution clock resumed")
    RUNBOOK = "runbook", _("Runbook step")
    CUSTOMER_REPLY = "customer_reply", _("Reply from the customer")
    CUSTOMER_CONFIRM = "customer_confirm", _("Confirmed solved by the customer")


class Runbook(models.TextChoices):
    """The plan's contingency runbooks."""

    ROLLBACK = "rollback", _("Rollback")
    DATA_RECOVERY = "data_recovery", _("Data recovery")
    COMMUNICATION = "communication", _("Communication")
