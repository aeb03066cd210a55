from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    WEBHOOK = "webhook", _("webhook")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class RunOutcome(models.TextChoices):
    RUNNING = "running", _("running")
    SUCCESS = "success", _("succeeded")
    FAILURE = "failure", _("failed")
    RETRY = "retry", _("will retry")
