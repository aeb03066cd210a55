import re
import subprocess
import sys
import types
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

from tenants.portal_views import PANEL_MODULES
from tests.reports import fakes

# pdftotext wraps right-to-left runs in bidi embedding marks; the tests compare plain text.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MISSING = types.ModuleType("missing")  # a module without the contract's functions: AttributeError


@pytest.fixture(autouse=True)
def report_media(settings, tmp_path: Path) -> Path:
    """Report files of a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _urlconfs_loaded() -> None:
    # The other apps' views import their real selectors: load them before the stand-ins go in.
    import_module(settings.PUBLIC_SCHEMA_URLCONF)
    import_module(settings.ROOT_URLCONF)
    for name in PANEL_MODULES:
        import_module(name)
    engines["django"].engine.template_libraries  # noqa: B018 - loads every app's template tags now


@pytest.fixture
def contract_selectors(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """The other apps' selectors answer the known figures of tests/reports/fakes.py."""
    _urlconfs_loaded()
    for name, module in fakes.selector_modules().items():
        monkeypatch.setitem(sys.modules, name, module)
    return fakes


@pytest.fixture
def no_other_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if no feature app had landed: every section but the customers says "no data yet"."""
    _urlconfs_loaded()
    for name in fakes.selector_modules():
        monkeypatch.setitem(sys.modules, name, MISSING)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return BIDI_MARKS.sub("", text)
