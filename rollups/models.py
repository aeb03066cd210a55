"""Per-customer summaries kept in the public schema, so that pages spanning customers read one table
instead of visiting every customer's schema.

Derived data, not business records: each row can be rebuilt at any time from the customer's own
schema (`feedback.services.rollups`, the reconciliation task), so they carry no history and have
no admin. Counts are stored, never ratios, so any window re-aggregates exactly.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackDay(models.Model):
    """One customer's survey figures booked on one day: the week start of the survey round they
    belong to (the direct computation windows answers by that same date). Score counters map a
    score ("1"…"10") to the number of answers that gave it. A day may have several rows, which add up."""

    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="feedback_days")
    day = models.DateField(_("day"))
    csat = models.JSONField(_("CSAT answers by score"), default=dict)
    nps = models.JSONField(_("NPS answers by score"), default=dict)
    ces = models.JSONField(_("CES answers by score"), default=dict)
    invitations = models.PositiveIntegerField(_("invitations"), default=0)
    responses = models.PositiveIntegerField(_("responses"), default=0)
    features_used = models.PositiveIntegerField(_("features ticked"), default=0)
    features_offered = models.PositiveIntegerField(_("features offered"), default=0)
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        verbose_name = _("feedback day of a customer")
        verbose_name_plural = _("feedback days of customers")
        # Not unique: a first response appends its change as a row of the day, the readers sum them, and the
        # reconciliation folds them into one (rollups.services.feedback_day_add).
        indexes = [
            models.Index(fields=["day"], name="rollups_feedbackday_day"),
            models.Index(fields=["customer", "day"], name="rollups_feedbackday_customer"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.day}"


class FeedbackItemDay(models.Model):
    """Feedback items of one customer created on one day with the same kind and title (merged
    duplicates left out: their votes count in their target)."""

    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="feedback_item_days")
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    votes = models.PositiveIntegerField(_("votes"), default=0)
    items = models.PositiveIntegerField(_("items"), default=0)
    open_items = models.PositiveIntegerField(_("open items"), default=0)
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        verbose_name = _("feedback items of a customer's day")
        verbose_name_plural = _("feedback items of customers' days")
        # Not unique, as FeedbackDay: a new item appends its change as a row (feedback_item_days_add).
        indexes = [models.Index(fields=["customer", "day"], name="rollups_itemday_customer")]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.day} {self.kind}: {self.title}"


class CustomerSnapshot(models.Model):
    """Current facts of a customer's schema that cross-customer pages show (farms, ponds)."""

    customer = models.OneToOneField("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="snapshot")
    farms = models.PositiveIntegerField(_("farms"), null=True)
    ponds = models.PositiveIntegerField(_("ponds"), null=True)
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        verbose_name = _("customer snapshot")
        verbose_name_plural = _("customer snapshots")

    def __str__(self) -> str:
        return str(self.customer_id)


class SurveyDigest(models.Model):
    """One survey of a customer as the staff survey list shows it. `survey_id` is the survey's id in the
    customer's schema; `questions` holds the questions in the staff API's shape, in their order."""

    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="survey_digests")
    survey_id = models.PositiveIntegerField(_("survey id in the customer's schema"))
    key = models.SlugField(_("key"), max_length=40)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200)
    published = models.BooleanField(_("published"), default=False)
    rounds = models.PositiveIntegerField(_("rounds"), default=0)
    questions = models.JSONField(_("questions"), default=list)
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        verbose_name = _("survey of a customer")
        verbose_name_plural = _("surveys of customers")
        constraints = [models.UniqueConstraint(fields=["customer", "key"], name="rollups_surveydigest_unique")]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.key}"
