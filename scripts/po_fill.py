"""Fill empty msgstr entries of a .po file from a {msgid: translation} JSON file (a translator's helper).

Usage: python scripts/po_fill.py path/to/django.po translations.json
"""

import json
import re
import sys


def fill(po_text: str, translations: dict[str, str]) -> tuple[str, int]:
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        msgid = (
            "".join(re.findall(r'"(.*)"', match.group(1)))
            .encode()
            .decode("unicode_escape")
            .encode("latin-1")
            .decode("utf-8")
        )
        if msgid not in translations:
            return match.group(0)
        count += 1
        escaped = translations[msgid].replace("\\", "\\\\").replace('"', '\\"')
        return f'msgid {match.group(1)}msgstr "{escaped}"\n'

    text = re.sub(r'msgid ((?:".*"\n)+)msgstr ""\n(?!")', replace, po_text)
    return text.replace("#, fuzzy\n", ""), count


if __name__ == "__main__":
    path, table = sys.argv[1], sys.argv[2]
    with open(table, encoding="utf-8") as handle:
        translations = json.load(handle)
    with open(path, encoding="utf-8") as handle:
        text, count = fill(handle.read(), translations)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"{count} entries translated")
