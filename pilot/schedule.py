"""Periodic tasks run by Celery beat.

`manage.py beat_schedule_sync` (run by scripts/migrate.sh at every deploy) registers each entry with
django-celery-beat; entries an operator already edited in the admin keep their edits. One entry per
timer; every app adds its own here. Tasks named here must be idempotent. `description` is what the
admin's *Periodic tasks* page shows.
"""

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict] = {
    "incidents-timers": {
        "task": "incidents.tasks.incident_timers_run",
        "schedule": 60.0,
        "description": "Every minute: records warnings and breaches of incident response and resolution "
        "targets and escalates them. — كل دقيقة: يسجل التنبيهات وتجاوزات أهداف الاستجابة والحل للحوادث ويصعّدها.",
    },
    # The incident counts are exact without it (incidents migration 0007); it keeps their sum a few rows long.
    "incidents-counts-compact": {
        "task": "incidents.tasks.incident_counts_compact",
        "schedule": 300.0,
        "description": "Every 5 minutes: folds the recorded changes of the incident counts (the staff API's "
        "totals) into one row per status and severity. — كل 5 دقائق: يجمع تغييرات أعداد الحوادث في صف واحد لكل "
        "حالة ودرجة خطورة.",
    },
    "ops-outbox-flush": {
        "task": "ops.tasks.outbox_flush",
        "schedule": 30.0,
        "description": "Every 30 seconds: delivers e-mails and webhooks still waiting (retries with backoff). — "
        "كل 30 ثانية: يرسل الرسائل وخطافات الويب المنتظرة (مع إعادة المحاولة).",
    },
    "feedback-weekly-survey-round": {
        "task": "feedback.tasks.survey_round_send_all",
        # Hourly: the round opens Sunday 09:00 Asia/Riyadh (the first day of the Saudi work week); the
        # later runs of the week do nothing, or catch up a round missed while beat or Redis was down.
        "schedule": crontab(minute=0),
        "description": "Sundays 09:00 (checked hourly, so a missed run is caught up): opens the week's survey "
        "round for every live customer and e-mails the invitations. — الأحد 09:00 (يُفحص كل ساعة لتدارك أي "
        "تشغيل فائت): يفتح جولة الاستبيان الأسبوعية لكل عميل ويرسل الدعوات.",
    },
    "feedback-survey-reminders": {
        "task": "feedback.tasks.survey_reminders_send_all",
        "schedule": crontab(minute=0, hour=10),
        "description": "Daily 10:00: reminds those who have not answered this week's survey. — "
        "يوميًا 10:00: يذكّر من لم يُجب على استبيان الأسبوع.",
    },
    "monitoring-pull-metrics": {
        "task": "monitoring.tasks.metrics_pull",
        "schedule": 300.0,
        "description": "Every 5 minutes: pulls the SLO metrics of every customer from Prometheus and raises "
        "burn-rate alerts. — كل 5 دقائق: يجلب مقاييس مستوى الخدمة من Prometheus وينبّه عند استهلاك الميزانية.",
    },
    "monitoring-health-refresh": {
        "task": "monitoring.tasks.health_refresh_all",
        "schedule": crontab(minute=20),
        "description": "Hourly at :20 (and after every metric pull): recomputes each customer's health score, "
        "keeps the day's snapshot and alerts program managers once when a score drops a band. — كل ساعة: يعيد "
        "حساب مؤشر صحة كل عميل ويحفظ لقطة اليوم وينبّه مديري البرنامج مرة واحدة عند هبوط الفئة.",
    },
    # 01:30 Asia/Riyadh, the quietest hour; the task keeps BACKUP_KEEP archives per customer.
    "tenants-nightly-backup": {
        "task": "tenants.tasks.customer_backup_all",
        "schedule": crontab(minute=30, hour=1),
        "description": "Nightly 01:30: a verified backup of every customer (schema, public rows, files) to "
        "BACKUP_DIR, keeping the newest BACKUP_KEEP. — يوميًا 01:30: نسخة احتياطية موثّقة لكل عميل.",
    },
    "reports-sweep-stale": {
        "task": "reports.tasks.report_sweep_stale",
        "schedule": 60.0,
        "description": "Every minute: marks failed (with Retry) the reports whose worker died mid-build. — "
        "كل دقيقة: يعلّم التقارير التي توقف عاملها أثناء الإنشاء بأنها فشلت (مع إعادة المحاولة).",
    },
    # The write-time refreshes keep the summaries current; this catches what they cannot see.
    "rollups-reconcile": {
        "task": "rollups.tasks.rollups_reconcile_all",
        "schedule": 900.0,
        "description": "Every 15 minutes: rebuilds each customer's summaries (survey figures, feedback items, "
        "farms) in the public schema from its own data. — كل 15 دقيقة: يعيد بناء ملخصات كل عميل "
        "(أرقام الاستبيانات وعناصر الملاحظات والمزارع) في المخطط العام من بياناته.",
    },
}
