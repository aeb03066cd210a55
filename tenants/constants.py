"""Numbers of the plan's selection criteria (section 1.1) and of slug validation."""

from tenants.choices import Status

PILOT_MIN_PONDS = 1
PILOT_MAX_PONDS = 5
# Regions a selection must span to count as geographically diverse (the plan picks three).
DIVERSITY_MIN_REGIONS = 3
SLUG_PATTERN = r"^[a-z][a-z0-9-]{1,28}[a-z0-9]$"
RESERVED_SLUGS = frozenset({"public", "www", "admin", "api", "static", "media", "tenant-base", "information-schema"})

# Allowed lifecycle moves; "withdrawn" is reachable from every active state.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.CANDIDATE: frozenset({Status.SELECTED, Status.WITHDRAWN}),
    Status.SELECTED: frozenset({Status.PROVISIONED, Status.CANDIDATE, Status.WITHDRAWN}),
    Status.PROVISIONED: frozenset({Status.TRAINING, Status.LIVE, Status.WITHDRAWN}),
    Status.TRAINING: frozenset({Status.LIVE, Status.WITHDRAWN}),
    Status.LIVE: frozenset({Status.COMPLETED, Status.WITHDRAWN}),
    Status.COMPLETED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
# Statuses in which a customer has a schema and a domain.
PROVISIONED_STATUSES = frozenset({Status.PROVISIONED, Status.TRAINING, Status.LIVE, Status.COMPLETED})
# Statuses that count as part of the pilot's selection (for the diversity check).
SELECTED_STATUSES = frozenset({Status.SELECTED, *PROVISIONED_STATUSES})
# A customer in these statuses has left the pilot: its portal is read-only, its survey links gone.
RETIRED_STATUSES = frozenset({Status.WITHDRAWN, Status.COMPLETED})
# Writes a retired customer's users may still make: signing in and out (password reset included,
# so they can reach their report), choosing the language.
RETIRED_WRITABLE_URL_NAMES = frozenset({"login", "logout", "set_language", "password_reset", "password_reset_confirm"})
SURVEY_URL_NAMES = frozenset({"feedback-survey", "feedback-survey-done"})
