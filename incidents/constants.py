"""Defaults of the incidents app; the policies themselves are editable rows (SeverityPolicy)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from incidents.choices import Calendar, Category, Runbook, Severity

# The longest a severity policy's interval may be (30 days, in minutes).
POLICY_MAX_MINUTES = 30 * 24 * 60

CATEGORY_SEVERITY: dict[str, int] = {
    Category.SYSTEM_DOWN: Severity.CRITICAL,
    Category.DATA_LOSS: Severity.CRITICAL,
    Category.SECURITY_BREACH: Severity.CRITICAL,
    Category.PERFORMANCE_DEGRADATION: Severity.HIGH,
    Category.FEATURE_MALFUNCTION: Severity.HIGH,
    Category.MINOR_BUG: Severity.MEDIUM,
    Category.UI_ISSUE: Severity.MEDIUM,
}


@dataclass(frozen=True)
class PolicyDefaults:
    response_minutes: int
    resolution_minutes: int
    update_minutes: int
    warning_minutes: int
    calendar: str


# Response targets are the plan's; resolution, update cadence and warning margin are ours (README).
POLICY_DEFAULTS: dict[int, PolicyDefaults] = {
    Severity.CRITICAL: PolicyDefaults(15, 4 * 60, 30, 5, Calendar.ALWAYS),
    Severity.HIGH: PolicyDefaults(60, 24 * 60, 2 * 60, 15, Calendar.ALWAYS),
    # Three business days of 9 working hours.
    Severity.MEDIUM: PolicyDefaults(4 * 60, 3 * 9 * 60, 24 * 60, 30, Calendar.BUSINESS_HOURS),
}

# The Saudi working week: Sunday (6) to Thursday (3) in Python's Monday=0 numbering.
WORKDAYS = frozenset({6, 0, 1, 2, 3})
WORKDAY_START = dt.time(8, 0)
WORKDAY_END = dt.time(17, 0)
TIME_ZONE = "Asia/Riyadh"

RUNBOOK_STEPS: dict[str, tuple[tuple[str, object], ...]] = {
    Runbook.ROLLBACK: (
        ("undo_backend", _("Undo the backend rollout (kubectl rollout undo deployment/aquafarm-backend)")),
        ("undo_frontend", _("Undo the frontend rollout (kubectl rollout undo deployment/aquafarm-frontend)")),
    ),
    Runbook.DATA_RECOVERY: (
        (
            "restore_backup",
            _("Restore from the latest backup (manage.py customer_restore <archive> --slug <customer> [--as <new>])"),
        ),
        ("verify_integrity", _("Verify data integrity")),
        ("notify_users", _("Notify affected users")),
    ),
    Runbook.COMMUNICATION: (
        ("notify_pilot_users", _("Notify pilot users immediately")),
        ("status_updates", _("Provide status updates")),
        ("set_expectations", _("Set expectations for resolution")),
    ),
}
DEFAULT_RUNBOOKS: dict[int, tuple[str, ...]] = {
    Severity.CRITICAL: (Runbook.ROLLBACK, Runbook.DATA_RECOVERY, Runbook.COMMUNICATION),
    Severity.HIGH: (),
    Severity.MEDIUM: (),
}

ENGINE_BATCH_SIZE = 500
