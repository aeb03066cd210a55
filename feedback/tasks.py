"""Celery tasks of the feedback app: thin and idempotent. Their e-mails leave through the outbox (ops)."""

from celery import shared_task

from feedback.services import rounds


@shared_task
def survey_round_send_all() -> dict[str, int]:
    """The weekly round for every live customer (beat, hourly: it opens once due, see the service)."""
    return rounds.survey_rounds_open_due_all()


@shared_task
def survey_reminders_send_all() -> dict[str, int]:
    """Reminders to those who have not answered yet, for every live customer."""
    return rounds.survey_reminders_send_all()
