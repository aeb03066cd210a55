"""Answers of one customer add to its summaries without waiting for each other's commit, and a recount racing
them loses nothing (real PostgreSQL, one connection per thread)."""

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django_tenants.utils import tenant_context

from feedback.models import Invitation
from feedback.selectors import FeedbackSummary, feedback_summary
from feedback.services import rollups as feedback_rollups
from feedback.services.responses import survey_response_submit
from rollups.models import FeedbackDay, FeedbackItemDay
from rollups.services import rollups_reconcile
from tenants.models import PilotCustomer
from tests.feedback.conftest import ROUND_TIME, VALID, invite
from tests.rollups.test_figures_equal import _direct, _without_age


def _counted_directly(customer: PilotCustomer, summary: FeedbackSummary) -> FeedbackSummary:
    """The summary recounted from the customer's schema (the program may have other customers without answers)."""
    return replace(_direct([customer], None, None), customers=summary.customers)


ANSWER = {**VALID, "pain-point": "Slow sync"}  # a free text: an item too
ANSWERED_AT = ROUND_TIME + timedelta(hours=1)


class HeldOpen(threading.Thread):
    """Runs `work` in the customer's schema in a transaction it keeps open until `release` is set."""

    def __init__(self, customer: PilotCustomer, work: Callable[[], object]) -> None:
        super().__init__()
        self.customer, self.work = customer, work
        self.done, self.release, self.connected = threading.Event(), threading.Event(), threading.Event()
        self.errors: list[BaseException] = []
        self.pid = 0

    def run(self) -> None:
        try:
            connection.set_tenant(self.customer.tenant)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.pid = cursor.fetchone()[0]
            self.connected.set()
            with transaction.atomic():
                self.work()
                self.done.set()
                self.release.wait(20)
        except BaseException as error:
            self.errors.append(error)
        finally:
            self.connected.set()
            self.done.set()
            connection.close()


def _submit(invitation: Invitation, data: dict) -> Callable[[], object]:
    return lambda: survey_response_submit(invitation=invitation, data=data, language="en")


