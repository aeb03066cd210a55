"""Figures that span every customer, computed at most once a minute and shared by every process.

The program dashboard, the scorecard, the SLO overview and the feedback dashboard each aggregate all
customers' data: tens of milliseconds of CPU per view at 50 customers. Twenty program staff reloading them
would keep both cores of a web node busy with the same arithmetic. What they show comes from data that
moves slowly anyway (SLI samples are pulled every few minutes, survey answers arrive over days), so the
result is kept in the cache (Redis, shared by every gunicorn process) for FIGURES_CACHE_SECONDS and each
page says when its figures were computed. Decisions made on the pages (a judgement, a ticked checklist
item) are not cached: only the measured figures are.

FIGURES_CACHE_SECONDS = 0 computes on every call (the tests set it, so that a write shows in the next read).
"""

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

T = TypeVar("T")
KEY_PREFIX = "figures:v1"


@dataclass(frozen=True)
class Figures(Generic[T]):
    value: T
    computed_at: dt.datetime
    from_cache: bool  # computed by an earlier request (or another process) within the cache's lifetime

    @property
    def as_of(self) -> dt.datetime | None:
        """When the figures were computed, for the page to show; None when every read computes them."""
        return self.computed_at if cache_seconds() > 0 else None


def cache_seconds() -> int:
    return int(settings.FIGURES_CACHE_SECONDS)


def figures_time() -> dt.datetime | None:
    """The time to print in figures being computed now, for a block that is rendered into the cache: None
    when every read computes them (nothing to say)."""
    return timezone.now() if cache_seconds() > 0 else None


def figures_key(name: str, *parts: object) -> str:
    """The cache key of `name` for these arguments in the active language (texts inside are translated)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    return f"{KEY_PREFIX}:{name}:{get_language() or settings.LANGUAGE_CODE}:{digest}"


def figures_get(name: str, compute: Callable[[], T], *parts: object) -> Figures[T]:
    """`compute()`'s answer for (name, parts), from the cache when an earlier call made it less than
    FIGURES_CACHE_SECONDS ago. Redis down: computed every time (the cache fails open)."""
    seconds = cache_seconds()
    if seconds <= 0:
        return Figures(compute(), timezone.now(), from_cache=False)
    key = figures_key(name, *parts)
    hit = cache.get(key)
    if isinstance(hit, Figures):
        return Figures(hit.value, hit.computed_at, from_cache=True)
    fresh = Figures(compute(), timezone.now(), from_cache=False)
    cache.set(key, fresh, seconds)
    return fresh
