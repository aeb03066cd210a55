"""Provisioning a customer: schema, domain, customer admin with a set-password link, onboarding checklist."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django_tenants.utils import schema_exists, tenant_context

from farms.models import Farm, LedgerAccount, Pond, TaxProfile
from farms.services import CHART_OF_ACCOUNTS
from tenants.choices import OnboardingStepCode, Status
from tenants.models import CustomerStatusChange, CustomerTenant, Domain, PilotCustomer
from tenants.services.customers import CandidateInput, customer_candidate_create, customer_status_change
from tenants.services.provisioning import CUSTOMER_ADMIN_GROUP, customer_onboard, customer_provision
from tests.conftest import TenantClient

GAMMA = CandidateInput(
    slug="gamma",
    name_en="Gamma Farm",
    name_ar="مزرعة جاما",
    city="Dammam",
    ponds=4,
    contact_name="Ghada G",
    contact_email="Owner@Gamma.example",
)


def _nothing_left(slug: str) -> None:
    assert not schema_exists(slug.replace("-", "_"))
    assert not PilotCustomer.objects.filter(slug=slug).exists()
    assert not CustomerTenant.objects.filter(schema_name=slug.replace("-", "_")).exists()
    assert not Domain.objects.filter(domain__startswith=f"{slug}.").exists()


def test_onboard_creates_schema_domain_admin_and_checklist(db) -> None:
    result = customer_onboard(data=GAMMA)

    customer = PilotCustomer.objects.get(slug="gamma")
    assert result.created
    assert result.domain == "gamma.localhost"
    assert customer.status == Status.PROVISIONED
    assert customer.region == "eastern"
    assert schema_exists("gamma")
    assert Domain.objects.get(domain="gamma.localhost").tenant.customer == customer
    steps = {step.code: step for step in customer.onboarding_steps.all()}
    assert set(steps) == set(OnboardingStepCode.values)
    assert all(step.done_at for step in steps.values())
    assert [c.to_status for c in CustomerStatusChange.objects.filter(customer=customer)] == [
        Status.CANDIDATE,
        Status.SELECTED,
        Status.PROVISIONED,
    ]


def test_onboard_fills_the_customer_schema_with_initial_data(db) -> None:
    customer = customer_onboard(data=GAMMA).customer

    with tenant_context(customer.tenant):
        admin = get_user_model().objects.get()
        assert admin.username == "owner@gamma.example"
        assert not admin.has_usable_password()
        assert admin.groups.filter(name=CUSTOMER_ADMIN_GROUP).exists()
        assert Farm.objects.get().name_ar == "مزرعة جاما"
        assert list(Pond.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
        assert LedgerAccount.objects.count() == len(CHART_OF_ACCOUNTS)
        assert TaxProfile.objects.get().region == "eastern"
    assert connection.schema_name == "public"
    assert not get_user_model().objects.filter(username="owner@gamma.example").exists()


def test_set_password_link_lets_the_customer_admin_sign_in(db) -> None:
    result = customer_onboard(data=GAMMA)
    path = re.sub(r"^http://gamma\.localhost:\d+", "", result.set_password_url)
    client = TenantClient("gamma.localhost")

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "Sardine-Pond-2026", "new_password2": "Sardine-Pond-2026"})
    assert response.status_code == 302

    login = TenantClient("gamma.localhost")
    assert (
        login.post("/accounts/login/", {"username": "owner@gamma.example", "password": "Sardine-Pond-2026"}).status_code
        == 302
    )
    assert login.get("/").status_code == 200


def test_rerun_on_provisioned_customer_changes_nothing(db) -> None:
    first = customer_onboard(data=GAMMA)
    second = customer_onboard(data=GAMMA)

    assert not second.created
    assert second.domain == first.domain
    assert PilotCustomer.objects.filter(slug="gamma").count() == 1
    assert CustomerTenant.objects.filter(schema_name="gamma").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"slug": "Gamma"}, "slug", "lowercase letters"),
        ({"slug": "g"}, "slug", "lowercase letters"),
        ({"slug": "gamma_farm"}, "slug", "lowercase letters"),
        ({"slug": "-gamma"}, "slug", "lowercase letters"),
        ({"slug": "public"}, "slug", "reserved"),
        ({"slug": "alpha"}, "slug", "already used by Alpha Fish Farm"),
        ({"city": "Atlantis"}, "region", "Unknown region for city 'Atlantis'"),
        ({"ponds": 0}, "ponds", "at least one pond"),
        ({"name_en": "  "}, "name_en", "name"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(tenant_a, changes, field, message) -> None:
    data = CandidateInput(**{**GAMMA.__dict__, **changes})
    with pytest.raises(ValidationError) as error:
        customer_onboard(data=data)
    assert message in " ".join(error.value.message_dict[field])
    if changes.get("slug") not in ("alpha", "public"):
        _nothing_left(data.slug)


@pytest.mark.parametrize("ponds", [6, 12])
def test_farm_with_too_many_ponds_cannot_join_the_pilot(db, ponds: int) -> None:
    with pytest.raises(ValidationError) as error:
        customer_onboard(data=CandidateInput(**{**GAMMA.__dict__, "ponds": ponds}))
    assert f"{ponds} ponds is outside the pilot's 1–5" in error.value.message_dict["status"][0]
    _nothing_left("gamma")


def test_candidate_must_be_selected_before_provisioning(db) -> None:
    customer = customer_candidate_create(data=GAMMA)
    with pytest.raises(ValidationError) as error:
        customer_provision(customer=customer, admin_email="a@b.example")
    assert "Only a selected customer can be provisioned" in error.value.message_dict["status"][0]
    assert not schema_exists("gamma")


def test_unwilling_candidate_cannot_be_selected(db) -> None:
    customer = customer_candidate_create(data=CandidateInput(**{**GAMMA.__dict__, "willing": False}))
    with pytest.raises(ValidationError) as error:
        customer_status_change(customer=customer, to_status=Status.SELECTED)
    assert "has not agreed to take part" in error.value.message_dict["status"][0]
    customer.refresh_from_db()
    assert customer.status == Status.CANDIDATE


def test_lifecycle_refuses_skipping_steps(db) -> None:
    customer = customer_candidate_create(data=GAMMA)
    with pytest.raises(ValidationError, match="cannot become"):
        customer_status_change(customer=customer, to_status=Status.LIVE)


@pytest.mark.django_db(transaction=True)
def test_failure_after_schema_creation_leaves_nothing_behind(monkeypatch) -> None:
    """No outer test transaction here: the service's own rollback and clean-up are what is tested."""
    call_command("prepare_base_schema", verbosity=0)

    def explode() -> int:
        assert schema_exists("gamma")  # the failure really happens after the schema exists
        raise RuntimeError("disk full")

    monkeypatch.setattr("tenants.services.provisioning.chart_of_accounts_create", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        customer_onboard(data=GAMMA)

    _nothing_left("gamma")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM auth_user WHERE username = %s", ["owner@gamma.example"])
        assert cursor.fetchone()[0] == 0


def test_create_pilot_customer_command(db) -> None:
    out = StringIO()
    call_command(
        "create_pilot_customer",
        "--slug",
        "gamma",
        "--name",
        "Gamma Farm",
        "--city",
        "Dammam",
        "--ponds",
        "4",
        "--admin-email",
        "owner@gamma.example",
        stdout=out,
    )
    assert "Provisioned: Gamma Farm at gamma.localhost" in out.getvalue()
    assert "Set-password link: http://gamma.localhost" in out.getvalue()

    again = StringIO()
    call_command(
        "create_pilot_customer",
        "--slug",
        "gamma",
        "--name",
        "Gamma Farm",
        "--city",
        "Dammam",
        "--ponds",
        "4",
        stdout=again,
    )
    assert "Already provisioned" in again.getvalue()


def test_create_pilot_customer_command_reports_each_bad_field(db) -> None:
    with pytest.raises(CommandError) as error:
        call_command("create_pilot_customer", "--slug", "Bad Slug", "--name", "X", "--city", "Atlantis", "--ponds", "3")
    assert "slug:" in str(error.value) and "region:" in str(error.value)
    assert not PilotCustomer.objects.filter(name_en="X").exists()
