"""Program manager and support staff find every page by clicking from /admin/, in both languages,
on a 390 px phone: no 4xx/5xx, no sideways scrolling, Arabic pages right-to-left without stray
English. Screenshots are kept under var/screenshots/journeys/ (gitignored) as the run's artefacts.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.conftest import PASSWORD, ROOT
from tests.incidents.factories import incident_make

SCREENSHOTS = ROOT / "var" / "screenshots" / "journeys"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
# Latin words allowed on an Arabic page: the brand, product names, codes and units.
LATIN_ALLOWED = {
    "AquaFarm",
    "Pilot",
    "pilot",
    "Prometheus",
    "PROMETHEUS",
    "URL",
    "USD",
    "PromQL",
    "SLO",
    "NPS",
    "CSAT",
    "PDF",
    # the stopped-timers banner names what to start (when the test's beat has not run)
    "Celery",
    "beat",
    "README",
}
# Reads the visible text of the page, leaving out what is marked English on purpose (English names,
# the English half of bilingual forms), codes marked translate="no", user names, and what is not
# text (scripts, styles, form fields).
VISIBLE_TEXT = """() => {
  const copy = document.body.cloneNode(true);
  const skip = '[lang="en"], [translate="no"], #user-tools strong, script, style, textarea, input, select';
  copy.querySelectorAll(skip).forEach(e => e.remove());
  return copy.innerText;
}"""


@dataclass
class Journey:
    page: Page
    persona: str
    language: str
    failures: list[str] = field(default_factory=list)
    visited: dict[str, int] = field(default_factory=dict)  # page path -> clicks from /admin/

    def check(self, name: str) -> None:
        page, where = self.page, f"{self.persona}/{self.language} {self.page.url}"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            self.failures.append(f"{where}: the page scrolls sideways by {overflow}px")
        if self.language == "ar":
            if page.locator("html").get_attribute("dir") != "rtl":
                self.failures.append(f"{where}: not right-to-left")
            latin = set(re.findall(r"[A-Za-z]{2,}", page.evaluate(VISIBLE_TEXT))) - LATIN_ALLOWED
            if latin:
                self.failures.append(f"{where}: English words on an Arabic page: {sorted(latin)}")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{self.persona}-{self.language}-{name}.png"), full_page=True)


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")


def _walk(journey: Journey) -> None:
    page = journey.page
    links = page.eval_on_selector_all(".program-nav a", "els => els.map(e => e.getAttribute('href'))")
    assert len(links) >= 15
    for number, href in enumerate(links):
        page.click(f'.program-nav a[href="{href}"]')
        page.wait_for_load_state()
        journey.visited[href] = 1
        journey.check(f"{number:02d}")
        page.click("#site-name a")  # home, by clicking
        page.wait_for_load_state()
    # Two clicks deep: an incident's board from the queue, and the password change page.
    page.click('.program-nav a[href="/admin/incidents/queue/"]')
    page.click("a[href$='/board/']")
    page.wait_for_load_state()
    journey.visited[page.url] = 2
    journey.check("board")
    page.click("#site-name a")
    page.click('.program-nav a[href="/admin/feedback/surveys/"]')
    if page.locator("a[href='/admin/feedback/surveys/new/']").count():  # the builder, for who may add
        page.click("a[href='/admin/feedback/surveys/new/']")
        page.wait_for_load_state()
        journey.visited[page.url] = 2
        journey.check("survey-builder")
    page.click("#user-tools a[href$='/password_change/']")
    page.wait_for_load_state()
    journey.visited[page.url] = 2
    journey.check("password")


def _walk_sidebar(journey: Journey) -> None:
    """On a desktop every page carries the sidebar: go from page to page through it."""
    page = journey.page
    page.click('.program-nav a[href="/admin/pilot/timeline/"]')
    links = page.eval_on_selector_all("#nav-sidebar .program-nav a", "els => els.map(e => e.getAttribute('href'))")
    assert len(links) >= 15
    for number, href in enumerate(links):
        page.click(f'#nav-sidebar .program-nav a[href="{href}"]')
        page.wait_for_load_state()
        journey.visited[href] = 2  # the first one from home, then one click from the page before
        journey.check(f"desktop-{number:02d}")
        if href == "/admin/":  # the home page has no sidebar: back to a page that has one
            page.click('.program-nav a[href="/admin/pilot/timeline/"]')


def _journey(browser, base: str, persona: str, username: str, language: str, viewport: dict = PHONE) -> Journey:
    context = browser.new_context(locale="en", viewport=viewport)  # the browser asks for English
    page = context.new_page()
    journey = Journey(page, persona if viewport == PHONE else f"{persona}-desktop", language)
    page.on(
        "response",
        lambda response: (
            journey.failures.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    _sign_in(page, base, username)
    if language == "ar":
        page.click('.language-switch button[value="ar"]')  # remembered for this user from now on
        page.wait_for_load_state()
    journey.check("home")
    if viewport == PHONE:
        _walk(journey)
    else:
        _walk_sidebar(journey)
    context.close()
    return journey


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_is_reached_by_clicking_on_a_phone_and_a_desktop(
    live_server, browser, tenant_a, tenant_b, program_manager, support_engineer, language: str
) -> None:
    incident_make(tenant_a, severity=2, category="performance_degradation", title="صفحة الأحواض بطيئة")
    journeys = [
        _journey(browser, live_server.url, "program-manager", program_manager.username, language),
        _journey(browser, live_server.url, "support", support_engineer.username, language),
        _journey(browser, live_server.url, "program-manager", program_manager.username, language, DESKTOP),
    ]
    report = [
        f"{j.persona}/{j.language} {path.split('/admin/', 1)[-1] or 'home'}: {clicks} click(s) from /admin/"
        for j in journeys
        for path, clicks in j.visited.items()
    ]
    failures = [failure for j in journeys for failure in j.failures]
    Path(SCREENSHOTS / f"summary-{language}.txt").write_text("\n".join(report + failures) + "\n", encoding="utf-8")
    assert failures == []
