"""One vote per person per feedback item: a second "me too" is refused, "remove my vote" takes it back
(portal page); the customer API's `vote` toggles."""

from django.contrib.auth import get_user_model
from django_tenants.utils import tenant_context

from feedback.choices import ItemKind
from feedback.models import FeedbackItem
from feedback.services.items import feedback_item_create
from tests.conftest import PASSWORD, TenantClient, tenant_host


def _item(tenant) -> FeedbackItem:
    with tenant_context(tenant.tenant):
        return feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Oxygen alerts")


def _votes(tenant, item: FeedbackItem) -> int:
    with tenant_context(tenant.tenant):
        return FeedbackItem.objects.get(pk=item.pk).votes


def test_twenty_five_clicks_of_one_member_count_at_most_once(customer_a_client: TenantClient, tenant_a) -> None:
    item = _item(tenant_a)
    counts = []
    for _ in range(25):
        customer_a_client.post("/feedback/", {"vote": item.pk})
        counts.append(_votes(tenant_a, item))
    assert set(counts) == {2}  # the first click counts, the 24 others are refused
    customer_a_client.post("/feedback/", {"unvote": item.pk})
    assert _votes(tenant_a, item) == 1


def test_the_page_offers_to_remove_a_vote_once_given(customer_a_client: TenantClient, tenant_a) -> None:
    item = _item(tenant_a)
    customer_a_client.post("/feedback/", {"vote": item.pk})
    page = customer_a_client.get("/feedback/").content.decode()
    assert "Remove my vote" in page and 'aria-pressed="true"' in page


def test_two_members_count_twice_over_the_api(customer_a_client: TenantClient, tenant_a) -> None:
    item = _item(tenant_a)
    with tenant_context(tenant_a.tenant):
        colleague = get_user_model().objects.create_user("colleague@alpha.example", password=PASSWORD)
    other = TenantClient(tenant_host(tenant_a))
    with tenant_context(tenant_a.tenant):
        other.force_login(colleague)
    assert customer_a_client.post(f"/api/v1/feedback-items/{item.pk}/vote/").json()["votes"] == 2
    assert other.post(f"/api/v1/feedback-items/{item.pk}/vote/").json()["votes"] == 3
    assert other.post(f"/api/v1/feedback-items/{item.pk}/vote/").json()["votes"] == 2


def test_a_malformed_vote_id_is_a_404_not_a_500(customer_a_client: TenantClient, tenant_a) -> None:
    for value in ("18446744073709551616", "١٢", "abc"):
        assert customer_a_client.post("/feedback/", {"vote": value}).status_code == 404
    assert customer_a_client.post("/feedback/", {"vote": "\x00"}).status_code == 400  # refused before the view
