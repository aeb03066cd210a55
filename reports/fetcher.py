"""The only URL fetcher the PDF renderer uses.

WeasyPrint follows every URL in the HTML/CSS it renders: left alone, a crafted value could make it
read /etc/passwd (file://) or an internal service (http://169.254.169.254/…) into the PDF. The
report renders only the project's own templates and files, so everything else is refused.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from reports.constants import RENDER_ROOTS


class RefusedURL(ValueError):
    """A URL outside the report's own files."""


def allowed_path(url: str, roots: tuple[Path, ...] = RENDER_ROOTS) -> Path | None:
    """The local file a file:// URL names, if it lies inside one of `roots` (after resolving ..)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    if any(path.is_relative_to(root.resolve()) for root in roots) and path.is_file():
        return path
    return None


class ReportURLFetcher(URLFetcher):
    """Serves data: URIs and files under the report's own folders; refuses every other URL."""

    def __init__(self, roots: tuple[Path, ...] = RENDER_ROOTS) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self._roots = roots

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = allowed_path(url, self._roots)
        if path is None:
            raise RefusedURL(f"refused to fetch {url[:200]!r}: not one of the report's own files")
        return URLFetcherResponse(url, path.read_bytes())
