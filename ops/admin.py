"""Admin of the ops app: the outbox (with *retry*), heartbeats, and the periodic tasks in plain words."""

from django.contrib import admin, messages
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_celery_beat.admin import PeriodicTaskAdmin as BeatPeriodicTaskAdmin
from django_celery_beat.models import PeriodicTask

from ops.choices import RunOutcome
from ops.models import OutgoingMessage, TaskHeartbeat
from ops.services import outbox_retry


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "kind", "recipient", "subject", "status", "attempts", "sent_at", "topic"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["recipient", "subject", "topic"]
    date_hierarchy = "created_at"
    actions = ["retry"]
    fields = [
        "channel",
        "kind",
        "topic",
        "recipient",
        "language",
        "subject",
        "body_shown",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    ]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("body"))
    def body_shown(self, message: OutgoingMessage) -> str:
        # A message with a one-time link is never shown: the link is as good as a password.
        return _("(contains a one-time link: not shown)") if message.secret else message.body

    @admin.action(description=gettext_lazy("Retry the selected messages now"), permissions=["change"])
    def retry(self, request: HttpRequest, queryset: QuerySet[OutgoingMessage]) -> None:
        count = outbox_retry(messages=list(queryset))
        text = ngettext("%(count)d message queued again.", "%(count)d messages queued again.", count)
        self.message_user(request, text % {"count": count}, messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutgoingMessage | None = None) -> bool:
        return False


@admin.register(TaskHeartbeat)
class TaskHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "last_started_at", "last_finished_at", "last_outcome", "runs", "registered_at"]
    readonly_fields = [field.name for field in TaskHeartbeat._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TaskHeartbeat | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: TaskHeartbeat | None = None) -> bool:
        return False


admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class PeriodicTaskAdmin(BeatPeriodicTaskAdmin):
    """django-celery-beat's page, with what each task does and when it last ran."""

    list_display = ["name", "enabled", "scheduler", "description", "last_run_at", "last_outcome"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PeriodicTask]:
        # The heartbeat's outcome in the list's own query, not one query per row.
        outcome = TaskHeartbeat.objects.filter(name=OuterRef("name")).values("last_outcome")[:1]
        return super().get_queryset(request).annotate(heartbeat_outcome=Subquery(outcome))

    @admin.display(description=gettext_lazy("last outcome"))
    def last_outcome(self, task: PeriodicTask) -> str:
        outcome = getattr(task, "heartbeat_outcome", "")
        return RunOutcome(outcome).label if outcome else "—"
