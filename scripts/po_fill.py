"""Fill a .po catalogue from a translator's table (run after makemessages).

Usage: python scripts/po_fill.py path/to/django.po TABLE
TABLE is a JSON object {msgid: translation}, or a Python file defining `AR` (same shape) and,
optionally, `PLURALS` ({msgid: [form0, …]}). Existing translations not in the table are kept; the
msgids still untranslated are printed. One filler for every app (polib does the quoting).
"""

import json
import runpy
import sys
from pathlib import Path

import polib


def table_load(path: str) -> tuple[dict[str, str], dict[str, list[str] | str]]:
    if path.endswith(".json"):
        return json.loads(Path(path).read_text(encoding="utf-8")), {}
    namespace = runpy.run_path(path)
    return namespace["AR"], namespace.get("PLURALS", {})


def po_fill(po: polib.POFile, singulars: dict[str, str], plurals: dict[str, list[str] | str]) -> list[str]:
    """Translate the entries found in the tables; returns the msgids left untranslated."""
    missing = []
    for entry in po:
        if entry.msgid_plural and entry.msgid in plurals:
            forms = plurals[entry.msgid]
            # A single text stands for every plural form (Arabic has six).
            forms = [forms] * max(len(entry.msgstr_plural), 1) if isinstance(forms, str) else forms
            entry.msgstr_plural = dict(enumerate(forms))
        elif not entry.msgid_plural and entry.msgid in singulars:
            entry.msgstr = singulars[entry.msgid]
        elif "fuzzy" in entry.flags:
            # msgmerge's guess from a similar msgid (often wrong): untranslated until a table says.
            entry.msgstr, entry.msgstr_plural = "", dict.fromkeys(entry.msgstr_plural, "")
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if not entry.translated():
            missing.append(entry.msgid)
    po.metadata_is_fuzzy = False
    return missing


if __name__ == "__main__":
    catalogue = polib.pofile(sys.argv[1])
    missing = po_fill(catalogue, *table_load(sys.argv[2]))
    catalogue.save()
    print("missing:", missing)
