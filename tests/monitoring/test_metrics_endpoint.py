"""/metrics (pilot/metrics.py): allowed networks or the bearer token, nobody else; never on a customer domain."""

from django.test import override_settings

from tests.conftest import TenantClient


def _get(remote: str, **headers: str):
    return TenantClient("localhost").get("/metrics", REMOTE_ADDR=remote, headers=headers)


def test_allowed_network_gets_the_exposition(db: None) -> None:
    response = _get("127.0.0.1")
    assert response.status_code == 200
    assert b"django_http_requests" in response.content or b"python_info" in response.content


def test_other_networks_are_refused(db: None) -> None:
    assert _get("203.0.113.7").status_code == 403


@override_settings(METRICS_TOKEN="s3cret-token")
def test_the_token_opens_it_from_anywhere_and_a_wrong_one_does_not(db: None) -> None:
    assert _get("203.0.113.7", Authorization="Bearer s3cret-token").status_code == 200
    assert _get("203.0.113.7", Authorization="Bearer wrong").status_code == 403


@override_settings(METRICS_TOKEN="")
def test_an_empty_token_setting_never_matches(db: None) -> None:
    assert _get("203.0.113.7", Authorization="Bearer ").status_code == 403


@override_settings(METRICS_ALLOWED_NETWORKS=["10.0.0.0/8"])
def test_networks_come_from_settings(db: None) -> None:
    assert _get("10.1.2.3").status_code == 200
    assert _get("127.0.0.1").status_code == 403


def test_not_served_on_a_customer_domain(tenant_a) -> None:
    response = TenantClient("alpha.localhost").get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 404
