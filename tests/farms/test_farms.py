"""A customer's starting data (plan 1.3): created once through the services, in its own schema only."""

from decimal import Decimal

from core.schemas import customer_schema
from farms.models import Farm, LedgerAccount, Pond
from farms.selectors import farm_pond_counts
from farms.services import (
    CHART_OF_ACCOUNTS,
    SAUDI_VAT_RATE,
    chart_of_accounts_create,
    farm_initial_create,
    tax_profile_create,
)
from tenants.selectors import customer_schemas_visit

CODES = [code for code, *_rest in CHART_OF_ACCOUNTS]


def _farm(ponds: int) -> Farm:
    return farm_initial_create(name_en="Wadi Farm", name_ar="مزرعة الوادي", city="Riyadh", ponds=ponds)


def test_initial_data_is_created_once_however_often_provisioning_runs(tenant_a) -> None:
    with customer_schema(tenant_a):
        first, again = _farm(3), _farm(3)
        assert first.pk == again.pk
        assert list(Pond.objects.filter(farm=first).values_list("number", flat=True)) == [1, 2, 3]
        assert chart_of_accounts_create() == chart_of_accounts_create() == len(CODES)
        assert LedgerAccount.objects.filter(code__in=CODES).count() == len(CODES)
        profile = tax_profile_create(region="central")
        assert tax_profile_create(region="central").pk == profile.pk
        assert profile.vat_rate == SAUDI_VAT_RATE == Decimal("15.00")


def test_more_ponds_adds_only_the_missing_ones_and_keeps_their_names(tenant_a) -> None:
    with customer_schema(tenant_a):
        farm = _farm(2)
        Pond.objects.filter(farm=farm, number=1).update(name="Nursery")
        _farm(4)
        ponds = dict(Pond.objects.filter(farm=farm).values_list("number", "name"))
    assert ponds == {1: "Nursery", 2: "Pond 2", 3: "Pond 3", 4: "Pond 4"}


def test_counts_are_read_in_each_customers_own_schema(tenant_a, tenant_b) -> None:
    before = customer_schemas_visit(lambda _c: farm_pond_counts(), customers=[tenant_a, tenant_b])
    with customer_schema(tenant_a):
        _farm(4)
    after = customer_schemas_visit(lambda _c: farm_pond_counts(), customers=[tenant_a, tenant_b])
    farms, ponds = before[tenant_a.pk]
    assert after[tenant_a.pk] == (farms + 1, ponds + 4)
    assert after[tenant_b.pk] == before[tenant_b.pk]  # the other customer sees none of it


def test_a_customers_farms_stay_out_of_the_other_customers_schema(tenant_a, tenant_b) -> None:
    with customer_schema(tenant_a):
        _farm(1)
    with customer_schema(tenant_b):
        assert not Farm.objects.filter(name_en="Wadi Farm").exists()
