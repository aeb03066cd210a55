"""pilot/warmup.py: what a web process loads before its first request."""

import gc
from collections.abc import Iterator

import pytest
from django.template import engines
from django.urls import get_resolver

from pilot.warmup import WARM_TEMPLATES, process_warm


@pytest.fixture(autouse=True)
def _heap_unfrozen() -> Iterator[None]:
    """process_warm() freezes the heap; the test process's own objects go back to the collector afterwards."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_busiest_templates_and_both_url_configurations_are_loaded() -> None:
    engine = engines["django"].engine
    cached = next(loader for loader in engine.template_loaders if hasattr(loader, "get_template_cache"))
    cached.reset()
    process_warm()
    names = set(cached.get_template_cache)
    assert {"admin/base_site.html", "incidents/backoffice/queue.html", "feedback/survey/page.html"} <= names
    assert len(names & set(WARM_TEMPLATES)) == len(WARM_TEMPLATES)  # every name exists: none was renamed away
    assert get_resolver("pilot.urls_public")._populated and get_resolver("pilot.urls_tenant")._populated


def test_the_warmed_heap_is_frozen_out_of_the_collector_s_reach() -> None:
    process_warm()
    # What was alive at warm-up is left out of every later collection; only newer objects are tracked.
    assert gc.get_freeze_count() > 10_000
    assert len(gc.get_objects(generation=2)) < gc.get_freeze_count() / 10
