"""The staff survey list (`GET /api/v1/surveys/`, `/admin/feedback/surveys/`) reads the public SurveyDigest:
the same answer as reading every customer's schema, kept current by every survey write, repaired by the
reconciliation, in the same number of queries at 3 customers as at 20."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context

from feedback.api.serializers import SurveyOutputSerializer
from feedback.models import Question
from feedback.selectors import SurveysByCustomer, survey_list
from rollups.models import SurveyDigest
from rollups.services import rollups_reconcile
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_provisioned, customer_schemas_visit
from tests.conftest import TenantClient
from tests.feedback.conftest import invite
from tests.queries import statements
from tests.rollups.conftest import cheap_customers_add

API = "/api/v1/surveys/"
PAGE = "/admin/feedback/surveys/"
CHOICES = [
    {"value": "daily", "en": "Every day", "ar": "كل يوم"},
    {"value": "weekly", "en": "Every week", "ar": "كل أسبوع"},
]
NEW_SURVEY = {
    "key": "mobile-app",
    "title_en": "The mobile app",
    "title_ar": "تطبيق الجوال",
    "customers": ["beta"],
    "publish": False,
    "questions": [
        {"key": "how-often", "kind": "single", "text_en": "How often?", "text_ar": "كم مرة؟", "options": CHOICES},
        {
            "key": "why",
            "kind": "text",
            "text_en": "Why?",
            "text_ar": "لماذا؟",
            "required": False,
            "item_kind": "suggestion",
        },
    ],
}


def _direct_rows() -> list[tuple[PilotCustomer, list]]:
    """What the list answered before the summaries: every customer's surveys read in its own schema."""
    customers = list(customer_list_provisioned())
    found = customer_schemas_visit(lambda customer: list(survey_list()), customers=customers)
    return [(customer, found[customer.pk]) for customer in customers]


def _direct_api_text() -> str:
    rows = [
        {"customer": customer.slug, "surveys": SurveyOutputSerializer(surveys, many=True).data}
        for customer, surveys in _direct_rows()
    ]
    return json.dumps(rows, ensure_ascii=False)


def _api_text(client: TenantClient) -> str:
    response = client.get(API)
    assert response.status_code == 200
    return json.dumps(response.json(), ensure_ascii=False)  # json keeps the order of the keys it read


def _surveys_of(client: TenantClient, slug: str) -> dict[str, dict]:
    rows = {row["customer"]: row["surveys"] for row in client.get(API).json()}
    return {survey["key"]: survey for survey in rows[slug]}


@pytest.fixture
def surveyed(tenant_a: PilotCustomer, tenant_b: PilotCustomer, pm_client: TenantClient) -> list[PilotCustomer]:
    """A with the default survey and a round; B with a survey of the program manager's, unpublished."""
    invite(tenant_a)
    assert pm_client.post(API, NEW_SURVEY, content_type="application/json").status_code == 201
    return [tenant_a, tenant_b]


def test_the_api_answers_byte_for_byte_what_reading_every_schema_answered(surveyed, pm_client) -> None:
    assert _api_text(pm_client) == _direct_api_text()
    a, b = (_surveys_of(pm_client, slug) for slug in ("alpha", "beta"))
    assert a["weekly-checkin"]["rounds"] == 1 and len(a["weekly-checkin"]["questions"]) == 7
    assert list(b["mobile-app"]["questions"][0]) == [
        "key",
        "order",
        "kind",
        "text_en",
        "text_ar",
        "required",
        "options",
        "item_kind",
    ]
    assert b["mobile-app"]["questions"][0]["options"] == CHOICES


