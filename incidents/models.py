"""Models of the incidents app (public schema: support runs incidents across customers)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, ExpressionWrapper, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import TenantAwareHistory
from core.uploads import upload_validator
from incidents.choices import Calendar, Category, Clock, EventKind, Runbook, Severity, Source, Status
from incidents.constants import POLICY_MAX_MINUTES, RUNBOOK_STEPS

# A policy interval lies between one minute and 30 days.
POLICY_MINUTES_RANGE = [MinValueValidator(1), MaxValueValidator(POLICY_MAX_MINUTES)]
ACTIVE_STATUSES = (Status.OPEN, Status.ACKNOWLEDGED, Status.MITIGATED)


class SeverityPolicy(models.Model):
    """Targets of one severity: response and resolution deadlines, update cadence, calendar, escalation."""

    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices, unique=True)
    # Bounded so that no deadline computed from them can overflow a date or mean "never".
    response_minutes = models.PositiveIntegerField(_("response target (minutes)"), validators=POLICY_MINUTES_RANGE)
    resolution_minutes = models.PositiveIntegerField(_("resolution target (minutes)"), validators=POLICY_MINUTES_RANGE)
    update_minutes = models.PositiveIntegerField(_("update cadence (minutes)"), validators=POLICY_MINUTES_RANGE)
    warning_minutes = models.PositiveIntegerField(_("warning margin (minutes)"), validators=POLICY_MINUTES_RANGE)
    calendar = models.CharField(_("calendar"), max_length=10, choices=Calendar.choices, default=Calendar.ALWAYS)
    escalation_emails = models.TextField(
        _("escalation e-mails"),
        blank=True,
        help_text=_("One address per line, optionally followed by its language (ar or en), e.g. “ops@example.com ar”."),
    )
    escalation_webhook_url = models.URLField(_("escalation webhook"), blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["severity"]
        verbose_name = _("severity policy")
        verbose_name_plural = _("severity policies")

    def __str__(self) -> str:
        return str(self.get_severity_display())

    @property
    def escalation_email_list(self) -> list[str]:
        return [line.strip() for line in self.escalation_emails.replace(",", "\n").splitlines() if line.strip()]


class Holiday(models.Model):
    """A public holiday: business-hours clocks do not count it. Seeded from the `holidays` package (SA)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


