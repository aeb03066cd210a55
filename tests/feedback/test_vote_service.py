"""One "me too" per person per item, enforced by the database and the service, under concurrency too;
merged duplicates show once with their voters moved over."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django_tenants.utils import tenant_context

from feedback.choices import ItemKind
from feedback.models import FeedbackItem, FeedbackVote
from feedback.selectors import feedback_item_list
from feedback.services.items import feedback_item_create, feedback_item_merge, feedback_item_vote_add
from tests.conftest import TenantClient


def _user(name: str):
    return get_user_model().objects.create_user(username=name, email=name, password="x-" + name)


def test_a_second_vote_of_the_same_person_is_refused(tenant_a) -> None:
    with tenant_context(tenant_a.tenant):
        item = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Oxygen alerts")
        voter = _user("v@alpha.example")
        assert feedback_item_vote_add(item=item, user=voter).votes == 2
        with pytest.raises(ValidationError) as refused:
            feedback_item_vote_add(item=item, user=voter)
        assert "vote" in refused.value.message_dict
        assert FeedbackVote.objects.filter(item=item, user=voter).count() == 1
        assert FeedbackItem.objects.get(pk=item.pk).votes == 2


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_votes_of_one_person_leave_one_row(tenant_a) -> None:
    with tenant_context(tenant_a.tenant):
        item = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Oxygen alerts")
        voter = _user("racer@alpha.example")
    barrier, outcomes = threading.Barrier(2), []

    def vote() -> None:
        try:
            with tenant_context(tenant_a.tenant):
                barrier.wait()
                feedback_item_vote_add(item=item, user=voter)
                outcomes.append("counted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["counted", "refused"]
    with tenant_context(tenant_a.tenant):
        assert FeedbackVote.objects.filter(item=item, user=voter).count() == 1
        assert FeedbackItem.objects.get(pk=item.pk).votes == 2


def test_merged_duplicates_show_once_with_their_voters_counted_once(
    tenant_a, customer_a_client: TenantClient, customer_a_user
) -> None:
    with tenant_context(tenant_a.tenant):
        into = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Oxygen alerts", created_by=customer_a_user)
        duplicate = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Low O2 warning")
        both, only_dup = _user("both@alpha.example"), _user("dup@alpha.example")
        feedback_item_vote_add(item=into, user=both)
        feedback_item_vote_add(item=duplicate, user=both)
        feedback_item_vote_add(item=duplicate, user=only_dup)
        into = feedback_item_merge(duplicate=duplicate, into=into)
        # author + both + only_dup, plus the duplicate's own first vote (it had no author account)
        assert into.votes == 4
        assert set(FeedbackVote.objects.filter(item=into).values_list("user__username", flat=True)) == {
            customer_a_user.username,
            "both@alpha.example",
            "dup@alpha.example",
        }
        assert [item.title for item in feedback_item_list()] == ["Oxygen alerts"]
        with pytest.raises(ValidationError):  # voting on the merged one counts on its target: already there
            feedback_item_vote_add(item=FeedbackItem.objects.get(pk=duplicate.pk), user=only_dup)
    page = customer_a_client.get("/feedback/").content.decode()
    assert "Low O2 warning" not in page and page.count("Oxygen alerts") >= 1 and "4 votes" in page
