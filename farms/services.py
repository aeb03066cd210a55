"""Initial data of a new customer schema. Call inside the customer's schema (core.schemas.customer_schema)."""

from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from farms.models import Farm, LedgerAccount, Pond, TaxProfile

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
    """The farm and its ponds; re-running adds only what is missing. Ponds in one statement (and one for
    their history) so that provisioning costs the same for 1 or 5 ponds."""
    farm, _created = Farm.objects.get_or_create(name_en=name_en, defaults={"name_ar": name_ar, "city": city})
    have = set(Pond.objects.filter(farm=farm).values_list("number", flat=True))
    missing = [Pond(farm=farm, number=n, name=f"Pond {n}") for n in range(1, ponds + 1) if n not in have]
    if missing:
        bulk_create_with_history(missing, Pond)
    return farm


def chart_of_accounts_create() -> int:
    """The chart of accounts; accounts already there are kept. One INSERT."""
    have = set(LedgerAccount.objects.values_list("code", flat=True))
    missing = [
        LedgerAccount(code=code, name_en=name_en, name_ar=name_ar, kind=kind)
        for code, name_en, name_ar, kind in CHART_OF_ACCOUNTS
        if code not in have
    ]
    LedgerAccount.objects.bulk_create(missing)
    return len(CHART_OF_ACCOUNTS)


def tax_profile_create(*, region: str) -> TaxProfile:
    """Every Saudi region has 15 % VAT and zakat; the profile records the region it was set for."""
    profile, _created = TaxProfile.objects.get_or_create(region=region, defaults={"vat_rate": SAUDI_VAT_RATE})
    return profile