class Incident(models.Model):
    """A problem affecting one, several or all pilot customers, with its response and resolution clocks.

    Deadlines and the moment the timer engine must next look at the row (`next_check_at`) are stored
    here so the engine's query is one index range scan.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices)
    severity_confirmed = models.BooleanField(_("severity confirmed by support"), default=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.STAFF)
    all_customers = models.BooleanField(_("affects all customers"), default=False)
    customers = models.ManyToManyField(
        "tenants.PilotCustomer", blank=True, related_name="incidents", verbose_name=_("affected customers")
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Customer users live in their tenant schema: no foreign key, their name and e-mail as text.
    reporter_name = models.CharField(_("reporter name"), max_length=120, blank=True)
    reporter_email = models.EmailField(_("reporter e-mail"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_incidents",
        verbose_name=_("assignee"),
    )
    # What customers read instead of `title` (monitoring writes SRE titles for staff); blank: `title`.
    public_title = models.CharField(_("title for customers (English)"), max_length=200, blank=True)
    public_title_ar = models.CharField(_("title for customers (Arabic)"), max_length=200, blank=True)
    attachment = models.FileField(
        _("photo or screenshot"), upload_to="incidents/attachments/", blank=True, validators=[upload_validator]
    )
    dedup_key = models.CharField(_("alert key"), max_length=200, blank=True)
    source_url = models.URLField(_("source URL"), blank=True, max_length=500)

    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    mitigated_at = models.DateTimeField(_("mitigated at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    response_due_at = models.DateTimeField(_("response due at"))
    resolution_due_at = models.DateTimeField(_("resolution due at"))
    response_warned_at = models.DateTimeField(_("response warning at"), null=True, blank=True)
    response_breached_at = models.DateTimeField(_("response breached at"), null=True, blank=True)
    resolution_warned_at = models.DateTimeField(_("resolution warning at"), null=True, blank=True)
    resolution_breached_at = models.DateTimeField(_("resolution breached at"), null=True, blank=True)
    paused_at = models.DateTimeField(_("waiting on the customer since"), null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(_("working seconds paused"), default=0)
    next_check_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The queue's sort keys, stored by PostgreSQL itself (generated columns) so that indexes serve the
    # lists: the deadline that matters now (response while unacknowledged, then resolution) and whether
    # the incident is finished (resolved or closed), which the lists leave out unless asked.
    due_at = models.GeneratedField(
        expression=Case(When(acknowledged_at__isnull=True, then=F("response_due_at")), default=F("resolution_due_at")),
        output_field=models.DateTimeField(),
        db_persist=True,
    )
    finished = models.GeneratedField(
        expression=ExpressionWrapper(~Q(status__in=ACTIVE_STATUSES), output_field=models.BooleanField()),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = TenantAwareHistory(excluded_fields=["next_check_at", "updated_at", "due_at", "finished"])

    class Meta:
        ordering = ["-reported_at", "-pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [
            models.Index(
                fields=["next_check_at"], name="incident_next_check", condition=Q(next_check_at__isnull=False)
            ),
            # The default lists (active incidents, least time left first): only the open ~15 % are indexed.
            models.Index(fields=["due_at", "id"], name="incident_active_due", condition=Q(status__in=ACTIVE_STATUSES)),
            models.Index(fields=["status", "due_at", "id"], name="incident_status_due"),
            models.Index(fields=["finished", "due_at", "id"], name="incident_all_due"),
            models.Index(fields=["reported_at"], name="incident_reported"),
            # A customer's open incidents, newest first (the portal's home card): only the active ones are read.
            models.Index(
                fields=["-reported_at", "-id"], name="incident_active_reported", condition=Q(status__in=ACTIVE_STATUSES)
            ),
            models.Index(fields=["dedup_key"], name="incident_dedup", condition=~Q(dedup_key="")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(severity__in=[1, 2, 3]), name="incident_severity_valid"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def title_for(self, language: str) -> str:
        """The title a customer reads in `language` (its own words for a problem it reported)."""
        if language == "ar" and self.public_title_ar:
            return self.public_title_ar
        return self.public_title or self.title

    @property
    def response_met(self) -> bool | None:
        """True/False once the response clock stopped or breached; None while it runs."""
        if self.acknowledged_at is not None:
            return self.acknowledged_at <= self.response_due_at
        return False if self.response_breached_at else None

    @property
    def resolution_met(self) -> bool | None:
        if self.resolved_at is not None:
            return self.resolved_at <= self.resolution_due_at
        return False if self.resolution_breached_at else None


class IncidentEvent(models.Model):
    """Append-only timeline entry: state and severity changes, notes, public updates, timers, escalations."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_name = models.CharField(_("by"), max_length=120, blank=True)
    clock = models.CharField(_("clock"), max_length=10, choices=Clock.choices, blank=True)
    public = models.BooleanField(_("visible to customers"), default=False)
    message = models.TextField(_("message"), blank=True)
    message_ar = models.TextField(_("message (Arabic)"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        indexes = [models.Index(fields=["incident", "at"], name="incident_event_at")]
        constraints = [
            # A warning or breach of one clock is recorded once, even with two engines racing.
            models.UniqueConstraint(
                fields=["incident", "kind", "clock"],
                condition=Q(kind__in=["warning", "breach"]),
                name="incident_event_timer_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} @ {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("Timeline entries are append-only.")
        super().save(*args, **kwargs)

    def message_for(self, language: str) -> str:
        return self.message_ar if language == "ar" and self.message_ar else self.message


class RunbookStep(models.Model):
    """One step of a runbook attached to an incident; who ticked it and when."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="runbook_steps")
    runbook = models.CharField(_("runbook"), max_length=15, choices=Runbook.choices)
    code = models.CharField(_("step"), max_length=30)
    position = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["incident", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["incident", "runbook", "code"], name="runbook_step_once")]
        verbose_name = _("runbook step")
        verbose_name_plural = _("runbook steps")

    def __str__(self) -> str:
        return f"{self.get_runbook_display()}: {self.label}"

    @property
    def label(self) -> str:
        return str(dict(RUNBOOK_STEPS.get(self.runbook, ())).get(self.code, self.code))


class IncidentCountDelta(models.Model):
    """How many incidents have a status and severity, as changes kept by PostgreSQL itself (migration 0007).

    Every INSERT, UPDATE and DELETE of incidents adds a row per (status, severity) it changed, from a statement
    trigger, so no write path can forget it and writers never wait on each other: the count is the sum of the
    rows (`incident_count`), and `incident_counts_compact` folds them into one row per pair now and then. The
    staff API's `count` reads it instead of counting 15,000 active incidents on every page.
    """

    status = models.CharField(max_length=12, choices=Status.choices)
    severity = models.PositiveSmallIntegerField(choices=Severity.choices)
    delta = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["status", "severity"], name="incident_count_pair")]

    def __str__(self) -> str:
        return f"{self.status}/{self.severity}: {self.delta:+d}"
