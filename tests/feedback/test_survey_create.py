"""Staff create their own bilingual survey for chosen customers: POST /api/v1/surveys/."""

import pytest
from django_tenants.utils import tenant_context

from feedback.models import Survey, SurveyRound
from feedback.services.rounds import survey_round_open
from tenants.models import PilotCustomer
from tests.conftest import TenantClient

URL = "/api/v1/surveys/"
CHOICES = [
    {"value": "daily", "en": "Every day", "ar": "كل يوم"},
    {"value": "weekly", "en": "Every week", "ar": "كل أسبوع"},
]


def _survey(**changes: object) -> dict:
    body = {
        "key": "mobile-app",
        "title_en": "The mobile app",
        "title_ar": "تطبيق الجوال",
        "customers": ["alpha", "beta"],
        "questions": [
            {"key": "csat", "kind": "csat", "text_en": "How satisfied are you?", "text_ar": "ما مدى رضاك؟"},
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
    return {**body, **changes}


def _surveys(customer: PilotCustomer) -> list[str]:
    with tenant_context(customer.tenant):
        return list(Survey.objects.values_list("key", flat=True))


def test_program_manager_creates_a_survey_for_two_customers(pm_client: TenantClient, tenant_a, tenant_b) -> None:
    response = pm_client.post(URL, _survey(), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json() == {"key": "mobile-app", "customers": ["alpha", "beta"], "published": True}
    for customer in (tenant_a, tenant_b):
        with tenant_context(customer.tenant):
            survey = Survey.objects.get(key="mobile-app")
            assert survey.published and survey.title_ar == "تطبيق الجوال"
            assert list(survey.questions.values_list("key", "kind")) == [
                ("csat", "csat"),
                ("how-often", "single"),
                ("why", "text"),
            ]


def test_a_published_survey_joins_the_next_weekly_round(pm_client: TenantClient, tenant_a, tenant_b) -> None:
    pm_client.post(URL, _survey(customers=["alpha"]), content_type="application/json")
    with tenant_context(tenant_a.tenant):
        survey_round_open()
        assert SurveyRound.objects.filter(survey__key="mobile-app").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"questions": [{"key": "q", "kind": "single", "text_en": "?", "text_ar": "؟", "options": CHOICES[:1]}]},
            "questions",
            "at least two options",
        ),
        ({"questions": [{"key": "q", "kind": "csat", "text_en": "?", "text_ar": "؟"}] * 2}, "questions", "its own key"),
        (
            {"questions": [{"key": "q", "kind": "text", "text_en": "?", "text_ar": "؟", "options": CHOICES}]},
            "questions",
            "only choice questions",
        ),
        ({"customers": ["alpha", "nowhere"]}, "customers", "nowhere"),
        ({"questions": []}, "questions", ""),
        ({"title_ar": ""}, "title_ar", ""),
    ],
)
def test_bad_input_gets_a_message_per_field_and_nothing_is_created(
    pm_client: TenantClient, tenant_a, tenant_b, changes: dict, field: str, message: str
) -> None:
    response = pm_client.post(URL, _survey(**changes), content_type="application/json")
    assert response.status_code == 400
    assert message in " ".join(map(str, response.json()[field]))
    assert "mobile-app" not in _surveys(tenant_a)


def test_a_key_taken_by_one_customer_creates_nothing_anywhere(pm_client: TenantClient, tenant_a, tenant_b) -> None:
    assert pm_client.post(URL, _survey(customers=["beta"]), content_type="application/json").status_code == 201
    response = pm_client.post(URL, _survey(), content_type="application/json")
    assert response.status_code == 400
    assert "already exists for: beta" in response.json()["key"][0]
    assert "mobile-app" not in _surveys(tenant_a)


def test_support_staff_cannot_create_surveys(support_client: TenantClient, tenant_a, tenant_b) -> None:
    assert support_client.post(URL, _survey(), content_type="application/json").status_code == 403


def test_not_served_on_a_customer_domain(customer_a_client: TenantClient, tenant_b) -> None:
    response = customer_a_client.post(URL, _survey(), content_type="application/json")
    assert response.status_code in (403, 404, 405)
    assert "mobile-app" not in _surveys(tenant_b)
