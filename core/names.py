"""The one rule for bilingual text: a `<field>_ar` / `<field>_en` pair read in the active language."""

from django.utils.translation import get_language


class BilingualNameMixin:
    """Gives a model `localized("name")`: the Arabic text on an Arabic page when there is one, else the
    English (an untranslated row still shows something rather than a blank)."""

    def localized(self, field: str) -> str:
        arabic: str = getattr(self, f"{field}_ar", "")
        english: str = getattr(self, f"{field}_en")
        return arabic if get_language() == "ar" and arabic else english
