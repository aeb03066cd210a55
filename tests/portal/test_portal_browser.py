"""The customer portal as a farm's staff use it: on a 390 px phone in Arabic and in English, in
Chromium. Home (plain status), report a problem with a screenshot, reply, still happening, the status
page, the training downloads and a "me too" vote: no sideways scrolling, right-to-left in Arabic, each
downloaded training file a PDF. One browser and one page load per step, shared by both languages."""

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import Page

from feedback.choices import ItemKind
from feedback.services.items import feedback_item_create
from incidents.services import incident_resolve
from tests.conftest import PASSWORD
from tests.incidents.factories import incident_make

PHONE = {"width": 390, "height": 844}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _fits(page: Page, language: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1, page.url
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def _download_is_pdf(page: Page, selector: str, tmp_path) -> None:
    with page.expect_download() as download:
        page.click(selector)
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-") and path.stat().st_size > 5000


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_farm_uses_the_portal_on_a_phone_in_arabic_and_english(
    live_server, browser, tenant_a, customer_a_user, support_engineer, tmp_path, settings
) -> None:
    settings.MEDIA_ROOT = tmp_path
    resolved = incident_resolve(incident=incident_make(tenant_a, title="Feeding page fails"), by=support_engineer)
    with tenant_context(tenant_a.tenant):
        item = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Oxygen alerts")
    base = f"http://alpha.localhost:{live_server.url.rsplit(':', 1)[1]}"

    # Arabic, on a phone: home, report with a screenshot, reply, "still happening", status, guide, vote.
    context = browser.new_context(locale="ar", viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    _sign_in(page, base, customer_a_user.username)
    assert page.locator("#service-title").inner_text() == "هل يعمل AquaFarm لدينا؟"
    _fits(page, "ar")
    page.click("a[href='/incidents/report/']")
    assert page.locator("#id_category").input_value() == ""  # the customer chooses; nothing preselected
    page.select_option("#id_category", "minor_bug")
    page.fill("#id_title", "الرسم البياني مقطوع")
    page.set_input_files("#id_attachment", {"name": "shot.png", "mimeType": "image/png", "buffer": PNG})
    page.click("form button[type=submit]")
    page.wait_for_url("**/incidents/*/")
    _fits(page, "ar")
    page.fill("#id_message", "يحدث على الهاتف فقط")
    page.click("form[action$='/reply/'] button")
    page.wait_for_load_state()
    assert "يحدث على الهاتف فقط" in page.content()
    page.goto(f"{base}/incidents/{resolved.pk}/")
    page.click("button[name=solved][value=no]")
    page.wait_for_load_state()
    assert page.locator("#incident-status").inner_text() == "تم الإقرار"
    _fits(page, "ar")
    page.goto(base + "/slos/")
    assert page.locator("#service-state").count() == 1
    _fits(page, "ar")
    page.goto(base + "/training/")
    assert page.locator("#faq details").count() >= 5
    _fits(page, "ar")
    _download_is_pdf(page, "a[href='/training/documents/guide/ar/']", tmp_path)
    page.goto(base + "/feedback/")
    page.click(f"button[name=vote][value='{item.pk}']")
    page.wait_for_load_state()
    assert page.locator(f"#item-{item.pk} .votes").inner_text() == "صوتان"
    _fits(page, "ar")
    context.close()

    # English, on a phone: the status page and the quick-reference card, and the vote taken back.
    context = browser.new_context(locale="en", viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    _sign_in(page, base, customer_a_user.username)
    _fits(page, "en")
    page.goto(base + "/slos/")
    assert "budget" not in page.content() and "burn" not in page.content()
    page.goto(base + "/training/")
    _download_is_pdf(page, "a[href='/training/documents/quick-reference/en/']", tmp_path)
    page.goto(base + "/feedback/")
    page.click(f"button[name=unvote][value='{item.pk}']")
    page.wait_for_load_state()
    assert page.locator(f"#item-{item.pk} .votes").inner_text() == "1 vote"
    _fits(page, "en")
    context.close()
