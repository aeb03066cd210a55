"""Survey responses as CSV and XLSX files that are safe to open in a spreadsheet.

A cell starting with = + - @ (or a tab / carriage return) would run as a formula in Excel or
LibreOffice (CSV injection, OWASP): such text is prefixed with an apostrophe, which spreadsheets
show as plain text. Numbers (scores) are written as numbers and never need it.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | None


def cell_safe(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows_csv(*, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Arabic text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell_safe(h) for h in header])
    writer.writerows([cell_safe(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def rows_xlsx(*, header: Sequence[str], rows: Iterable[Sequence[Cell]], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([cell_safe(h) for h in header])
    for row in rows:
        sheet.append([cell_safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
