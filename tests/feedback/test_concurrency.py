"""One response per invitation when two submissions arrive at the same moment (real PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django_tenants.utils import tenant_context

from feedback.models import Answer, Response
from feedback.services.responses import survey_response_submit
from tests.feedback.conftest import ROUND_TIME, VALID, invite


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_leave_one_response(tenant_a) -> None:
    invited = invite(tenant_a)
    invitation = invited.invitations["en"]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def submit(score: str) -> None:
        try:
            connection.set_tenant(tenant_a.tenant)
            barrier.wait()
            survey_response_submit(invitation=invitation, data={**VALID, "satisfaction": score}, language="en")
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    with time_machine.travel(ROUND_TIME + timedelta(hours=1), tick=False):
        threads = [threading.Thread(target=submit, args=(score,)) for score in ("2", "5")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    with tenant_context(tenant_a.tenant):
        response = Response.objects.get()
        assert response.revisions == 2
        assert Answer.objects.filter(response=response).count() == 7
        assert Answer.objects.get(response=response, question__key="satisfaction").score in (2, 5)
