"""Configuration rows: severity policies with the plan's defaults, public holidays from `holidays`."""

import holidays as holiday_package

from incidents.choices import Severity
from incidents.models import Holiday, SeverityPolicy
from incidents.selectors import policy_default


def policies_ensure() -> list[SeverityPolicy]:
    """Create the missing policies with their defaults; edited ones are left alone."""
    policies = []
    for severity in Severity.values:
        default = policy_default(severity=severity)
        fields = {name: getattr(default, name) for name in ("response_minutes", "resolution_minutes", "calendar")}
        fields |= {"update_minutes": default.update_minutes, "warning_minutes": default.warning_minutes}
        policy, _created = SeverityPolicy.objects.get_or_create(severity=severity, defaults=fields)
        policies.append(policy)
    return policies


def holidays_sync(*, years: list[int]) -> int:
    """Add Saudi public holidays of `years` from the `holidays` package; returns how many were new."""
    existing = set(Holiday.objects.values_list("date", flat=True))
    rows = [
        Holiday(date=day, name=str(name)[:120])
        for day, name in holiday_package.country_holidays("SA", years=years).items()
        if day not in existing
    ]
    Holiday.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
