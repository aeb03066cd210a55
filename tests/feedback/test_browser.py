"""The survey filled in Chromium, in Arabic (right-to-left) and in English, as a respondent would."""

import pytest
from django_tenants.utils import tenant_context

from feedback.models import Answer, Response
from tests.feedback.conftest import invite


def _fill(page, scores: dict[str, str]) -> None:
    for key, value in scores.items():
        page.locator(f'#q-{key} input[value="{value}"]').check(force=True)
    page.locator('#q-features input[value="reports"]').check()
    page.locator('#q-problems input[value="none"]').check()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_survey_in_arabic_then_english_in_chromium(live_server, tenant_a, browser) -> None:
    from django.utils import timezone

    invited = invite(tenant_a, now=timezone.now())
    port = live_server.url.rsplit(":", 1)[1]
    base = f"http://alpha.localhost:{port}"

    context = browser.new_context(locale="ar", viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.goto(base + invited.path("ar"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "الاستبيان الأسبوعي للتجربة"
    # Right-to-left: the scale starts at the right, so 1 sits right of 5.
    one = page.locator('#q-satisfaction label:has(input[value="1"])').bounding_box()
    five = page.locator('#q-satisfaction label:has(input[value="5"])').bounding_box()
    assert one["x"] > five["x"]
    page.get_by_role("button", name="إرسال إجاباتي").click()
    assert page.locator("#err-satisfaction").inner_text().strip() == "هذا السؤال يحتاج إلى إجابة."
    assert page.locator("#q-satisfaction").get_attribute("aria-describedby") == "err-satisfaction"
    _fill(page, {"satisfaction": "4", "recommend": "9", "effort": "6"})
    page.get_by_role("textbox", name="ما أكثر ما أزعجك هذا الأسبوع؟").fill("التقارير بطيئة")
    page.get_by_role("button", name="إرسال إجاباتي").click()
    page.wait_for_url("**/done/**")
    assert page.locator("h1").inner_text() == "شكراً لك!"
    context.close()

    context = browser.new_context(locale="en")
    page = context.new_page()
    page.goto(base + invited.path("en"))
    assert page.locator("html").get_attribute("dir") == "ltr"
    one = page.locator('#q-satisfaction label:has(input[value="1"])').bounding_box()
    five = page.locator('#q-satisfaction label:has(input[value="5"])').bounding_box()
    assert one["x"] < five["x"]
    # Keyboard only: tab to the scale, arrow to a value, as a screen-reader user would.
    page.locator('#q-satisfaction input[value="1"]').focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    _fill(page, {"recommend": "10", "effort": "7"})
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/done/**")
    assert page.locator("h1").inner_text() == "Thank you!"
    context.close()

    with tenant_context(tenant_a.tenant):
        assert Response.objects.count() == 2
        scores = dict(Answer.objects.filter(question__key="satisfaction").values_list("response__language", "score"))
        assert scores == {"ar": 4, "en": 3}