def _waits_for(waiter: HeldOpen, holder: HeldOpen) -> bool:
    """Whether `waiter`'s connection is blocked by `holder`'s (PostgreSQL's own account, these two sessions only)."""
    assert waiter.connected.wait(20) and holder.connected.wait(20)
    for _ in range(200):
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s = ANY(pg_blocking_pids(%s))", [holder.pid, waiter.pid])
            if cursor.fetchone()[0]:
                return True
        waiter.join(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_an_answer_does_not_wait_for_another_answer_of_its_customer_to_commit(tenant_a) -> None:
    invited = invite(tenant_a)
    with time_machine.travel(ANSWERED_AT, tick=False):
        first = HeldOpen(tenant_a, _submit(invited.invitations["ar"], ANSWER))
        first.start()
        assert first.done.wait(20)
        try:
            with tenant_context(tenant_a.tenant), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")  # it used to queue on the first's rollup lock
                survey_response_submit(invitation=invited.invitations["en"], data=ANSWER, language="en")
        finally:
            first.release.set()
            first.join()
    assert first.errors == []
    summary = _without_age(feedback_summary())
    assert (summary.responses, summary.response_rate_pct, summary.top_pain_points) == (2, 100, [("Slow sync", 2)])
    assert summary == _counted_directly(tenant_a, summary)
    assert FeedbackDay.objects.filter(customer=tenant_a).count() == 3  # the invitations' row and two changes
    assert FeedbackItemDay.objects.filter(customer=tenant_a, title="Slow sync").count() == 2

    rollups_reconcile()  # folds each day's rows into one; the figures stay
    assert FeedbackDay.objects.filter(customer=tenant_a).count() == 1
    assert list(FeedbackItemDay.objects.filter(customer=tenant_a).values_list("title", "items")) == [("Slow sync", 2)]
    assert _without_age(feedback_summary()) == summary


@pytest.mark.django_db(transaction=True)
def test_a_recount_waits_for_an_answer_being_added_and_counts_it(tenant_a) -> None:
    """A revision recounts its week, replacing the week's rows. It waits for the answer whose change row is not
    committed yet; then it sees that answer and removes its row: counted once, not zero times or twice."""
    invited = invite(tenant_a)
    with time_machine.travel(ANSWERED_AT, tick=False):
        with tenant_context(tenant_a.tenant):
            survey_response_submit(invitation=invited.invitations["en"], data=VALID, language="en")
        adding = HeldOpen(tenant_a, _submit(invited.invitations["ar"], ANSWER))
        adding.start()
        assert adding.done.wait(20)
        revision = HeldOpen(tenant_a, _submit(invited.invitations["en"], {**VALID, "satisfaction": "1"}))
        revision.release.set()
        revision.start()
        assert _waits_for(revision, adding), "the recount did not wait for the uncommitted change"
        adding.release.set()
        adding.join()
        revision.join()
    assert adding.errors == revision.errors == []
    summary = _without_age(feedback_summary())
    assert (summary.responses, summary.satisfaction_pct) == (2, 50)  # the revision's 1 and the added answer's 5
    assert summary == _counted_directly(tenant_a, summary)
    assert FeedbackDay.objects.filter(customer=tenant_a).count() == 1  # the recount replaced the change row


@pytest.mark.django_db(transaction=True)
def test_an_answer_being_added_waits_for_a_recount_in_progress(tenant_a, monkeypatch) -> None:
    """The interleaving that would lose an answer: a recount has read the week's answers but not yet replaced the
    week's rows when another answer's change row commits (its DELETE would take that row, its figures lack the
    answer). So an append waits for a recount in progress, and is counted after it."""
    invited = invite(tenant_a)
    recounts: list[threading.Thread] = []
    read, go_on = threading.Event(), threading.Event()
    week_counts_read = feedback_rollups.schema_week_counts_read

    def read_then_pause(**window):
        counts = week_counts_read(**window)
        if threading.current_thread() in recounts:
            read.set()
            go_on.wait(20)
        return counts

    monkeypatch.setattr(feedback_rollups, "schema_week_counts_read", read_then_pause)
    with time_machine.travel(ANSWERED_AT, tick=False):
        with tenant_context(tenant_a.tenant):
            survey_response_submit(invitation=invited.invitations["en"], data=VALID, language="en")
        revision = HeldOpen(tenant_a, _submit(invited.invitations["en"], {**VALID, "satisfaction": "1"}))
        recounts.append(revision)
        revision.release.set()
        revision.start()
        assert read.wait(20), "the revision did not recount"
        adding = HeldOpen(tenant_a, _submit(invited.invitations["ar"], ANSWER))
        adding.release.set()
        adding.start()
        try:
            assert _waits_for(adding, revision), "the answer's change did not wait for the recount in progress"
        finally:
            go_on.set()
            revision.join()
            adding.join()
    assert revision.errors == adding.errors == []
    summary = _without_age(feedback_summary())
    assert (summary.responses, summary.satisfaction_pct) == (2, 50)
    assert summary == _counted_directly(tenant_a, summary)


@pytest.mark.django_db(transaction=True)
def test_with_appends_off_answers_keep_one_row_per_day_and_title(tenant_a, settings) -> None:
    """ROLLUPS_APPEND_CHANGES off (while pods of a release before rollups/0003 may run: they expect one row per
    day and per item title): each answer recounts its day instead, and the figures are the same."""
    settings.ROLLUPS_APPEND_CHANGES = False
    invited = invite(tenant_a)
    with time_machine.travel(ANSWERED_AT, tick=False), tenant_context(tenant_a.tenant):
        for language in ("ar", "en"):
            survey_response_submit(invitation=invited.invitations[language], data=ANSWER, language=language)
    assert FeedbackDay.objects.filter(customer=tenant_a).count() == 1
    assert list(FeedbackItemDay.objects.filter(customer=tenant_a).values_list("title", "items")) == [("Slow sync", 2)]
    summary = _without_age(feedback_summary())
    assert (summary.responses, summary.top_pain_points) == (2, [("Slow sync", 2)])
    assert summary == _counted_directly(tenant_a, summary)
