"""Phases against the calendar: dates from the program start, progress and lateness at given
dates (frozen time), and the gate that closes a phase."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from pilot.choices import PhaseKey, PhaseStatus
from pilot.models import ChecklistItem, Phase, Program
from pilot.selectors import customer_checklist, late_items, phase_list
from pilot.services.program import checklist_item_complete, checklist_item_validate, phase_close, program_plan_seed
from tests.pilot.conftest import START, at


def rows_by_key(as_of: dt.date) -> dict:
    return {row.key: row for row in phase_list(as_of=as_of)}


def test_phases_follow_the_plans_weeks_from_the_program_start(program: Program) -> None:
    rows = rows_by_key(START)
    assert [(r.start, r.end) for r in rows.values()] == [
        (START, dt.date(2026, 9, 20)),  # weeks 1–2
        (dt.date(2026, 9, 20), dt.date(2026, 9, 27)),  # week 3
        (dt.date(2026, 9, 27), dt.date(2026, 10, 11)),  # weeks 4–5
        (dt.date(2026, 10, 11), dt.date(2026, 11, 1)),  # weeks 6–8
        (dt.date(2026, 11, 1), dt.date(2026, 11, 15)),  # weeks 9–10
    ]
    assert rows[PhaseKey.PREPARATION].owner_team == "DevOps team"
    assert rows[PhaseKey.ANALYSIS].expected_outcome == "Final report"


def test_seeding_twice_keeps_what_the_program_manager_edited(program: Program, tenant_a) -> None:
    ChecklistItem.objects.filter(code="ssl").update(title_en="SSL (wildcard)")
    program_plan_seed(customers=[tenant_a])
    assert ChecklistItem.objects.get(code="ssl").title_en == "SSL (wildcard)"
    assert ChecklistItem.objects.filter(customer=tenant_a).count() == 4


def test_items_fall_due_on_the_last_day_of_their_phase(program: Program) -> None:
    assert ChecklistItem.objects.get(code="ssl").due_date == dt.date(2026, 9, 19)
    assert ChecklistItem.objects.get(code="otel-tracing").due_date == dt.date(2026, 9, 26)


def test_an_open_item_is_late_only_after_its_due_date(program: Program) -> None:
    due = dt.date(2026, 9, 19)
    assert rows_by_key(due)[PhaseKey.PREPARATION].late_items == 0
    # 8 environment items; the onboarding steps of the test customers were ticked by provisioning.
    assert rows_by_key(due + dt.timedelta(days=1))[PhaseKey.PREPARATION].late_items == 8
    assert len(late_items(as_of=due + dt.timedelta(days=1))) == 8


def test_progress_counts_done_items_and_the_onboarding_steps(program: Program, program_manager) -> None:
    row = rows_by_key(START)[PhaseKey.PREPARATION]
    onboarding = row.total_items - 8
    assert onboarding == 8  # four steps for each of the two test customers, all done
    assert row.progress_pct == pytest.approx(50)
    for item in ChecklistItem.objects.filter(code__in=["ssl", "domain"]):
        checklist_item_complete(item=item, by=program_manager)
    row = rows_by_key(START)[PhaseKey.PREPARATION]
    assert (row.done_items, row.progress_pct) == (10, 62.5)


def test_an_item_done_after_its_due_date_is_no_longer_late_but_shows_it_was(program: Program, program_manager) -> None:
    item = ChecklistItem.objects.get(code="ssl")
    with time_machine.travel(at(dt.date(2026, 9, 22)), tick=False):
        checklist_item_complete(item=item, by=program_manager)
    row = next(r for r in rows_by_key(dt.date(2026, 9, 25))[PhaseKey.PREPARATION].checklist if r.item == item)
    assert not row.is_late(dt.date(2026, 9, 25))
    assert row.was_done_late()
    assert row.done_by == program_manager.username


def test_calendar_state_of_a_phase(program: Program) -> None:
    assert rows_by_key(START - dt.timedelta(days=1))[PhaseKey.PREPARATION].calendar_state == "upcoming"
    assert rows_by_key(START)[PhaseKey.PREPARATION].calendar_state == "current"
    assert rows_by_key(dt.date(2026, 9, 20))[PhaseKey.PREPARATION].calendar_state == "overdue"


def test_the_gate_refuses_to_close_a_phase_with_open_items(program: Program, program_manager) -> None:
    phase = Phase.objects.get(key=PhaseKey.DEPLOYMENT)
    with pytest.raises(ValidationError) as error:
        phase_close(phase=phase, by=program_manager)
    assert "override_reason" in error.value.message_dict
    phase.refresh_from_db()
    assert phase.status != PhaseStatus.CLOSED


def test_the_gate_closes_a_phase_whose_checklist_is_done(program: Program, program_manager) -> None:
    phase = Phase.objects.get(key=PhaseKey.DEPLOYMENT)
    for item in phase.items.all():
        checklist_item_complete(item=item, by=program_manager)
    with time_machine.travel(at(dt.date(2026, 9, 26)), tick=False):
        closed = phase_close(phase=phase, by=program_manager, override_reason="ignored")
    assert closed.status == PhaseStatus.CLOSED
    assert closed.override_reason == ""  # nothing was overridden
    assert closed.closed_by == program_manager
    assert closed.closed_at == at(dt.date(2026, 9, 26))


def test_an_override_with_a_reason_closes_the_gate_and_is_recorded(program: Program, program_manager) -> None:
    phase = Phase.objects.get(key=PhaseKey.PREPARATION)
    closed = phase_close(phase=phase, by=program_manager, override_reason="Backups signed off by e-mail")
    assert closed.status == PhaseStatus.CLOSED
    assert closed.override_reason == "Backups signed off by e-mail"
    with pytest.raises(ValidationError):
        phase_close(phase=phase, by=program_manager, override_reason="again")


def test_a_phase_that_has_not_started_needs_an_override_even_when_done(program: Program, program_manager) -> None:
    phase = Phase.objects.get(key=PhaseKey.DEPLOYMENT)
    for item in phase.items.all():
        checklist_item_complete(item=item, by=program_manager)
    with time_machine.travel(at(START), tick=False):  # deployment starts in week 3
        with pytest.raises(ValidationError) as error:
            phase_close(phase=phase, by=program_manager)
        assert "the phase starts on" in error.value.messages[0]
        with pytest.raises(ValidationError) as error:
            phase_close(phase=phase, by=program_manager, override_reason="Vendor asked to skip", confirmed=False)
        assert "confirm" in error.value.message_dict
        closed = phase_close(phase=phase, by=program_manager, override_reason="Vendor asked to skip")
    assert closed.status == PhaseStatus.CLOSED and closed.override_reason == "Vendor asked to skip"


def test_a_blank_override_reason_does_not_count(program: Program, program_manager) -> None:
    with pytest.raises(ValidationError):
        phase_close(phase=Phase.objects.get(key=PhaseKey.PREPARATION), by=program_manager, override_reason="   ")


def test_open_onboarding_steps_block_the_preparation_gate(program: Program, program_manager, tenant_a) -> None:
    ChecklistItem.objects.filter(phase__key=PhaseKey.PREPARATION).update(done_at=at(START))
    tenant_a.onboarding_steps.filter(code="tax_profile").update(done_at=None)
    with pytest.raises(ValidationError):
        phase_close(phase=Phase.objects.get(key=PhaseKey.PREPARATION), by=program_manager)
    tenant_a.onboarding_steps.update(done_at=at(START))
    assert phase_close(phase=Phase.objects.get(key=PhaseKey.PREPARATION), by=program_manager).status == "closed"


def test_customer_checklist_shows_its_onboarding_and_core_tests_only(program: Program, tenant_a) -> None:
    rows = customer_checklist(customer=tenant_a)
    assert len(rows) == 8
    assert {row.customer for row in rows} == {tenant_a}
    assert [row.title for row in rows if row.item][:1] == ["Login and logout"]


def test_a_due_date_before_the_program_starts_is_refused(program: Program) -> None:
    with pytest.raises(ValidationError) as error:
        checklist_item_validate(due_date=START - dt.timedelta(days=1))
    assert list(error.value.message_dict) == ["due_date"]
    checklist_item_validate(due_date=START)


def test_phase_list_runs_in_constant_queries(program: Program, django_assert_max_num_queries) -> None:
    # Four SELECTs (program, onboarding steps, phases, items) plus the search_path django-tenants sets.
    with django_assert_max_num_queries(8):
        rows = phase_list(as_of=START)
    assert len(rows) == 5
