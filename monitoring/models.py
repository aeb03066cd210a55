"""Models of the monitoring app: SLO definitions, pulled SLI samples, pull bookkeeping, alerts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import TenantAwareHistory
from core.names import BilingualNameMixin
from monitoring.choices import AlertLevel, HealthStatus, MetricKey, SloKey, WindowKind


class Slo(BilingualNameMixin, models.Model):
    """One objective of the plan. Its SLI is a ratio of good to total events, pulled per customer.

    `good_query` and `total_query` count events over the last 5 minutes, aggregated by the
    tenant label, so that every SLO (latency included) has an error budget.
    """

    key = models.CharField(_("key"), max_length=20, choices=SloKey.choices, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120)
    good_query = models.TextField(_("PromQL: good events"))
    total_query = models.TextField(_("PromQL: all events"))
    plan_query = models.TextField(_("PromQL of the plan (shown in Grafana)"), blank=True)
    target_pct = models.DecimalField(_("target (%)"), max_digits=6, decimal_places=3)
    window_kind = models.CharField(_("window"), max_length=10, choices=WindowKind.choices, default=WindowKind.ROLLING)
    window_days = models.PositiveSmallIntegerField(_("window length (days)"), default=28)
    enabled = models.BooleanField(_("enabled"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("SLO")
        verbose_name_plural = _("SLOs")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localized("name")


class KeyMetric(models.Model):
    """A key metric of the plan (active users per day, data entries per day, p95 latency)."""

    key = models.CharField(_("key"), max_length=20, choices=MetricKey.choices, unique=True)
    query = models.TextField(_("PromQL"))
    enabled = models.BooleanField(_("enabled"), default=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("key metric")
        verbose_name_plural = _("key metrics")

    def __str__(self) -> str:
        return str(self.get_key_display())


class SliSample(models.Model):
    """Good and total events of one customer for one SLO in the 5 minutes ending at `at`."""

    slo = models.ForeignKey(Slo, on_delete=models.CASCADE, related_name="samples")
    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="sli_samples")
    at = models.DateTimeField()
    good = models.FloatField()
    total = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["slo", "customer", "at"], name="sli_sample_unique")]
        indexes = [models.Index(fields=["at"], name="sli_sample_at")]

    def __str__(self) -> str:
        return f"{self.slo_id}/{self.customer_id} @ {self.at:%Y-%m-%d %H:%M}"


class SliDaily(models.Model):
    """Daily roll-up of SliSample (Riyadh days), so window and chart reads stay small at two years."""

    slo = models.ForeignKey(Slo, on_delete=models.CASCADE, related_name="daily")
    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="sli_daily")
    day = models.DateField()
    good = models.FloatField()
    total = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["slo", "customer", "day"], name="sli_daily_unique")]
        indexes = [models.Index(fields=["day"], name="sli_daily_day")]

    def __str__(self) -> str:
        return f"{self.slo_id}/{self.customer_id} {self.day}"


class MetricSample(models.Model):
    metric = models.ForeignKey(KeyMetric, on_delete=models.CASCADE, related_name="samples")
    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="metric_samples")
    at = models.DateTimeField()
    value = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["metric", "customer", "at"], name="metric_sample_unique")]

    def __str__(self) -> str:
        return f"{self.metric_id}/{self.customer_id} @ {self.at:%Y-%m-%d %H:%M}"


class PullState(models.Model):
    """The single row of pull bookkeeping: how far samples reach and since when they are stale."""

    covered_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    stale_since = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("pull state")

    def __str__(self) -> str:
        return f"covered until {self.covered_until}"


class PullGap(models.Model):
    """A stretch of time a pull could not fetch; `filled_at` is set once a back-fill covered it."""

    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    filled_at = models.DateTimeField(_("back-filled at"), null=True, blank=True)

    class Meta:
        ordering = ["-start"]
        verbose_name = _("pull gap")
        verbose_name_plural = _("pull gaps")

    def __str__(self) -> str:
        return f"{self.start} → {self.end or '…'}"


class SloAlert(models.Model):
    """A multi-window burn-rate alert of one customer's SLO; at most one open per level."""

    slo = models.ForeignKey(Slo, on_delete=models.CASCADE, related_name="alerts")
    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="slo_alerts")
    level = models.CharField(_("level"), max_length=10, choices=AlertLevel.choices)
    opened_at = models.DateTimeField(_("opened at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    burn_rate = models.FloatField(_("burn rate (long window)"))
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL, related_name="slo_alerts"
    )
    history = TenantAwareHistory()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["slo", "customer", "level"],
                condition=models.Q(resolved_at__isnull=True),
                name="slo_alert_one_open",
            )
        ]
        verbose_name = _("SLO alert")
        verbose_name_plural = _("SLO alerts")

    def __str__(self) -> str:
        return f"{self.slo.key} {self.customer_id} {self.level}"


