"""How numbers are written, decided once for every page, e-mail and PDF.

Both languages use Western digits (0–9) with "." for decimals and "," for thousands: that is how
the plan and AquaFarm's own screens write them, and mixing Arabic-Indic digits in some labels only
was one of the complaints. In Arabic a number is led by a left-to-right mark (LRM), so a minus sign
stays on the left of its number inside right-to-left text ("-2,216", not "2,216-"), and the percent
sign is the Arabic one (٪) right after the digits.
"""

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from django.conf import settings
from django.utils import numberformat
from django.utils.translation import get_language

LRM = "\u200e"
EMPTY = "—"
Number = int | float | Decimal | None


def _language(language: str | None) -> str:
    return (language or get_language() or settings.LANGUAGE_CODE)[:2]


def _decimal(value: Number, decimals: int) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    # Half-even, as Python's own "%.1f" / f-strings round: a figure reads the same in text and tables.
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)


def format_number(value: Number, *, decimals: int = 0, language: str | None = None) -> str:
    """`1,234.5` with `decimals` places; "—" for no value."""
    number = _decimal(value, decimals)
    if number is None:
        return EMPTY
    if number == 0:
        number = abs(number)  # never "-0.00"
    text = numberformat.format(number, ".", decimal_pos=decimals, grouping=3, thousand_sep=",", force_grouping=True)
    return LRM + text if _language(language) == "ar" else text


def format_percent(value: Number, *, decimals: int = 2, language: str | None = None) -> str:
    """`97.03 %` in English, `97.03٪` in Arabic; "—" for no value."""
    text = format_number(value, decimals=decimals, language=language)
    if text == EMPTY:
        return EMPTY
    return f"{text}٪" if _language(language) == "ar" else f"{text} %"


SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_money(value: Number, *, currency: str | None = None, decimals: int = 2, language: str | None = None) -> str:
    """`$5,775.00`, or `SAR 5,775.00` for a currency without a sign, the same in both languages."""
    text = format_number(value, decimals=decimals, language=language)
    if text == EMPTY:
        return EMPTY
    code = currency or settings.PROGRAM_CURRENCY
    if code in SYMBOLS:
        # The sign goes inside the left-to-right run, before a minus too: "-$5.00" reads as money owed.
        sign, digits = ("-", text.replace("-", "", 1)) if "-" in text else ("", text)
        lead = LRM if digits.startswith(LRM) else ""
        return f"{lead}{sign}{SYMBOLS[code]}{digits.removeprefix(LRM)}"
    return f"{code} {text}"