def _content(page: str) -> str:
    """The page's content without what changes on every request (CSRF tokens) or what is new (the age line)."""
    content = page.split('id="content-main"')[1]
    content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content)
    content = re.sub(r'<p class="help" id="surveys-as-of">.*?</p>', "", content)
    return re.sub(r"\n\s*\n", "\n", content)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_page_shows_what_reading_every_schema_showed(surveyed, pm_client, monkeypatch, language) -> None:
    page = pm_client.get(PAGE, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'id="surveys-as-of"' in page
    direct = SurveysByCustomer(rows=_direct_rows(), as_of=None)
    monkeypatch.setattr("feedback.backoffice_views.surveys.survey_list_by_customer", lambda: direct)
    before = pm_client.get(PAGE, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert _content(page) == _content(before)
    assert ("تطبيق الجوال" if language == "ar" else "The mobile app") in page


def test_the_page_says_how_old_the_surveys_are_in_both_languages(surveyed, pm_client) -> None:
    english = pm_client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    arabic = pm_client.get(PAGE, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "Surveys as of" in english
    assert "الاستبيانات حتى الساعة" in arabic


def _statements(client: TenantClient, path: str) -> list[str]:
    client.get(path)  # warm the navigation counts' cache, so both sizes are measured alike
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return statements(captured.captured_queries)


def test_the_list_makes_as_many_queries_at_20_customers_as_at_3(
    surveyed, pm_client, django_assert_max_num_queries
) -> None:
    cheap_customers_add(1)
    at_3 = {path: len(_statements(pm_client, path)) for path in (API, PAGE)}
    cheap_customers_add(17, first=1)
    at_20 = {path: len(_statements(pm_client, path)) for path in (API, PAGE)}
    assert at_20 == at_3
    with django_assert_max_num_queries(4):
        pm_client.get(API)
    assert sum(len(row["surveys"]) for row in pm_client.get(API).json()) == 2 + 18  # the cheap ones' too


def test_publishing_and_withdrawing_show_in_the_next_read(surveyed, pm_client) -> None:
    assert (
        pm_client.post(f"/admin/feedback/surveys/beta/{NEW_SURVEY['key']}/publish/", {"published": "1"}).status_code
        == 302
    )
    assert _surveys_of(pm_client, "beta")["mobile-app"]["published"] is True
    assert (
        pm_client.post("/admin/feedback/surveys/alpha/weekly-checkin/publish/", {"published": "0"}).status_code == 302
    )
    assert _surveys_of(pm_client, "alpha")["weekly-checkin"]["published"] is False
    assert _api_text(pm_client) == _direct_api_text()


def test_a_survey_created_shows_in_the_next_read(tenant_a, tenant_b, pm_client) -> None:
    assert _surveys_of(pm_client, "alpha") == {}
    body = {**NEW_SURVEY, "customers": ["alpha", "beta"], "publish": True}
    assert pm_client.post(API, body, content_type="application/json").status_code == 201
    for slug in ("alpha", "beta"):
        created = _surveys_of(pm_client, slug)["mobile-app"]
        assert created["published"] is True and [q["key"] for q in created["questions"]] == ["how-often", "why"]
    published = pm_client.post(f"{API}publish/", {"customers": ["beta"]}, content_type="application/json")
    assert published.status_code == 200
    assert _surveys_of(pm_client, "beta")["weekly-checkin"]["published"] is True
    assert _api_text(pm_client) == _direct_api_text()


def test_a_round_opened_shows_in_the_next_read(surveyed, pm_client) -> None:
    assert _surveys_of(pm_client, "alpha")["weekly-checkin"]["rounds"] == 1
    assert (
        pm_client.post(f"{API}send-round/", {"customer": "alpha"}, content_type="application/json").status_code == 201
    )
    assert _surveys_of(pm_client, "alpha")["weekly-checkin"]["rounds"] == 2  # this week's, after ROUND_TIME's
    invite(surveyed[0], now=timezone.now() + timedelta(weeks=1))  # the weekly task's way in
    assert _surveys_of(pm_client, "alpha")["weekly-checkin"]["rounds"] == 3


def test_the_reconciliation_repairs_a_lost_and_a_stale_digest(surveyed, pm_client, tenant_a, tenant_b) -> None:
    SurveyDigest.objects.filter(customer=tenant_a).delete()
    SurveyDigest.objects.filter(customer=tenant_b).update(title_en="Stale", rounds=9)
    with tenant_context(tenant_b.tenant):  # an edit no service made
        Question.objects.filter(key="why").update(text_en="Why, in a few words?")
    assert _api_text(pm_client) != _direct_api_text()
    assert rollups_reconcile() == 2
    assert _api_text(pm_client) == _direct_api_text()
    assert _surveys_of(pm_client, "beta")["mobile-app"]["questions"][1]["text_en"] == "Why, in a few words?"


def test_a_customer_reaches_neither_the_list_nor_other_customers_surveys(
    surveyed, customer_a_client, customer_b_client
) -> None:
    assert customer_a_client.get(PAGE).status_code == 404
    public = TenantClient("localhost")
    public.cookies["sessionid"] = customer_a_client.cookies["sessionid"].value
    assert public.get(API).status_code in (401, 403)
    assert public.get(PAGE).status_code == 302  # the back office's login page
    # On its own domain the same path is the customer's own API: its published surveys, nobody else's.
    assert [s["key"] for s in customer_a_client.get(API).json()["results"]] == ["weekly-checkin"]
    assert customer_b_client.get(API).json()["results"] == []  # B's survey is not published