class UsageFeature(BilingualNameMixin, models.Model):
    """A feature of AquaFarm whose use is counted (`feature` label of aquafarm_feature_events_total).

    Measured adoption = offered features used in a week ÷ offered features.
    """

    key = models.SlugField(_("key (Prometheus label value)"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    offered = models.BooleanField(_("offered"), default=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("usage feature")
        verbose_name_plural = _("usage features")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localized("name")


class FeatureUsageDaily(models.Model):
    """Events of one feature by one customer on one Riyadh day, summed from the 5-minute pulls."""

    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="feature_usage")
    feature = models.CharField(max_length=60)  # the label value, kept even when no UsageFeature names it
    day = models.DateField()
    events = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["customer", "feature", "day"], name="feature_usage_unique")]
        indexes = [models.Index(fields=["day"], name="feature_usage_day")]

    def __str__(self) -> str:
        return f"{self.customer_id}/{self.feature} {self.day}"


class ActiveUsersDaily(models.Model):
    """The highest `aquafarm_active_users_today` seen for one customer on one Riyadh day."""

    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="active_users")
    day = models.DateField()
    users = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["customer", "day"], name="active_users_unique")]
        indexes = [models.Index(fields=["day"], name="active_users_day")]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.day}"


class HealthSnapshot(models.Model):
    """A customer's health score as computed on one Riyadh day (the latest computation of that day)."""

    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="health_snapshots")
    day = models.DateField(_("day"))
    computed_at = models.DateTimeField(_("computed at"))
    score = models.PositiveSmallIntegerField(_("score"), null=True)
    status = models.CharField(_("status"), max_length=10, choices=HealthStatus.choices)
    components = models.JSONField(_("components"), default=dict)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["customer", "day"], name="health_snapshot_unique")]
        verbose_name = _("health snapshot")
        verbose_name_plural = _("health snapshots")

    def __str__(self) -> str:
        return f"{self.customer_id} {self.day}: {self.score}"


class CustomerHealth(models.Model):
    """The current health band of a customer: the row locked while a new score is compared with it,
    so that a drop of band raises exactly one HealthAlert however many workers recompute."""

    customer = models.OneToOneField("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="health")
    score = models.PositiveSmallIntegerField(_("score"), null=True)
    status = models.CharField(_("status"), max_length=10, choices=HealthStatus.choices, default=HealthStatus.UNKNOWN)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["score"]
        verbose_name = _("customer health")
        verbose_name_plural = _("customer health")

    def __str__(self) -> str:
        return f"{self.customer_id}: {self.status}"


class HealthAlert(models.Model):
    """A customer's health score dropped a band (e.g. healthy → at risk); shown on the program dashboard."""

    customer = models.ForeignKey("tenants.PilotCustomer", on_delete=models.CASCADE, related_name="health_alerts")
    opened_at = models.DateTimeField(_("opened at"))
    from_status = models.CharField(_("from"), max_length=10, choices=HealthStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=HealthStatus.choices)
    score = models.PositiveSmallIntegerField(_("score"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("health alert")
        verbose_name_plural = _("health alerts")

    def __str__(self) -> str:
        return f"{self.customer_id}: {self.from_status} → {self.to_status}"
