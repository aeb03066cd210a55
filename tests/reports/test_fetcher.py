from pathlib import Path

import pytest
from django.conf import settings
from weasyprint import HTML

from reports.fetcher import RefusedURL, ReportURLFetcher, allowed_path

OWN_FILE = settings.BASE_DIR / "templates" / "reports" / "pdf" / "report.css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        f"file://{settings.BASE_DIR}/pilot/settings.py",
        f"file://{OWN_FILE.parent}/../../../pilot/settings.py",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/logo.png",
        "ftp://example.com/x",
        "file://evil.example/etc/passwd",
    ],
)
def test_fetcher_refuses_urls_outside_the_reports_own_files(url: str) -> None:
    with pytest.raises(RefusedURL):
        ReportURLFetcher().fetch(url)


def test_fetcher_serves_the_reports_own_files_and_data_uris() -> None:
    assert ReportURLFetcher().fetch(OWN_FILE.as_uri()).read() == OWN_FILE.read_bytes()
    assert ReportURLFetcher().fetch("data:text/plain,hello").read() == b"hello"


def test_allowed_path_resolves_dot_dot_before_checking() -> None:
    assert allowed_path(f"file://{OWN_FILE.parent}/../../../pilot/settings.py") is None
    assert allowed_path(OWN_FILE.as_uri()) == OWN_FILE.resolve()


def test_weasyprint_with_the_fetcher_does_not_embed_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    html = f'<p>x</p><object data="{secret.as_uri()}"></object><img src="{secret.as_uri()}">'
    pdf = HTML(string=html, url_fetcher=ReportURLFetcher()).write_pdf()
    assert b"TOP-SECRET-VALUE" not in pdf
