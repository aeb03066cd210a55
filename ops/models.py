"""Models of the ops app (public schema only)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ops.choices import Channel, MessageStatus, RunOutcome


class OutgoingMessage(models.Model):
    """One message the portal owes someone (an outbox row).

    It is written in the same transaction as the change that causes it, so a rolled-back change tells
    nobody and a committed one is never forgotten; Celery delivers it with retries. `topic` ties it to
    what it is about (e.g. ``incident:42``) so that pages can show who was told.
    """

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=40)
    topic = models.CharField(_("about"), max_length=80, blank=True, db_index=True)
    recipient = models.CharField(_("recipient"), max_length=500)
    language = models.CharField(_("language"), max_length=5, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)
    html = models.TextField(_("HTML body"), blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    # Messages carrying a one-time link (survey, password) lose their body once delivered.
    secret = models.BooleanField(_("contains a one-time link"), default=False)
    # Where the after-delivery hook runs (e.g. marking a survey invitation sent in its customer's schema).
    schema_name = models.CharField(_("schema"), max_length=63, default="public")
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        indexes = [
            models.Index(
                fields=["next_attempt_at"], name="ops_outbox_pending_due", condition=Q(status=MessageStatus.PENDING)
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient}: {self.subject or self.kind}"


class TaskHeartbeat(models.Model):
    """When a periodic task (a beat schedule entry) last ran and how it ended."""

    name = models.CharField(_("schedule entry"), max_length=200, unique=True)
    task = models.CharField(_("task"), max_length=200, blank=True)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_outcome = models.CharField(_("last outcome"), max_length=10, choices=RunOutcome.choices, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("periodic task heartbeat")
        verbose_name_plural = _("periodic task heartbeats")

    def __str__(self) -> str:
        return self.name
