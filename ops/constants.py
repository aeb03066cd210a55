"""Tunables of the outbox and the heartbeats (each can be overridden in settings of the same name)."""

OUTBOX_MAX_ATTEMPTS = 8  # 30 s, 1, 2, 4, 8, 16, 32 min: about an hour of retries, then *failed*
OUTBOX_RETRY_BASE_SECONDS = 30
OUTBOX_RETRY_MAX_SECONDS = 3600
OUTBOX_FLUSH_BATCH = 200
# After the broker refused a message, requests stop trying it for this long (the periodic flush delivers).
BROKER_BACKOFF_SECONDS = 30
# /readyz and the dashboard banner: the incident timers run every minute; three missed runs is an outage.
TIMERS_STALE_AFTER_SECONDS = 180
TIMERS_SCHEDULE_ENTRY = "incidents-timers"
