"""Back-office feedback pages and the customer's feedback page."""

from django_tenants.utils import tenant_context

from backoffice.navigation import NAV_MAX_QUERIES
from feedback.choices import ItemKind
from feedback.models import CheckIn, FeedbackItem
from feedback.services.items import feedback_item_create
from tests.conftest import TenantClient
from tests.feedback.conftest import invite


def test_dashboard_shows_overall_and_per_customer_in_bounded_queries(
    pm_client: TenantClient, tenant_a, tenant_b, django_assert_max_num_queries
) -> None:
    invite(tenant_a)
    # django-tenants sets the search_path before each query: 2 x (5 per customer + ~9 for the page).
    with django_assert_max_num_queries(2 * (5 * 2 + 9) + NAV_MAX_QUERIES):
        response = pm_client.get("/admin/feedback/dashboard/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Alpha Fish Farm" in body and "Beta Aquaculture" in body and "<svg" in body
    assert "&gt; 80 %" in body


def test_dashboard_in_arabic(pm_client: TenantClient, tenant_a) -> None:
    body = pm_client.get("/admin/feedback/dashboard/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "أبرز نقاط الألم" in body


def test_customer_detail_records_a_check_in_and_merges(pm_client: TenantClient, tenant_a) -> None:
    response = pm_client.post(
        "/admin/feedback/customers/alpha/",
        {
            "checkin": "1",
            "week_start": "2026-03-01",
            "held_at": "2026-03-02T10:00",
            "interviewer": "Noura",
            "interviewees": "Manager",
            "satisfaction": "4",
            "problems": "Slow sync",
            "suggestions": "Offline mode",
        },
    )
    assert response.status_code == 302
    with tenant_context(tenant_a.tenant):
        assert CheckIn.objects.count() == 1 and FeedbackItem.objects.count() == 2
        into, dup = (feedback_item_create(kind=ItemKind.PAIN_POINT, title=t) for t in ("A", "A again"))
    pm_client.post("/admin/feedback/customers/alpha/", {"merge": "1", "duplicate": dup.pk, "into": into.pk})
    with tenant_context(tenant_a.tenant):
        assert FeedbackItem.objects.get(pk=into.pk).votes == 2
    page = pm_client.get("/admin/feedback/customers/alpha/").content.decode()
    assert "Slow sync" in page and "Offline mode" in page


def test_check_in_form_errors_are_shown_and_nothing_saved(pm_client: TenantClient, tenant_a) -> None:
    response = pm_client.post("/admin/feedback/customers/alpha/", {"checkin": "1", "satisfaction": "9"})
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    with tenant_context(tenant_a.tenant):
        assert not CheckIn.objects.exists()


def test_support_can_read_but_not_record_check_ins(support_client: TenantClient, tenant_a) -> None:
    assert support_client.get("/admin/feedback/customers/alpha/").status_code == 200
    response = support_client.post(
        "/admin/feedback/customers/alpha/",
        {
            "checkin": "1",
            "week_start": "2026-03-01",
            "held_at": "2026-03-02T10:00",
            "interviewer": "S",
            "interviewees": "M",
            "satisfaction": "4",
        },
    )
    assert response.status_code == 403


def test_back_office_pages_are_not_served_on_a_customer_domain(customer_a_client: TenantClient) -> None:
    assert customer_a_client.get("/admin/feedback/dashboard/").status_code == 404
    assert customer_a_client.get("/admin/feedback/customers/alpha/").status_code == 404


def test_customer_page_lists_its_items_and_takes_a_new_one(
    customer_a_client: TenantClient, tenant_a, django_assert_max_num_queries
) -> None:
    with tenant_context(tenant_a.tenant):
        for n in range(10):
            feedback_item_create(kind=ItemKind.PAIN_POINT, title=f"Pain {n}")
    with django_assert_max_num_queries(12):  # 10, and the reader's own votes (one query and its schema switch)
        assert customer_a_client.get("/feedback/").status_code == 200
    response = customer_a_client.post("/feedback/", {"kind": "feature_request", "title": "Oxygen alerts"})
    assert response.status_code == 302
    bad = customer_a_client.post("/feedback/", {"kind": "feature_request", "title": ""})
    assert bad.status_code == 400 and "errorlist" in bad.content.decode()
    # Problems have one form, the incidents' one: the kind is not offered here, and the page links there.
    problem = customer_a_client.post("/feedback/", {"kind": "problem", "title": "Crash on save"})
    assert problem.status_code == 400 and "/incidents/report/" in problem.content.decode()
    with tenant_context(tenant_a.tenant):
        assert FeedbackItem.objects.filter(title="Oxygen alerts").exists()
        assert not FeedbackItem.objects.filter(title="Crash on save").exists()


def test_customer_b_cannot_vote_on_a_item_of_a(customer_b_client: TenantClient, tenant_a) -> None:
    with tenant_context(tenant_a.tenant):
        item = feedback_item_create(kind=ItemKind.PAIN_POINT, title="Only A")
    assert customer_b_client.post("/feedback/", {"vote": item.pk}).status_code == 404
    assert "Only A" not in customer_b_client.get("/feedback/").content.decode()
    assert "Only A" not in customer_b_client.get("/").content.decode()
