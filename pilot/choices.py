"""Choices of the pilot program: phases, checklists, training, budget, risks, success criteria."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKey(models.TextChoices):
    """The plan's timeline table, in order."""

    PREPARATION = "preparation", _("Customer selection and environment set-up")
    DEPLOYMENT = "deployment", _("Deployment and testing")
    TRAINING = "training", _("Training and start")
    OPERATION = "operation", _("Operation and monitoring")
    ANALYSIS = "analysis", _("Analysis and improvement")


class OwnerTeam(models.TextChoices):
    DEVOPS = "devops", _("DevOps team")
    DEVELOPMENT = "development", _("Development team")
    TRAINING = "training", _("Training team")
    OPERATIONS = "operations", _("Operations team")
    ANALYSIS = "analysis", _("Analysis team")


class PhaseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class ChecklistKind(models.TextChoices):
    ENVIRONMENT = "environment", _("Environment")
    DEPLOYMENT = "deployment", _("Deployment verification")
    MONITORING = "monitoring", _("Monitoring set-up")
    CORE_FUNCTIONS = "core_functions", _("Core-function tests")
    TRAINING = "training", _("Training")
    OPERATION = "operation", _("Operation and feedback")
    ANALYSIS = "analysis", _("Analysis and final report")
    OTHER = "other", _("Other")


class TrainingTopic(models.TextChoices):
    OVERVIEW = "overview", _("System overview")
    FARMS_PONDS = "farms_ponds", _("Managing farms and ponds")
    DAILY_DATA = "daily_data", _("Daily data entry")
    REPORTS = "reports", _("Creating reports")
    MOBILE_APP = "mobile_app", _("Using the mobile app")


class TrainingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class MaterialKind(models.TextChoices):
    USER_GUIDE = "user_guide", _("User guide (PDF)")
    VIDEO = "video", _("Training video")
    FAQ = "faq", _("FAQ document")
    SUPPORT_CONTACT = "support_contact", _("Support contact information")


class BudgetCategory(models.TextChoices):
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    SUPPORT = "support", _("Support")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class Recurrence(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    ONE_TIME = "one_time", _("One-time")


class RiskCategory(models.TextChoices):
    TECHNICAL = "technical", _("Technical")
    OPERATIONAL = "operational", _("Operational")
    BUSINESS = "business", _("Business")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MITIGATING = "mitigating", _("Being mitigated")
    REALISED = "realised", _("Realised")
    CLOSED = "closed", _("Closed")


class CriterionGroup(models.TextChoices):
    TECHNICAL = "technical", _("Technical")
    USER_EXPERIENCE = "user_experience", _("User experience")
    BUSINESS = "business", _("Business")


class CriterionSource(models.TextChoices):
    """Where a criterion's value comes from; `manual` is judged by a person with evidence."""

    SLO_AVAILABILITY = "slo_availability", _("Monitoring: availability SLO")
    SLO_LATENCY = "slo_latency", _("Monitoring: latency SLO")
    SLO_ERROR_RATE = "slo_error_rate", _("Monitoring: error-rate SLO")
    INCIDENTS_DATA_LOSS = "incidents_data_loss", _("Incidents: data-loss incidents")
    FEEDBACK_SATISFACTION = "feedback_satisfaction", _("Feedback: satisfaction")
    FEEDBACK_ADOPTION = "feedback_adoption", _("Feedback: feature adoption")
    FEEDBACK_CHURN = "feedback_churn", _("Feedback: churn")
    FEEDBACK_POSITIVE = "feedback_positive", _("Feedback: positive feedback")
    MANUAL = "manual", _("Judged by a person")


class Comparison(models.TextChoices):
    AT_LEAST = "gte", _("at least")
    AT_MOST = "lte", _("at most")


class CriterionStatus(models.TextChoices):
    MET = "met", _("Met")
    AT_RISK = "at_risk", _("At risk")
    NOT_MET = "not_met", _("Not met")
    UNKNOWN = "unknown", _("Unknown")


class Recommendation(models.TextChoices):
    GO = "go", _("Go")
    GO_WITH_CONDITIONS = "go_with_conditions", _("Go with conditions")
    NO_GO = "no_go", _("No-go")
