"""This app's part of `manage.py seed_demo` (idempotent)."""

from collections.abc import Callable


def seed(*, log: Callable[[str], None]) -> None:
    """Create the demo data of this app."""
