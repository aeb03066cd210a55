"""The base layer: one rule for bilingual text, one way into a customer's schema."""

from django.db import connection
from django.utils import translation

from core.names import BilingualNameMixin
from core.schemas import current_schema_name, customer_schema, public_schema


class _Named(BilingualNameMixin):
    def __init__(self, name_en: str, name_ar: str) -> None:
        self.name_en, self.name_ar = name_en, name_ar


def test_arabic_pages_show_the_arabic_text_and_english_pages_the_english() -> None:
    named = _Named("Riyadh farm", "مزرعة الرياض")
    with translation.override("ar"):
        assert named.localized("name") == "مزرعة الرياض"
    with translation.override("en"):
        assert named.localized("name") == "Riyadh farm"


def test_an_untranslated_row_shows_its_english_text_on_arabic_pages() -> None:
    with translation.override("ar"):
        assert _Named("Riyadh farm", "").localized("name") == "Riyadh farm"


def test_customer_schema_enters_the_customers_schema_and_restores_the_callers(tenant_a, tenant_b) -> None:
    with customer_schema(tenant_a):
        assert current_schema_name() == tenant_a.tenant.schema_name
        with customer_schema(tenant_b):
            assert current_schema_name() == tenant_b.tenant.schema_name
        assert current_schema_name() == tenant_a.tenant.schema_name
        with public_schema():
            assert current_schema_name() == "public"
        assert current_schema_name() == tenant_a.tenant.schema_name
    assert connection.schema_name == "public"


def test_no_customer_means_staying_in_the_current_schema(tenant_a) -> None:
    with customer_schema(tenant_a), customer_schema(None):
        assert current_schema_name() == tenant_a.tenant.schema_name
