"""The pilot program: one program row, its phases and checklists, training, budget, risks,
success criteria and the go / no-go decision. All of it lives in the public schema."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import TenantAwareHistory
from core.names import BilingualNameMixin
from pilot.choices import (
    BudgetCategory,
    ChecklistKind,
    Comparison,
    CriterionGroup,
    CriterionSource,
    CriterionStatus,
    MaterialKind,
    OwnerTeam,
    PhaseKey,
    PhaseStatus,
    Recommendation,
    Recurrence,
    RiskCategory,
    RiskStatus,
    TrainingStatus,
)

PILOT_WEEKS = 10


class BilingualTitle(BilingualNameMixin, models.Model):
    """A title typed in both languages; `title` answers in the active one."""

    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.localized("title")

    title.fget.short_description = _("title")  # the admin lists' column header, translated


class Program(models.Model):
    """The single pilot program: its calendar, currency and budget alert threshold. (The final
    report's written parts live with the report: reports.models.ReportNarrative.)"""

    name = models.CharField(_("name"), max_length=120, default="AquaFarm pilot")
    start_date = models.DateField(_("start date"))
    weeks = models.PositiveSmallIntegerField(
        _("duration in weeks"), default=PILOT_WEEKS, validators=[MinValueValidator(1), MaxValueValidator(104)]
    )
    currency = models.CharField(_("currency"), max_length=3, default=settings.PROGRAM_CURRENCY)
    budget_alert_pct = models.DecimalField(
        _("budget alert threshold (%)"),
        max_digits=5,
        decimal_places=2,
        default=10,
        help_text=_("Alert when actual spending runs ahead of plan by more than this share."),
    )
    history = TenantAwareHistory()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self) -> str:
        return self.name

    @property
    def end_date(self) -> dt.date:
        """The first day after the pilot (the program runs over [start_date, end_date))."""
        return self.start_date + dt.timedelta(weeks=self.weeks)

    @property
    def years(self) -> tuple[dt.date, dt.date]:
        """First and last day of the calendar years the program touches: the range budget dates may use."""
        last = self.end_date - dt.timedelta(days=1)
        return dt.date(self.start_date.year, 1, 1), dt.date(last.year, 12, 31)


