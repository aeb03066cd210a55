"""Surveys in the back office: builder with preview, publish, send a round now, responses and exports."""

import csv
import io

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from openpyxl import load_workbook

from feedback.models import Contact, Question, Survey, SurveyRound
from feedback.services.responses import survey_response_submit
from tests.conftest import TenantClient
from tests.feedback.conftest import VALID, invite

pytestmark = pytest.mark.django_db
NEW = "/admin/feedback/surveys/new/"


def _builder_post(customers: list[str], *, preview: bool = False, **overrides: str) -> dict:
    data = {
        "key": "mobile-app",
        "title_en": "Mobile app check",
        "title_ar": "استبيان تطبيق الجوال",
        "intro_en": "",
        "intro_ar": "",
        "customers": customers,
        "publish": "on",
        "q-TOTAL_FORMS": "3",
        "q-INITIAL_FORMS": "0",
        "q-MIN_NUM_FORMS": "1",
        "q-MAX_NUM_FORMS": "30",
        "q-0-key": "csat",
        "q-0-kind": "csat",
        "q-0-text_en": "How satisfied are you?",
        "q-0-text_ar": "ما مدى رضاك؟",
        "q-0-required": "on",
        "q-1-key": "device",
        "q-1-kind": "single",
        "q-1-text_en": "Which phone?",
        "q-1-text_ar": "أي هاتف؟",
        "q-1-options": "android | Android | أندرويد\nios | iPhone | آيفون",
        "q-2-key": "more",
        "q-2-kind": "text",
        "q-2-text_en": "Anything else?",
        "q-2-text_ar": "هل من شيء آخر؟",
    }
    if preview:
        data["preview"] = "1"
    data.update(overrides)
    return data


def test_the_builder_creates_a_bilingual_survey_for_the_chosen_customers_only(
    pm_client: TenantClient, tenant_a, tenant_b
) -> None:
    response = pm_client.post(NEW, _builder_post(["alpha"]))
    assert response.status_code == 302
    with tenant_context(tenant_a.tenant):
        survey = Survey.objects.get(key="mobile-app")
        assert survey.published and survey.title_ar == "استبيان تطبيق الجوال"
        device = Question.objects.get(survey=survey, key="device")
        assert device.options == [
            {"value": "android", "en": "Android", "ar": "أندرويد"},
            {"value": "ios", "en": "iPhone", "ar": "آيفون"},
        ]
    with tenant_context(tenant_b.tenant):
        assert not Survey.objects.filter(key="mobile-app").exists()
    index = pm_client.get("/admin/feedback/surveys/").content.decode()
    assert "Mobile app check" in index.split('id="customer-alpha"')[1].split('id="customer-beta"')[0]


def test_bad_input_is_a_400_with_messages_by_field_and_nothing_is_written(pm_client: TenantClient, tenant_a) -> None:
    bad = _builder_post(["alpha"], **{"title_ar": "", "q-1-options": "android | Android"})
    response = pm_client.post(NEW, bad)
    assert response.status_code == 400
    form = response.context["form"]
    assert "title_ar" in form.errors
    fixed = _builder_post(["alpha"], **{"q-1-options": "android | Android"})
    response = pm_client.post(NEW, fixed)
    assert response.status_code == 400
    assert "at least two options" in response.content.decode()
    with tenant_context(tenant_a.tenant):
        assert not Survey.objects.filter(key="mobile-app").exists()


def test_preview_shows_the_phone_page_in_both_languages_without_saving(pm_client: TenantClient, tenant_a) -> None:
    response = pm_client.post(NEW, _builder_post(["alpha"], preview=True))
    assert response.status_code == 200
    arabic, english = (html for _label, html in response.context["previews"])
    assert 'dir="rtl"' in arabic and "أي هاتف؟" in arabic and "آيفون" in arabic
    assert 'dir="ltr"' in english and "Which phone?" in english
    with tenant_context(tenant_a.tenant):
        assert not Survey.objects.filter(key="mobile-app").exists()


