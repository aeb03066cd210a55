"""Every user-facing string has its Arabic translation: no catalogue entry is left empty or fuzzy."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted([*ROOT.glob("*/locale/ar/LC_MESSAGES/django.po"), ROOT / "locale/ar/LC_MESSAGES/django.po"])
ENTRY = re.compile(r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?msgstr(?:\[0\])? ((?:".*"\n)+)', re.MULTILINE)


def _text(quoted: str) -> str:
    return "".join(re.findall(r'"(.*)"', quoted))


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_entry_is_translated(catalogue: Path) -> None:
    text = catalogue.read_text(encoding="utf-8")
    untranslated = [_text(msgid) for msgid, msgstr in ENTRY.findall(text) if _text(msgid) and not _text(msgstr)]
    assert untranslated == []
    assert "#, fuzzy" not in text


def test_every_app_with_strings_has_a_catalogue() -> None:
    apps = {path.parts[-5] for path in CATALOGUES if path.parts[-5] != "locale"}
    assert {"incidents", "feedback", "monitoring", "reports", "pilot"} <= apps


ARABIC_PLURALS = (
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;"
)


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_arabic_plurals_have_six_forms_that_differ(catalogue: Path) -> None:
    """Arabic counts one, two, a few and many differently: every plural entry carries the six forms of
    the catalogue's Plural-Forms header, and "one" never reads like "many" (no copy of one text six times)."""
    po = polib.pofile(str(catalogue))
    assert " ".join(po.metadata["Plural-Forms"].split()) == ARABIC_PLURALS
    for entry in (e for e in po if e.msgid_plural and not e.obsolete):
        forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        assert len(forms) == 6, entry.msgid
        assert forms[1] != forms[5] and forms[2] != forms[5], entry.msgid


def test_vote_counts_read_right_in_arabic() -> None:
    from django.utils import translation
    from django.utils.translation import ngettext

    with translation.override("ar"):
        words = [ngettext("%(votes)s vote", "%(votes)s votes", n) % {"votes": n} for n in (1, 2, 4, 11, 100)]
    assert words == ["صوت واحد", "صوتان", "4 أصوات", "11 صوتاً", "100 صوت"]


def test_djangos_formset_counts_read_in_arabic() -> None:
    """Django's own Arabic catalogue keeps these under older msgids, so the survey builder said "Please submit at
    least 1 form." in English on an Arabic page; the project's catalogue carries them."""
    from django.utils import translation
    from django.utils.translation import ngettext

    with translation.override("ar"):
        least = ngettext("Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", 1)
        most = ngettext("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 11)
    assert (least, most % {"num": 11}) == ("يرجى إرسال نموذج واحد على الأقل.", "يرجى إرسال 11 نموذجاً على الأكثر.")
