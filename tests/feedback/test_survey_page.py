"""The survey link: no login, the contact's language, one response, and nothing for a wrong link."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context

from feedback.constants import GUESS_LIMIT
from feedback.models import Answer, FeedbackItem, Invitation, Response
from feedback.tokens import token_hash
from tests.conftest import TenantClient, tenant_host
from tests.feedback.conftest import ROUND_TIME, VALID, Invited
from tests.queries import statements

DURING_ROUND = ROUND_TIME + timedelta(days=1)


def _responses(invited: Invited) -> int:
    with tenant_context(invited.customer.tenant):
        return Response.objects.count()


@time_machine.travel(DURING_ROUND, tick=False)
def test_opening_the_link_shows_the_survey_without_consuming_it(invited_a: Invited, anon_a_client) -> None:
    for _ in range(3):  # a mail scanner, then the person, then again
        page = anon_a_client.get(invited_a.path("en"))
        assert page.status_code == 200
    body = page.content.decode()
    assert 'dir="ltr"' in body and "Weekly pilot check-in" in body
    assert "You can change your answers later with the same link" in body
    assert _responses(invited_a) == 0
    with tenant_context(invited_a.customer.tenant):
        assert Invitation.objects.get(pk=invited_a.invitations["en"].pk).first_opened_at is not None


@time_machine.travel(DURING_ROUND, tick=False)
def test_arabic_contact_gets_a_right_to_left_page_and_can_switch(invited_a: Invited, anon_a_client) -> None:
    body = anon_a_client.get(invited_a.path("ar")).content.decode()
    assert 'dir="rtl"' in body and 'lang="ar"' in body and "الاستبيان الأسبوعي للتجربة" in body
    english = anon_a_client.get(invited_a.path("ar") + "?lang=en").content.decode()
    assert 'dir="ltr"' in english and "Weekly pilot check-in" in english


@time_machine.travel(DURING_ROUND, tick=False)
def test_submitting_stores_the_answers_and_thanks(invited_a: Invited, anon_a_client) -> None:
    response = anon_a_client.post(invited_a.path("en"), {**VALID, "request": "Excel export"})
    assert response.status_code == 302 and response["Location"].endswith("/done/?lang=en")
    thanks = anon_a_client.get(response["Location"]).content.decode()
    assert "Thank you!" in thanks
    with tenant_context(invited_a.customer.tenant):
        closes = Invitation.objects.get(contact__language="en").expires_at
    until = f"until {timezone.localtime(closes):%-d %B %Y, %H:%M}."  # not "7:03 p.m.." (DATETIME_FORMAT's period)
    assert until in thanks, thanks
    with tenant_context(invited_a.customer.tenant):
        stored = {a.question.key: a for a in Answer.objects.select_related("question")}
        assert stored["satisfaction"].score == 5 and stored["features"].choices == ["reports", "mobile-app"]
        assert FeedbackItem.objects.get().title == "Excel export"


@time_machine.travel(DURING_ROUND, tick=False)
def test_a_first_submission_stores_its_answers_in_one_statement(invited_a: Invited, anon_a_client) -> None:
    """All answers go in one INSERT (one at a time, with a savepoint each, they were half of a submission's 79
    statements at the design point); the request still becomes its feedback item."""
    with CaptureQueriesContext(connection) as captured:
        response = anon_a_client.post(invited_a.path("en"), {**VALID, "request": "Excel export"})
    assert response.status_code == 302
    sql = statements(captured.captured_queries)
    assert len([q for q in sql if q.startswith('INSERT INTO "feedback_answer"')]) == 1
    assert not [q for q in sql if q.startswith('SELECT "feedback_answer"')]
    assert len(sql) <= 45
    with tenant_context(invited_a.customer.tenant):
        assert Answer.objects.count() == len(VALID)  # one per question
        assert FeedbackItem.objects.get().title == "Excel export"


@time_machine.travel(DURING_ROUND, tick=False)
def test_changing_answers_keeps_one_response(invited_a: Invited, anon_a_client) -> None:
    anon_a_client.post(invited_a.path("en"), {**VALID, "request": "Excel export"})
    page = anon_a_client.get(invited_a.path("en")).content.decode()
    assert "You have already answered" in page and 'value="5" checked' in page
    anon_a_client.post(invited_a.path("en"), {**VALID, "satisfaction": "2", "request": ""})
    with tenant_context(invited_a.customer.tenant):
        response = Response.objects.get()
        assert response.revisions == 2
        assert Answer.objects.get(response=response, question__key="satisfaction").score == 2
        assert not FeedbackItem.objects.exists()  # the request was withdrawn with the text


@time_machine.travel(DURING_ROUND, tick=False)
def test_bad_answers_name_the_question_and_store_nothing(invited_a: Invited, anon_a_client) -> None:
    response = anon_a_client.post(
        invited_a.path("en"), {**VALID, "satisfaction": "9", "recommend": "", "request": "x" * 2001}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="err-satisfaction"' in body and "Choose a number from 1 to 5." in body
    assert 'aria-describedby="err-recommend"' in body and "This question needs an answer." in body
    assert "Keep it under 2000 characters" in body
    assert _responses(invited_a) == 0


@time_machine.travel(DURING_ROUND, tick=False)
def test_arabic_error_messages(invited_a: Invited, anon_a_client) -> None:
    body = anon_a_client.post(invited_a.path("ar"), {**VALID, "satisfaction": ""}).content.decode()
    assert "هذا السؤال يحتاج إلى إجابة." in body


@time_machine.travel(DURING_ROUND, tick=False)
def test_a_guessed_token_gets_the_plain_not_valid_page(invited_a: Invited, anon_a_client) -> None:
    real = invited_a.token("en")
    near_miss = real[:-1] + ("0" if real[-1] != "0" else "1")
    for guess in ("0" * 64, "not-a-token", near_miss):
        response = anon_a_client.get(f"/s/{guess}/")
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()


def test_an_expired_link_is_gone_and_reveals_nothing(invited_a: Invited, anon_a_client) -> None:
    with time_machine.travel(ROUND_TIME + timedelta(days=8), tick=False):
        response = anon_a_client.get(invited_a.path("en"))
        assert response.status_code == 410
        body = response.content.decode()
        assert "This link is not valid" in body and "Weekly pilot check-in" not in body and "Eric" not in body
        assert anon_a_client.post(invited_a.path("en"), VALID).status_code == 410
    assert _responses(invited_a) == 0


@time_machine.travel(DURING_ROUND, tick=False)
def test_a_token_of_customer_a_is_unknown_on_customer_b(invited_a: Invited, tenant_b) -> None:
    client_b = TenantClient(tenant_host(tenant_b))
    assert client_b.get(invited_a.path("en")).status_code == 404
    assert client_b.post(invited_a.path("en"), VALID).status_code == 404
    assert _responses(invited_a) == 0


@time_machine.travel(DURING_ROUND, tick=False)
def test_a_flood_of_guesses_is_throttled_but_a_real_link_from_the_same_office_opens(
    invited_a: Invited, anon_a_client
) -> None:
    for n in range(GUESS_LIMIT):
        assert anon_a_client.get(f"/s/{n:064x}/").status_code == 404
    assert anon_a_client.get(f"/s/{'f' * 64}/").status_code == 429
    assert anon_a_client.get(invited_a.path("en")).status_code == 200  # a colleague's real link, same NAT address
    assert anon_a_client.post(invited_a.path("en"), VALID).status_code == 302


def test_only_the_hash_of_the_token_is_stored(invited_a: Invited) -> None:
    token = invited_a.token("en")
    with tenant_context(invited_a.customer.tenant):
        invitation = Invitation.objects.get(pk=invited_a.invitations["en"].pk)
        stored = [str(getattr(invitation, f.attname)) for f in Invitation._meta.concrete_fields]
    assert token not in stored and token_hash(token) in stored
    assert len(bytes.fromhex(token)) * 8 >= 128


@time_machine.travel(DURING_ROUND, tick=False)
@pytest.mark.parametrize(
    "answers",
    [{"satisfaction": "9" * 5000}, {"satisfaction": "-" + "9" * 5000}, {"pain-point": "slow\x00reports"}],
)
def test_hostile_answers_are_a_400_never_a_500(invited_a: Invited, anon_a_client, answers: dict) -> None:
    response = anon_a_client.post(invited_a.path("en"), {**VALID, **answers})
    assert response.status_code == 400
    assert _responses(invited_a) == 0
