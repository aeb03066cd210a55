"""Pure calendar and alarm maths: no database."""

import datetime as dt

from incidents.rules import (
    ALWAYS,
    ClockState,
    WorkCalendar,
    add_working_time,
    alarms_due,
    next_check,
    working_seconds_between,
)
from tests.incidents.factories import riyadh

FOUNDING_DAY = dt.date(2026, 2, 22)  # a Sunday
BUSINESS = WorkCalendar(always=False, holidays=frozenset({FOUNDING_DAY}))


def test_always_calendar_counts_every_second() -> None:
    assert add_working_time(riyadh(2026, 2, 20, 23, 50), 15 * 60, ALWAYS) == riyadh(2026, 2, 21, 0, 5)


def test_thursday_afternoon_report_skips_weekend_and_holiday() -> None:
    # 1 h on Thursday (16–17), Friday and Saturday off, Sunday a holiday: 3 h more on Monday from 08:00.
    assert add_working_time(riyadh(2026, 2, 19, 16), 4 * 3600, BUSINESS) == riyadh(2026, 2, 23, 11)


def test_report_outside_hours_starts_counting_at_opening() -> None:
    assert add_working_time(riyadh(2026, 2, 17, 20), 3600, BUSINESS) == riyadh(2026, 2, 18, 9)


def test_deadline_exactly_at_closing_stays_on_that_day() -> None:
    assert add_working_time(riyadh(2026, 2, 18, 13), 4 * 3600, BUSINESS) == riyadh(2026, 2, 18, 17)


def test_working_seconds_between_ignores_nights_weekends_and_holidays() -> None:
    assert working_seconds_between(riyadh(2026, 2, 19, 16), riyadh(2026, 2, 23, 9), BUSINESS) == 2 * 3600
    assert working_seconds_between(riyadh(2026, 2, 23, 9), riyadh(2026, 2, 19, 16), BUSINESS) == 0


def _clock(**fields: object) -> ClockState:
    values = {"due_at": riyadh(2026, 3, 1, 15), "warning_minutes": 5, "stopped_at": None, "warned_at": None}
    return ClockState(breached_at=None, **{**values, **fields})


def test_nothing_fires_before_the_warning_margin() -> None:
    assert alarms_due(_clock(), riyadh(2026, 3, 1, 14, 54)) == []


def test_warning_fires_inside_the_margin_then_breach_at_the_deadline() -> None:
    assert [a.level for a in alarms_due(_clock(), riyadh(2026, 3, 1, 14, 56))] == ["warning"]
    breach = alarms_due(_clock(warned_at=riyadh(2026, 3, 1, 14, 55)), riyadh(2026, 3, 1, 15, 1))
    assert [(a.level, a.at) for a in breach] == [("breach", riyadh(2026, 3, 1, 15))]


def test_late_engine_records_both_at_their_true_time_and_notifies_only_the_breach() -> None:
    alarms = alarms_due(_clock(), riyadh(2026, 3, 1, 16))
    assert [(a.level, a.at, a.notify) for a in alarms] == [
        ("warning", riyadh(2026, 3, 1, 14, 55), False),
        ("breach", riyadh(2026, 3, 1, 15), True),
    ]


def test_clock_stopped_before_deadline_never_breaches() -> None:
    clock = _clock(stopped_at=riyadh(2026, 3, 1, 14, 59), warned_at=riyadh(2026, 3, 1, 14, 55))
    assert alarms_due(clock, riyadh(2026, 3, 1, 18)) == []
    assert next_check(clock) is None


def test_clock_stopped_after_deadline_still_breaches_when_engine_was_down() -> None:
    clock = _clock(stopped_at=riyadh(2026, 3, 1, 15, 1), warned_at=riyadh(2026, 3, 1, 14, 55))
    assert [a.at for a in alarms_due(clock, riyadh(2026, 3, 1, 16))] == [riyadh(2026, 3, 1, 15)]


def test_paused_clock_fires_nothing() -> None:
    assert alarms_due(_clock(paused=True), riyadh(2026, 3, 2)) == []
    assert next_check(_clock(paused=True)) is None


def test_next_check_is_the_warning_then_the_deadline() -> None:
    assert next_check(_clock()) == riyadh(2026, 3, 1, 14, 55)
    assert next_check(_clock(warned_at=riyadh(2026, 3, 1, 14, 55))) == riyadh(2026, 3, 1, 15)
