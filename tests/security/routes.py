"""The routes of both URLconfs as (urlconf, pattern) pairs and a sample path for each, for the matrix test."""

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

URLCONFS = {"public": "pilot.urls_public", "tenant": "pilot.urls_tenant"}
# Values for path parameters: ids that do not exist (access is decided before the lookup), the test
# customer's slug for the back office's per-customer pages, a well-formed but unknown survey token.
SAMPLES = {"int": "999999", "slug": "alpha", "str": "0" * 64, "path": "999999"}


def _walk(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def routes() -> list[tuple[str, str]]:
    """Every route, once; format-suffix variants (`.json`) are left out: same view, same checks."""
    found = []
    for name, urlconf in URLCONFS.items():
        for route in _walk(get_resolver(urlconf).url_patterns):
            if "format" in route or (name, route) in found:
                continue
            found.append((name, route))
    return found


def sample_path(route: str) -> str:
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: SAMPLES["slug"] if m.group(1) == "slug" else "999999", route)
    path = re.sub(r"\([^)]*\)", "999999", path)  # unnamed regex groups (the admin's history pages)
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES.get(m.group(1) or "str", "999999"), path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")
