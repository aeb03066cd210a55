"""Every page works under the Content-Security-Policy: Chromium reports no violation on the back office
(dashboard, charts, the reports page's script, the API docs) nor on the customer portal and the survey."""

import pytest
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import tenant_context

from feedback import demo as feedback_demo
from incidents import demo as incidents_demo
from incidents.models import Incident
from pilot import demo as pilot_demo
from tests.browser import browser  # noqa: F401 - the Chromium fixture
from tests.conftest import TenantClient, tenant_host
from tests.feedback.conftest import invite

BACK_OFFICE_PAGES = [
    "/admin/",
    "/admin/pilot/timeline/",
    "/admin/pilot/budget/",
    "/admin/pilot/scorecard/",
    "/admin/incidents/queue/",
    "/admin/feedback/dashboard/",
    "/admin/monitoring/slos/",
    "/admin/monitoring/customers/alpha/health/",
    "/admin/reports/",
    "/admin/incidents/incident/add/",
    "/admin/feedback/surveys/",
    "/admin/feedback/surveys/new/",
    "/admin/feedback/responses/",
    "/admin/ops/outgoingmessage/",
    "/admin/django_celery_beat/periodictask/",
    "/api/docs/",
]
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(e.violatedDirective));
"""
PORTAL_PAGES = ["/", "/training/", "/incidents/", "/incidents/report/", "/feedback/", "/slos/", "/reports/"]


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def _settled(page, pending: set, url: str, quiet_ms: int = 500, bound_ms: int = 20_000) -> None:
    """Wait until the page's own requests (its scripts' fetches included) have all ended and none started for
    `quiet_ms`. Not Playwright's "networkidle": that is Chromium's signal, which once never came in a CI run
    although every request of the page had ended (Playwright discourages it, microsoft/playwright#19835)."""
    quiet = 0
    for _ in range(bound_ms // 100):
        quiet = quiet + 100 if not pending else 0
        if quiet >= quiet_ms:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{url}: requests still running after {bound_ms} ms: {sorted(r.url for r in pending)}")


def _visit(context, url: str) -> list[str]:
    page = context.new_page()
    messages: list[str] = []
    pending: set = set()
    page.on("console", lambda message: messages.append(message.text))
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))
    page.add_init_script(WATCH_VIOLATIONS)
    response = page.goto(url)
    _settled(page, pending, url)
    assert response.status == 200, url
    script_src = next(d for d in response.headers["content-security-policy"].split(";") if "script-src" in d)
    assert "'self'" in script_src and "unsafe" not in script_src, url
    found = _violations(page) + [text for text in messages if "Content Security Policy" in text]
    page.close()
    return found


def _session_cookie(client: TenantClient, host: str) -> dict:
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies["sessionid"].value,
        "domain": host,
        "path": "/",
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_csp_violation_on_any_page(live_server, program_manager, tenant_a, customer_a_user, browser) -> None:  # noqa: F811
    invited = invite(tenant_a, now=timezone.now())  # before the demo's past rounds add invitations
    for module in (pilot_demo, incidents_demo, feedback_demo):
        module.seed(log=lambda line: None)
    port = live_server.url.rsplit(":", 1)[1]
    staff = TenantClient("localhost")
    staff.force_login(program_manager)
    customer = TenantClient(tenant_host(tenant_a))
    with tenant_context(tenant_a.tenant):
        customer.force_login(customer_a_user)

    context = browser.new_context(locale="ar")
    context.add_cookies([_session_cookie(staff, "localhost"), _session_cookie(customer, tenant_host(tenant_a))])
    violations = {}
    board = f"/admin/incidents/{Incident.objects.order_by('pk').first().pk}/board/"  # its preview is a script
    for path in [*BACK_OFFICE_PAGES, board]:
        violations[path] = _visit(context, f"http://localhost:{port}{path}")
    for path in [*PORTAL_PAGES, invited.path("ar")]:
        violations[path] = _visit(context, f"http://{tenant_host(tenant_a)}:{port}{path}")
    docs = context.new_page()
    docs.goto(f"http://localhost:{port}/api/docs/")
    docs.wait_for_selector(".swagger-ui .info", timeout=15_000)  # the docs' own script ran
    context.close()
    assert {path: found for path, found in violations.items() if found} == {}
