"""Numbers of the feedback process. Each can be overridden by a setting of the same name."""

from django.conf import settings

# Scale bounds per question kind: (lowest, highest).
SCALES: dict[str, tuple[int, int]] = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}
CSAT_POSITIVE_MIN = 4
NPS_PROMOTER_MIN = 9
NPS_PASSIVE_MIN = 7

TEXT_MAX_CHARS = 2000
# 32 random bytes: twice the 128 bits the issue asks for.
TOKEN_BYTES = 32

ROUND_OPEN_DAYS: int = getattr(settings, "FEEDBACK_ROUND_OPEN_DAYS", 7)
# The weekly round opens on Sunday at this hour (Asia/Riyadh); an hourly beat run catches up a missed one.
ROUND_OPENS_HOUR: int = getattr(settings, "FEEDBACK_ROUND_OPENS_HOUR", 9)
REMINDER_AFTER_DAYS: int = getattr(settings, "FEEDBACK_REMINDER_AFTER_DAYS", 2)
REMINDER_MAX: int = getattr(settings, "FEEDBACK_REMINDER_MAX", 2)
# Failed token lookups allowed per client IP per window before the survey link answers 429.
GUESS_LIMIT: int = getattr(settings, "FEEDBACK_GUESS_LIMIT", 20)
GUESS_WINDOW_SECONDS: int = getattr(settings, "FEEDBACK_GUESS_WINDOW_SECONDS", 600)

DEFAULT_SURVEY_KEY = "weekly-checkin"
# A question as the staff survey list gives it (the API's and the public summary's shape), in this order.
QUESTION_FIELDS = ("key", "order", "kind", "text_en", "text_ar", "required", "options", "item_kind")
TOP_ITEMS = 5
