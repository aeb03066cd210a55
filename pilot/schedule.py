"""Periodic tasks run by Celery beat (django-celery-beat stores and shows them in the admin).

One entry per timer; every app adds its own here. Tasks named here must be idempotent.
"""

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict] = {
    "incidents-timers": {"task": "incidents.tasks.incident_timers_run", "schedule": 60.0},
    "feedback-weekly-survey-round": {
        "task": "feedback.tasks.survey_round_send_all",
        # Sunday 09:00 Asia/Riyadh: the first day of the Saudi work week.
        "schedule": crontab(minute=0, hour=9, day_of_week="sun"),
    },
    "feedback-survey-reminders": {
        "task": "feedback.tasks.survey_reminders_send_all",
        "schedule": crontab(minute=0, hour=10),
    },
    # 01:30 Asia/Riyadh, the quietest hour; the task keeps BACKUP_KEEP archives per customer.
    "tenants-nightly-backup": {"task": "tenants.tasks.customer_backup_all", "schedule": crontab(minute=30, hour=1)},
    "reports-sweep-stale": {"task": "reports.tasks.report_sweep_stale", "schedule": 60.0},
    "monitoring-pull-metrics": {"task": "monitoring.tasks.metrics_pull", "schedule": 300.0},
}
