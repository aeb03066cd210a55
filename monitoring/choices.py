from django.db import models
from django.utils.translation import gettext_lazy as _


class SloKey(models.TextChoices):
    """The plan's four objectives (docs/CONTRACTS.md fixes these keys)."""

    AVAILABILITY = "availability", _("Availability")
    LATENCY = "latency", _("Requests under 2 seconds")
    ERROR_RATE = "error_rate", _("Error rate")
    DATA_ACCURACY = "data_accuracy", _("Data accuracy")


class WindowKind(models.TextChoices):
    ROLLING = "rolling", _("Rolling window")
    PHASE = "phase", _("Calendar-aligned to the pilot phases")


class MetricKey(models.TextChoices):
    """The plan's key metrics shown beside the SLOs (3.2), and the plan's p95 latency."""

    LATENCY_P95 = "latency_p95", _("95th percentile response time (s)")
    ACTIVE_USERS = "active_users", _("Active users per day")
    DATA_ENTRIES = "data_entries", _("Data entries per day")


class AlertLevel(models.TextChoices):
    PAGE = "page", _("Page (fast burn)")
    TICKET = "ticket", _("Ticket (slow burn)")


class HealthStatus(models.TextChoices):
    """Bands of the health score (monitoring/rules/health.py); declared best first."""

    HEALTHY = "healthy", _("Healthy")
    AT_RISK = "at_risk", _("At risk")
    CRITICAL = "critical", _("Critical")
    UNKNOWN = "unknown", _("No data")
