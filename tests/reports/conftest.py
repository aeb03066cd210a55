import re
import subprocess
import types
from pathlib import Path

import pytest

from reports import context
from tests.reports import fakes

NO_DATA_SECTIONS = ("phases", "budget", "training", "risks", "scorecard", "incidents", "feedback", "slo")

# pdftotext wraps right-to-left runs in bidi embedding marks; the tests compare plain text.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def report_media(settings, tmp_path: Path) -> Path:
    """Report files of a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def contract_selectors(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """The other apps' selectors answer the known figures of tests/reports/fakes.py."""
    for name, function in fakes.selector_functions().items():
        monkeypatch.setattr(context, name, function)
    return fakes


@pytest.fixture
def no_other_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every section but the customers says "no data yet", as when the other apps have nothing to say."""
    for section in NO_DATA_SECTIONS:
        monkeypatch.setattr(context, f"{section}_section", lambda **kwargs: context.NO_DATA)
    monkeypatch.setattr(
        context, "feedback_sections", lambda *, customers: (context.NO_DATA, {c.pk: context.NO_DATA for c in customers})
    )


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return BIDI_MARKS.sub("", text)
