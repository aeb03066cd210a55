"""Small helpers for reading requests, shared by the portal views of every app."""


def posted_id(value: str) -> int:
    """A posted row id, or 0 (no such row: the view's 404) for anything but a plain, small number:
    `int()` would take Arabic-Indic digits and fail past 4,300 digits, and a huge id overflows the column."""
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else 0
