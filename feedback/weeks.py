"""Survey weeks start on Sunday, the first day of the Saudi work week (no ORM)."""

from datetime import date, datetime, time, timedelta


def week_start_for(day: date) -> date:
    return day - timedelta(days=(day.weekday() + 1) % 7)


def weeks_between(first: date, last: date) -> list[date]:
    """Every week start from first's week to last's week, inclusive."""
    week, end = week_start_for(first), week_start_for(last)
    weeks = []
    while week <= end:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def week_opening(now_local: datetime, hour: int) -> datetime:
    """When this week's survey round opens: its Sunday at `hour`, in `now_local`'s time zone."""
    sunday = week_start_for(now_local.date())
    return datetime.combine(sunday, time(hour), tzinfo=now_local.tzinfo)
