"""Initial data of a new customer schema. Call inside the customer's schema (tenant_context)."""

from decimal import Decimal

from django.db import connection

from farms.models import Farm, LedgerAccount, Pond, TaxProfile
from rollups.services import customer_snapshot_store
from tenants.models import PilotCustomer

# A small aquaculture chart of accounts: enough for the pilot's "basic reports" test.
CHART_OF_ACCOUNTS: tuple[tuple[str, str, str, str], ...] = (
    ("1100", "Cash and banks", "النقد والبنوك", LedgerAccount.Kind.ASSET),
    ("1200", "Accounts receivable", "الذمم المدينة", LedgerAccount.Kind.ASSET),
    ("1300", "Feed inventory", "مخزون الأعلاف", LedgerAccount.Kind.ASSET),
    ("1400", "Biological assets (live fish)", "الأصول الحيوية (الأسماك الحية)", LedgerAccount.Kind.ASSET),
    ("1500", "Ponds and equipment", "الأحواض والمعدات", LedgerAccount.Kind.ASSET),
    ("2100", "Accounts payable", "الذمم الدائنة", LedgerAccount.Kind.LIABILITY),
    ("2200", "VAT payable", "ضريبة القيمة المضافة المستحقة", LedgerAccount.Kind.LIABILITY),
    ("3100", "Owner's equity", "حقوق الملكية", LedgerAccount.Kind.EQUITY),
    ("4100", "Fish sales", "مبيعات الأسماك", LedgerAccount.Kind.INCOME),
    ("5100", "Feed expense", "مصروف الأعلاف", LedgerAccount.Kind.EXPENSE),
    ("5200", "Fingerlings", "الإصبعيات", LedgerAccount.Kind.EXPENSE),
    ("5300", "Energy and water", "الطاقة والمياه", LedgerAccount.Kind.EXPENSE),
    ("5400", "Wages", "الأجور", LedgerAccount.Kind.EXPENSE),
)
SAUDI_VAT_RATE = Decimal("15.00")


def farm_initial_create(*, name_en: str, name_ar: str, city: str, ponds: int) -> Farm:
    farm, _created = Farm.objects.get_or_create(name_en=name_en, defaults={"name_ar": name_ar, "city": city})
    for number in range(1, ponds + 1):
        Pond.objects.get_or_create(farm=farm, number=number, defaults={"name": f"Pond {number}"})
    _snapshot_store(getattr(connection.tenant, "customer_id", None))
    return farm


def _snapshot_store(customer_id: int | None) -> None:
    """The farm and pond counts the cross-customer pages show (public summary), from this schema."""
    if customer_id is not None:
        customer_snapshot_store(customer_id=customer_id, farms=Farm.objects.count(), ponds=Pond.objects.count())


def farm_snapshot_refresh(customer: PilotCustomer) -> None:
    """Reconciliation refresher (rollups): runs in the customer's schema."""
    _snapshot_store(customer.pk)


def chart_of_accounts_create() -> int:
    for code, name_en, name_ar, kind in CHART_OF_ACCOUNTS:
        LedgerAccount.objects.get_or_create(code=code, defaults={"name_en": name_en, "name_ar": name_ar, "kind": kind})
    return len(CHART_OF_ACCOUNTS)


def tax_profile_create(*, region: str) -> TaxProfile:
    """Every Saudi region has 15 % VAT and zakat; the profile records the region it was set for."""
    profile, _created = TaxProfile.objects.get_or_create(region=region, defaults={"vat_rate": SAUDI_VAT_RATE})
    return profile