def test_send_a_round_now_opens_this_weeks_round(pm_client: TenantClient, tenant_a) -> None:
    pm_client.post(NEW, _builder_post(["alpha"]))
    response = pm_client.post("/admin/feedback/surveys/alpha/send-round/")
    assert response.status_code == 302
    with tenant_context(tenant_a.tenant):
        assert SurveyRound.objects.filter(survey__key="mobile-app").exists()


def test_a_second_round_the_same_week_says_everyone_is_already_invited(pm_client: TenantClient, tenant_a) -> None:
    with tenant_context(tenant_a.tenant):
        Contact.objects.create(name="Eric", email="eric@x.example", language="en")
    first = pm_client.post("/admin/feedback/surveys/alpha/send-round/", follow=True)
    assert "Round opened: 1 invitation sent." in first.content.decode()
    again = pm_client.post("/admin/feedback/surveys/alpha/send-round/", follow=True, HTTP_ACCEPT_LANGUAGE="ar")
    assert "لم تُرسل أي دعوة: لدى كل جهة اتصال نشطة دعوة هذا الأسبوع." in again.content.decode()


def test_responses_are_browsed_one_by_one_and_exported_without_formulas(pm_client: TenantClient, tenant_a) -> None:
    invited = invite(tenant_a, now=timezone.now())
    with tenant_context(tenant_a.tenant):
        answers = {key: [value] if isinstance(value, str) else value for key, value in VALID.items()}
        answers["pain-point"] = ['=HYPERLINK("http://evil.example","click")']
        survey_response_submit(invitation=invited.invitations["en"], data=answers, language="en")
    page = pm_client.get("/admin/feedback/responses/", {"customer": "alpha"}).content.decode()
    assert "Response 1 of 1" in page and "eric@x.example" in page
    exported = pm_client.get("/admin/feedback/responses/", {"customer": "alpha", "format": "csv"})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    cell = rows[1][rows[0].index("pain-point")]
    assert cell == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[1][rows[0].index("satisfaction")] == "5"
    xlsx = pm_client.get("/admin/feedback/responses/", {"customer": "alpha", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("pain-point") + 1).value.startswith("'=")
    assert sheet.cell(row=2, column=header.index("satisfaction") + 1).value == 5


def test_support_can_read_but_not_build_and_customers_get_nothing(
    support_client: TenantClient, customer_b_client: TenantClient, tenant_a
) -> None:
    assert support_client.get("/admin/feedback/surveys/").status_code == 200
    assert support_client.get(NEW).status_code == 403
    assert support_client.post("/admin/feedback/surveys/alpha/send-round/").status_code == 403
    for path in ("/admin/feedback/surveys/", "/admin/feedback/responses/?customer=alpha&format=csv"):
        assert customer_b_client.get(path).status_code == 404


def test_merging_with_a_wrong_number_is_a_message_not_a_404(pm_client: TenantClient, tenant_a) -> None:
    from feedback.choices import ItemKind
    from feedback.models import FeedbackItem
    from feedback.services.items import feedback_item_create

    with tenant_context(tenant_a.tenant):
        item = feedback_item_create(kind=ItemKind.PAIN_POINT, title="Slow")
    for duplicate in ("999999", "abc", ""):
        response = pm_client.post(
            "/admin/feedback/customers/alpha/", {"merge": "1", "duplicate": duplicate, "into": item.pk}
        )
        assert response.status_code == 400
        assert "Choose two items of this customer to merge" in response.content.decode()
    with tenant_context(tenant_a.tenant):
        assert FeedbackItem.objects.get(pk=item.pk).votes == 1


def test_the_week_chart_runs_left_to_right_with_its_axis_inside_the_picture() -> None:
    from decimal import Decimal

    from feedback.charts import PAD, line_chart

    svg = line_chart(labels=["01/03"], series=[("الرضا %", [Decimal("80")])], title="أسبوعياً")
    assert 'direction="ltr"' in svg
    assert f'<text x="{PAD - 4}" y="' in svg and 'text-anchor="end"' in svg
