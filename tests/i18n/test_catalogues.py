"""Every user-facing string has its Arabic translation: no catalogue entry is left empty or fuzzy."""

import re
from pathlib import Path

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