class Phase(models.Model):
    """One line of the plan's timeline: weeks relative to the program start, owner and outcome.
    A phase closes only through its gate (its checklist done, or an override with a reason)."""

    key = models.CharField(_("phase"), max_length=20, choices=PhaseKey.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    first_week = models.PositiveSmallIntegerField(_("first week"), validators=[MinValueValidator(1)])
    last_week = models.PositiveSmallIntegerField(_("last week"), validators=[MinValueValidator(1)])
    owner_team = models.CharField(_("owner team"), max_length=20, choices=OwnerTeam.choices)
    expected_outcome = models.CharField(_("expected outcome"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=PhaseStatus.choices, default=PhaseStatus.PLANNED)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_reason = models.TextField(_("gate override reason"), blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["order"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return str(self.get_key_display())


class ChecklistItem(BilingualTitle):
    """A thing to do in a phase; `customer` set for the per-customer core-function tests.
    Progress and lateness are computed from due_date and done_at, never typed."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="items", verbose_name=_("phase"))
    kind = models.CharField(_("checklist"), max_length=20, choices=ChecklistKind.choices)
    customer = models.ForeignKey(
        "tenants.PilotCustomer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="checklist_items",
        verbose_name=_("customer"),
    )
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
    )
    evidence_note = models.TextField(_("evidence note"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="pilot/evidence/", blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["phase__order", "customer__slug", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=models.Q(customer=None), name="checklist_code_unique"),
            models.UniqueConstraint(fields=["customer", "code"], name="checklist_customer_code_unique"),
        ]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")


class TrainingMaterial(BilingualTitle):
    """A file or link of the materials library (user guide, videos, FAQ, support contact)."""

    kind = models.CharField(_("kind"), max_length=20, choices=MaterialKind.choices)
    file = models.FileField(_("file"), upload_to="pilot/materials/", blank=True)
    url = models.URLField(_("link"), blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")


class TrainingSession(models.Model):
    """The training of one customer (plan 3.1: one two-hour session each)."""

    customer = models.ForeignKey(
        "tenants.PilotCustomer", on_delete=models.CASCADE, related_name="training_sessions", verbose_name=_("customer")
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=120, validators=[MinValueValidator(15), MaxValueValidator(600)]
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("trainer")
    )
    location = models.CharField(_("location or meeting link"), max_length=200, blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TrainingStatus.choices, default=TrainingStatus.SCHEDULED
    )
    materials = models.ManyToManyField(TrainingMaterial, blank=True, verbose_name=_("materials delivered"))
    notes = models.TextField(_("notes"), blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer"],
                condition=~models.Q(status=TrainingStatus.CANCELLED),
                name="training_one_session_per_customer",
            )
        ]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.customer} — {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)


class Attendee(models.Model):
    """A person invited to a training session; `attended` stays empty until attendance is taken."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.CharField(_("role"), max_length=80, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["session", "name"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")

    def __str__(self) -> str:
        return self.name


class BudgetLine(BilingualNameMixin, models.Model):
    """A planned cost: an amount per month (pro-rated by day) or once, over [start_date, end_date]."""

    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    recurrence = models.CharField(_("recurrence"), max_length=10, choices=Recurrence.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True, help_text=_("Empty: the program start."))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Last day, included. Empty: the program end.")
    )
    history = TenantAwareHistory()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localized("name")


class Expense(models.Model):
    """Money actually spent against a budget line."""

    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="expenses", verbose_name=_("line"))
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=255, blank=True)
    receipt = models.FileField(_("receipt"), upload_to="pilot/receipts/", blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")

    def __str__(self) -> str:
        return f"{self.date} {self.amount}"


class Risk(BilingualTitle):
    """An entry of the risk register; score = likelihood × impact (annotated by risk_list)."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=RiskCategory.choices)
    mitigation_en = models.TextField(_("mitigation (English)"))
    mitigation_ar = models.TextField(_("mitigation (Arabic)"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood (1–5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    impact = models.PositiveSmallIntegerField(
        _("impact (1–5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    status = models.CharField(_("status"), max_length=12, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    review_date = models.DateField(_("next review"), null=True, blank=True)
    incidents = models.ManyToManyField(
        "incidents.Incident", blank=True, related_name="realised_risks", verbose_name=_("incidents that realised it")
    )
    history = TenantAwareHistory()

    class Meta:
        ordering = ["category", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    @property
    def mitigation(self) -> str:
        return self.localized("mitigation")

    @property
    def computed_score(self) -> int:
        return self.likelihood * self.impact


class SuccessCriterion(BilingualTitle):
    """A success criterion of the plan. Measured ones read their value from another app's
    selector; `manual` ones are judged by a person, with evidence."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    group = models.CharField(_("group"), max_length=20, choices=CriterionGroup.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    target = models.CharField(_("target"), max_length=80)
    # The target as typed in Arabic: the Arabic scorecard and report never show an English-typed target.
    target_ar = models.CharField(_("target (Arabic)"), max_length=80, blank=True)
    source = models.CharField(_("source"), max_length=30, choices=CriterionSource.choices)
    comparison = models.CharField(_("comparison"), max_length=3, choices=Comparison.choices, blank=True)
    threshold = models.DecimalField(_("threshold"), max_digits=7, decimal_places=2, null=True, blank=True)
    at_risk_margin = models.DecimalField(
        _("at-risk margin"),
        max_digits=7,
        decimal_places=2,
        default=0,
        help_text=_("A value missing the threshold by at most this much is 'at risk' rather than 'not met'."),
    )
    judged_status = models.CharField(
        _("judged status"), max_length=10, choices=CriterionStatus.choices, default=CriterionStatus.UNKNOWN
    )
    evidence = models.TextField(_("evidence"), blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    judged_at = models.DateTimeField(_("judged at"), null=True, blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("success criterion")
        verbose_name_plural = _("success criteria")


class GoDecision(models.Model):
    """The go / no-go decision a person confirms and signs, beside the scorecard's recommendation."""

    decision = models.CharField(_("decision"), max_length=20, choices=Recommendation.choices)
    recommendation = models.CharField(_("recommendation at the time"), max_length=20, choices=Recommendation.choices)
    note = models.TextField(_("note"))
    signed_name = models.CharField(_("signed by (full name)"), max_length=120)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"))
    history = TenantAwareHistory()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        get_latest_by = "decided_at"
        verbose_name = _("go / no-go decision")
        verbose_name_plural = _("go / no-go decisions")

    def __str__(self) -> str:
        return f"{self.get_decision_display()} — {self.decided_at:%Y-%m-%d}"
