"""Pure deadline maths: working-time calendars and which timers are due. No ORM, no clock reads."""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from incidents.constants import TIME_ZONE, WORKDAY_END, WORKDAY_START, WORKDAYS


@dataclass(frozen=True)
class WorkCalendar:
    """Either every second counts (24/7) or only Sunday–Thursday working hours outside holidays."""

    always: bool = True
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    workdays: frozenset[int] = WORKDAYS
    day_start: dt.time = WORKDAY_START
    day_end: dt.time = WORKDAY_END
    tz: ZoneInfo = ZoneInfo(TIME_ZONE)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() in self.workdays and day not in self.holidays

    def _window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        return dt.datetime.combine(day, self.day_start, self.tz), dt.datetime.combine(day, self.day_end, self.tz)


ALWAYS = WorkCalendar()


def add_working_time(start: dt.datetime, seconds: float, calendar: WorkCalendar) -> dt.datetime:
    """The moment `seconds` of working time after `start`."""
    if calendar.always:
        return start + dt.timedelta(seconds=seconds)
    remaining = dt.timedelta(seconds=seconds)
    cursor = start.astimezone(calendar.tz)
    day = cursor.date()
    while True:
        if calendar.is_working_day(day):
            opens, closes = calendar._window(day)
            begin = max(cursor, opens)
            if begin < closes:
                if begin + remaining <= closes:
                    return begin + remaining
                remaining -= closes - begin
        day += dt.timedelta(days=1)


def working_seconds_between(start: dt.datetime, end: dt.datetime, calendar: WorkCalendar) -> int:
    """Working seconds in [start, end); 0 when end is not after start."""
    if end <= start:
        return 0
    if calendar.always:
        return int((end - start).total_seconds())
    total = dt.timedelta()
    day, last = start.astimezone(calendar.tz).date(), end.astimezone(calendar.tz).date()
    while day <= last:
        if calendar.is_working_day(day):
            opens, closes = calendar._window(day)
            begin, finish = max(start, opens), min(end, closes)
            if finish > begin:
                total += finish - begin
        day += dt.timedelta(days=1)
    return int(total.total_seconds())


@dataclass(frozen=True)
class ClockState:
    """What the engine needs to know about one clock of one incident."""

    due_at: dt.datetime
    warning_minutes: int
    stopped_at: dt.datetime | None  # acknowledged (response) or resolved (resolution)
    warned_at: dt.datetime | None
    breached_at: dt.datetime | None
    paused: bool = False

    @property
    def warn_at(self) -> dt.datetime:
        return self.due_at - dt.timedelta(minutes=self.warning_minutes)


@dataclass(frozen=True)
class Alarm:
    level: str  # "warning" | "breach"
    at: dt.datetime  # the true moment, even when the engine runs late
    notify: bool  # False for a warning caught up after its breach already passed


def alarms_due(clock: ClockState, now: dt.datetime) -> list[Alarm]:
    """Warnings and breaches of one clock that are due at `now` and not yet recorded.

    A clock stopped before a threshold never fires it; a clock stopped after it still does (the
    engine may have been down), at the threshold's true time.
    """
    if clock.paused:
        return []
    alarms = []
    if clock.breached_at is None and _passed(clock.due_at, clock.stopped_at, now):
        alarms.append(Alarm("breach", clock.due_at, True))
    if clock.warned_at is None and _passed(clock.warn_at, clock.stopped_at, now):
        alarms.insert(0, Alarm("warning", clock.warn_at, notify=not alarms))
    return alarms


def _passed(threshold: dt.datetime, stopped_at: dt.datetime | None, now: dt.datetime) -> bool:
    return threshold <= now and (stopped_at is None or stopped_at > threshold)


def next_check(clock: ClockState) -> dt.datetime | None:
    """When the engine must next look at this clock, or None when it never needs to."""
    if clock.paused or clock.breached_at is not None:
        return None
    threshold = clock.warn_at if clock.warned_at is None else clock.due_at
    if clock.stopped_at is not None and clock.stopped_at <= threshold:
        return None
    return threshold
