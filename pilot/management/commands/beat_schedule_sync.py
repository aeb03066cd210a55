"""Register pilot/schedule.py with django-celery-beat (every deploy runs it; idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from ops.services import beat_schedule_sync
from pilot.schedule import BEAT_SCHEDULE


class Command(BaseCommand):
    help = "Create the periodic task of every beat schedule entry that has none; keep an operator's edits."

    def handle(self, *args: object, **options: object) -> None:
        result = beat_schedule_sync(entries=BEAT_SCHEDULE, overrides=settings.BEAT_INTERVAL_OVERRIDES)
        self.stdout.write(f"Periodic tasks: {len(result.created)} created, {len(result.kept)} kept as configured.")
