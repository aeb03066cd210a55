"""One number format per language (pilot/formats.py)."""

from decimal import Decimal

import pytest

from core.formats import LRM, format_money, format_number, format_percent
from monitoring.rules import budget_words


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["-2,216", "97.03 %", "$5,775.00", "1,234,567.9"]),
        ("ar", ["-2,216", "97.03٪", "$5,775.00", "1,234,567.9"]),
    ],
)
def test_it_writes_numbers_once_per_language(language: str, expected: list[str]) -> None:
    got = [
        format_number(-2216, language=language),
        format_percent(Decimal("97.0333"), language=language),
        format_money(Decimal("5775"), currency="USD", language=language),
        format_number(1234567.89, decimals=1, language=language),
    ]
    lead = LRM if language == "ar" else ""
    assert got == [lead + text for text in expected]


def test_a_sign_stays_left_of_its_number_in_arabic() -> None:
    # The left-to-right mark makes "-2,216" one left-to-right run inside right-to-left text.
    assert format_number(-2216, language="ar").startswith(LRM + "-")
    assert format_money(-5, language="ar") == LRM + "-$5.00"


def test_no_value_is_a_dash_and_minus_zero_is_zero() -> None:
    assert format_percent(None) == format_money(None) == format_number(float("nan")) == "—"
    assert format_number(-0.001, decimals=2, language="en") == "0.00"


def test_a_spent_budget_is_said_to_be_exhausted_never_forecast() -> None:
    import datetime as dt

    window = dt.timedelta(days=28)
    words = budget_words(5.9, window, Decimal("-493"))
    assert "exhausted" in words and "would be gone" not in words
    # -493 % spent 5.93 budgets: the first one ran out after 1/5.93 of the window, ~23.3 days ago.
    assert "23.3 days" in words
    assert "would be gone" in budget_words(2.0, window, Decimal("40"))


def test_no_catalogue_writes_arabic_indic_digits() -> None:
    """The decision of pilot/formats.py holds in translated labels too ("(1–5)", never "(١–٥)")."""
    import re

    from tests.i18n.test_catalogues import CATALOGUES

    indic = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
    found = {str(path): indic.findall(path.read_text(encoding="utf-8")) for path in CATALOGUES}
    assert {path: digits for path, digits in found.items() if digits} == {}


def test_numbers_django_localizes_itself_follow_the_same_decision() -> None:
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{{ value }} {{ value|floatformat:2 }}")
    with translation.override("ar"):
        assert template.render(Context({"value": Decimal("97.03")})) == "97.03 97.03"
